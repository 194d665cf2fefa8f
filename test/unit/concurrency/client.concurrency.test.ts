/**
 * Races, cancellation and leaks at the API layer: the server's state wins, an abort closes the
 * socket, and nothing (sockets, timers) outlives the work.
 */
import * as assert from 'node:assert/strict';
import type * as http from 'node:http';
import { ChatwootClient, ChatwootError, createDispatcher } from '../../../src/api';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { rawServer } from '../helpers/rawServer';
import { assignAgent, assignTeam } from '../../support/clientExtras';

interface StateRecord {
  assignee_id: number | null;
  team_id: number | null;
}

/** Handles Node keeps alive for us: sockets and timers (the signal of a leak). */
function liveHandles(): { sockets: number; timers: number } {
  const info = process.getActiveResourcesInfo();
  return { sockets: info.filter((r) => r === 'TCPSocketWrap').length, timers: info.filter((r) => r === 'Timeout').length };
}

describe('concurrency and cancellation (API layer)', () => {
  let ctx: FakeContext;
  before(async () => {
    ctx = await useFake();
  });
  after(() => ctx.close());
  beforeEach(() => ctx.control('POST', 'reset'));

  const state = async (account: number, id: number) => (await ctx.control('GET', `state/conversations/${account}/${id}`)) as StateRecord;

  it('two assignments racing on one conversation: both answered, the re-read equals the server state', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    const results = await Promise.all([assignAgent(alice, 1, 21, 2), assignAgent(alice, 1, 21, 3)]);
    assert.deepEqual(
      results.map((r) => r.kind === 'agent' && r.agent?.id),
      [2, 3],
    );
    const server = await state(1, 21);
    const reread = await alice.getConversation(1, 21);
    assert.ok([2, 3].includes(server.assignee_id ?? -1));
    assert.equal(reread.meta.assignee?.id, server.assignee_id, 'the client reports what the server recorded');
  });

  it('an agent and a team racing: each key in its own request, the final state is consistent', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    await Promise.all([assignTeam(alice, 1, 22, 1), assignAgent(alice, 1, 22, 3)]);
    const server = await state(1, 22);
    const reread = await alice.getConversation(1, 22);
    assert.equal(reread.meta.team?.id ?? null, server.team_id);
    assert.equal(reread.meta.assignee?.id ?? null, server.assignee_id);
    const bodies = ctx.fake.requests.filter((r) => r.method === 'POST').map((r) => Object.keys(r.body as object));
    assert.deepEqual(bodies.sort(), [['assignee_id'], ['team_id']]);
  });

  it('50 sequential assignments end in the last one, with no socket or timer left behind', async () => {
    const before = liveHandles();
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, useEnvironmentProxy: false });
    const alice = new ChatwootClient({ baseUrl: ctx.fake.url, token: SEED_TOKENS.alice, dispatcher });
    const agents = [2, 3, 4, 5, 1];
    for (let i = 0; i < 50; i++) await assignAgent(alice, 1, 21, agents[i % agents.length]);
    assert.equal((await state(1, 21)).assignee_id, agents[49 % agents.length]);
    assert.equal(ctx.fake.requests.filter((r) => r.method === 'POST').length, 50);
    await dispatcher.close();
    await new Promise((r) => setTimeout(r, 50));
    const after = liveHandles();
    assert.ok(after.sockets <= before.sockets, `sockets: ${before.sockets} → ${after.sockets}`);
    assert.ok(after.timers <= before.timers + 1, `timers: ${before.timers} → ${after.timers}`);
  });

  it('an abort closes the socket at once, and no response is waited for', async () => {
    let closedAt = 0;
    let receivedAt = 0;
    const held: http.ServerResponse[] = [];
    const server = await rawServer((req, res) => {
      receivedAt = Date.now();
      held.push(res); // never answers
      req.socket.once('close', () => (closedAt = Date.now()));
    });
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, maxRetries: 0, useEnvironmentProxy: false });
    try {
      const client = new ChatwootClient({ baseUrl: server.url, token: 't', dispatcher });
      const controller = new AbortController();
      const call = client.listAgents(1, { signal: controller.signal });
      while (receivedAt === 0) await new Promise((r) => setTimeout(r, 5));
      const abortedAt = Date.now();
      controller.abort();
      await assert.rejects(call, (e) => e instanceof ChatwootError && e.kind === 'cancelled');
      while (closedAt === 0 && Date.now() - abortedAt < 2000) await new Promise((r) => setTimeout(r, 5));
      assert.ok(closedAt > 0 && closedAt - abortedAt < 500, `socket closed ${closedAt - abortedAt} ms after the abort`);
    } finally {
      await dispatcher.close();
      await server.close();
    }
  });

  it('aborting many parallel reads leaves the dispatcher reusable and the server unchanged', async () => {
    await ctx.control('POST', 'config', { latency_ms: 300 });
    const alice = ctx.client(SEED_TOKENS.alice);
    const controller = new AbortController();
    const calls = Array.from({ length: 10 }, (_, i) => alice.getConversation(1, i + 1, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    const settled = await Promise.allSettled(calls);
    assert.ok(settled.every((s) => s.status === 'rejected' && s.reason instanceof ChatwootError && s.reason.kind === 'cancelled'));
    await ctx.control('POST', 'config', { latency_ms: 0 });
    assert.equal((await alice.getConversation(1, 1)).id, 1, 'the same client works afterwards');
  });

  it('a timeout during an assignment is reported as maybe-processed, and the re-read shows what the server did', async () => {
    await ctx.control('POST', 'config', { latency_ms: 400 });
    const alice = ctx.client(SEED_TOKENS.alice, { timeoutMs: 150 });
    await assert.rejects(assignAgent(alice, 1, 21, 2), (e) => e instanceof ChatwootError && e.kind === 'timeout' && e.maybeProcessed);
    await ctx.control('POST', 'config', { latency_ms: 0 });
    // The fake applies a request once it has read it; the caller must re-read rather than assume.
    await new Promise((r) => setTimeout(r, 400));
    const reread = await ctx.client(SEED_TOKENS.alice).getConversation(1, 21);
    assert.equal(reread.meta.assignee?.id ?? null, (await state(1, 21)).assignee_id);
  });
});
