/** Every error class of the API client: Chatwoot's own errors from the fake, transport and shape errors from raw servers. */
import * as assert from 'node:assert/strict';
import { ChatwootClient, ChatwootError, createDispatcher, type ChatwootErrorKind } from '../../../src/api';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { closedPort, rawServer, type RawServer } from '../helpers/rawServer';
import { assignAgent } from '../../support/clientExtras';

async function rejectsWith(promise: Promise<unknown>, kind: ChatwootErrorKind, check?: (e: ChatwootError) => void): Promise<ChatwootError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ChatwootError, `expected ChatwootError, got ${String(e)}`);
    assert.equal(e.kind, kind, `kind of "${e.message}"`);
    check?.(e);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}

describe('ChatwootClient errors from Chatwoot', () => {
  let ctx: FakeContext;
  before(async () => {
    ctx = await useFake();
  });
  after(() => ctx.close());
  beforeEach(() => ctx.control('POST', 'reset'));

  it('invalid token → invalid-token, keeping the server message', async () => {
    await rejectsWith(ctx.client('nope').getProfile(), 'invalid-token', (e) => {
      assert.equal(e.status, 401);
      assert.equal(e.serverMessage, 'Invalid Access Token');
    });
  });

  it('no token header (as when a proxy drops it) → not-signed-in, with a proxy hint', async () => {
    await rejectsWith(ctx.client('').getProfile(), 'not-signed-in', (e) => {
      assert.equal(e.serverMessage, 'You need to sign in or sign up before continuing.');
      assert.match(e.message, /proxy/i);
    });
  });

  it('bot token on a user endpoint → bot-token; allowed on assignments', async () => {
    const bot = ctx.client(SEED_TOKENS.triageBot);
    await rejectsWith(bot.getProfile(), 'bot-token', (e) => assert.match(e.serverMessage ?? '', /not authorized for bots/));
    await rejectsWith(bot.listAgents(1), 'bot-token');
    const result = await assignAgent(bot, 1, 1, 3);
    assert.equal(result.kind === 'agent' && result.agent?.id, 3);
  });

  it('suspended account → account-suspended', async () => {
    await rejectsWith(ctx.client(SEED_TOKENS.alice).listConversations(3), 'account-suspended', (e) => assert.equal(e.serverMessage, 'Account is suspended'));
  });

  it('not a member of the account → not-account-member (bots too)', async () => {
    await rejectsWith(ctx.client(SEED_TOKENS.bob).listConversations(2), 'not-account-member', (e) =>
      assert.equal(e.serverMessage, 'You are not authorized to access this account'),
    );
    await rejectsWith(assignAgent(ctx.client(SEED_TOKENS.betaBot), 1, 1, 2), 'not-account-member', (e) =>
      assert.equal(e.serverMessage, 'Bot is not authorized to access this account'),
    );
  });

  it('policy denial is 401 → not-permitted (never 403)', async () => {
    await rejectsWith(ctx.client(SEED_TOKENS.ivan).getConversation(1, 1), 'not-permitted', (e) => {
      assert.equal(e.status, 401);
      assert.equal(e.serverMessage, 'You are not authorized to do this action');
    });
    await rejectsWith(assignAgent(ctx.client(SEED_TOKENS.bob), 1, 21, 2), 'not-permitted');
    await rejectsWith(ctx.client(SEED_TOKENS.bob).listAssignableAgents(1, [3]), 'not-permitted');
  });

  it('unknown conversation, account, team or inbox → not-found', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    await rejectsWith(alice.getConversation(1, 999), 'not-found', (e) => assert.equal(e.serverMessage, 'Resource could not be found'));
    await rejectsWith(alice.listConversations(999), 'not-found');
    await rejectsWith(alice.listConversations(1, { teamId: 999 }), 'not-found');
    await rejectsWith(alice.listAssignableAgents(1, [99]), 'not-found');
  });

  it('a 5xx on an assignment → server-error, and the conversation is unchanged (edge 47)', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    for (const status of [500, 502, 503]) {
      await ctx.control('POST', 'config', { fail_next: { path_regex: 'assignments', status, body: '{"status":500,"error":"Internal Server Error"}' } });
      await rejectsWith(assignAgent(alice, 1, 21, 2), 'server-error', (e) => assert.equal(e.status, status));
      const posts = ctx.fake.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, [500, 502, 503].indexOf(status) + 1, 'an assignment POST is never retried');
      assert.equal((await alice.getConversation(1, 21)).meta.assignee, undefined);
    }
  });

  it('a forced 429 on a GET waits for the next rate-limit window, then succeeds (edge 46)', async () => {
    // Chatwoot's 429 has no Retry-After; its window is a fixed minute, so the retry waits for the
    // next one (+1 s margin). A virtual clock 0.5 s before the minute makes that wait 1.5 s, unslept.
    let now = Date.UTC(2026, 0, 1, 10, 0, 59, 500);
    const sleeps: number[] = [];
    const clock = {
      now: () => now,
      sleep: (ms: number) => {
        sleeps.push(ms);
        now += ms;
        return Promise.resolve();
      },
    };
    await ctx.control('POST', 'throttle', { force: true });
    const profile = await ctx.client(SEED_TOKENS.alice, { clock }).getProfile();
    assert.equal(profile.id, 1);
    assert.deepEqual(
      ctx.fake.requests.map((r) => r.status),
      [429, 200],
    );
    assert.deepEqual(sleeps, [1_500]);
  });

  it('429 with retries exhausted → rate-limited', async () => {
    await ctx.control('POST', 'throttle', { limit: 1, period_s: 60 });
    const client = ctx.client(SEED_TOKENS.alice, { dispatcher: { maxRetries: 0 } });
    await client.getProfile();
    await rejectsWith(client.getProfile(), 'rate-limited', (e) => {
      assert.equal(e.status, 429);
    });
  });

  it('a slow server beyond the deadline → timeout', async () => {
    await ctx.control('POST', 'config', { latency_ms: 500 });
    await rejectsWith(ctx.client(SEED_TOKENS.alice, { timeoutMs: 100 }).getProfile(), 'timeout');
  });

  it('an aborted signal → cancelled, at once', async () => {
    await ctx.control('POST', 'config', { latency_ms: 2000 });
    const controller = new AbortController();
    const started = Date.now();
    const call = ctx.client(SEED_TOKENS.alice).listAgents(1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(call, 'cancelled');
    assert.ok(Date.now() - started < 1000);
  });
});

describe('ChatwootClient errors from the transport and bad bodies', () => {
  let server: RawServer | undefined;
  const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, maxRetries: 0, useEnvironmentProxy: false, headersTimeoutMs: 300, bodyTimeoutMs: 300 });
  const clientFor = (url: string, maxResponseBytes?: number) => new ChatwootClient({ baseUrl: url, token: 'tok', dispatcher, maxResponseBytes });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => dispatcher.close());

  const serve = async (status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    server = await rawServer((_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    });
    return clientFor(server.url);
  };

  it('connection refused → network with a clear message', async () => {
    const port = await closedPort();
    await rejectsWith(clientFor(`http://127.0.0.1:${port}`).getProfile(), 'network', (e) => {
      assert.equal(e.code, 'ECONNREFUSED');
      assert.match(e.message, /connection refused/);
    });
  });

  it('malformed JSON → invalid-response', async () => {
    const client = await serve(200, '{"id": 1,');
    await rejectsWith(client.getProfile(), 'invalid-response', (e) => assert.match(e.message, /not JSON/));
  });

  it('valid JSON of the wrong shape → invalid-response naming the zod issue path', async () => {
    const client = await serve(200, JSON.stringify({ data: { meta: { mine_count: 0, assigned_count: 0, unassigned_count: 0, all_count: 1 }, payload: [{ id: 'x' }] } }));
    await rejectsWith(client.listConversations(1), 'invalid-response', (e) => {
      assert.equal(e.issuePath, 'data.payload[0].meta');
      assert.match(e.issues ?? '', /payload/);
    });
  });

  it('an empty body where JSON is expected → invalid-response', async () => {
    const client = await serve(200, '');
    await rejectsWith(client.getProfile(), 'invalid-response', (e) => assert.match(e.message, /empty body/));
  });

  it('an oversized body → invalid-response, and the socket is released', async () => {
    server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${'1,'.repeat(100_000)}1]`);
    });
    await rejectsWith(clientFor(server.url, 64 * 1024).listAgents(1), 'invalid-response', (e) => assert.match(e.message, /more than 64 KB/));
  });

  it('a redirect is not followed → redirect, and the token never reaches the other origin', async () => {
    const other = await rawServer((_req, res) => res.end('{}'));
    try {
      server = await rawServer((_req, res) => {
        res.writeHead(302, { location: `${other.url}/api/v1/profile` });
        res.end();
      });
      await rejectsWith(clientFor(server.url).getProfile(), 'redirect', (e) => assert.equal(e.location, `${other.url}/api/v1/profile`));
      assert.equal(other.seen.length, 0);
    } finally {
      await other.close();
    }
  });

  it('a 429 text/plain body is kept as the server message', async () => {
    const client = await serve(429, 'Retry later\n', { 'content-type': 'text/plain' });
    await rejectsWith(client.getProfile(), 'rate-limited', (e) => assert.equal(e.serverMessage, 'Retry later'));
  });

  it('a 422 keeps the message and attributes', async () => {
    const client = await serve(422, JSON.stringify({ message: 'Name is too long', attributes: ['name'] }));
    await rejectsWith(client.getProfile(), 'validation', (e) => {
      assert.equal(e.serverMessage, 'Name is too long');
      assert.deepEqual(e.attributes, ['name']);
    });
  });

  it('headers that never come → timeout, marked maybe-processed for a POST', async () => {
    server = await rawServer(() => undefined);
    await rejectsWith(assignAgent(clientFor(server.url), 1, 1, 2), 'timeout', (e) => assert.equal(e.maybeProcessed, true));
  });

  it('a connection reset mid-body → network, maybe-processed for a POST', async () => {
    server = await rawServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"id": 2, "name": "Bo');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await rejectsWith(assignAgent(clientFor(server.url), 1, 1, 2), 'network', (e) => assert.equal(e.maybeProcessed, true));
  });
});
