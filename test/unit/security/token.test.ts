/**
 * Where the API token may go, in plain Node: only to the origin the client was made for (never to
 * another server, whatever the path, never after a redirect), never over plain http off loopback,
 * and never into the log.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { ChatwootClient, isChatwootError } from '../../../src/api';
import { createDispatcher } from '../../../src/api/dispatcher';
import { Transport } from '../../../src/api/http';
import { createLogger } from '../../../src/util/log';
import { checkServerUrl } from '../../../src/util/serverUrl';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';
import { rawServer, type RawServer } from '../helpers/rawServer';
import { assignAgent, listLabels, unassign } from '../../support/clientExtras';

const TOKEN = SEED_TOKENS.alice;

describe('security: the token goes only to the server it is for', function () {
  this.timeout(10_000);
  let a: FakeChatwoot;
  let b: FakeChatwoot;
  let dispatcher: Dispatcher;

  before(async () => {
    [a, b] = await Promise.all([startFakeChatwoot(), startFakeChatwoot()]);
    dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, maxRetries: 0, useEnvironmentProxy: false });
  });
  after(async () => {
    await dispatcher.close();
    await Promise.all([a.close(), b.close()]);
  });

  it('a client for server A, used for everything the extension does, never contacts B', async () => {
    const client = new ChatwootClient({ baseUrl: a.url, token: TOKEN, dispatcher });
    const profile = await client.getProfile();
    const account = profile.accounts[0].id;
    const page = await client.listConversations(account, { assigneeType: 'all' });
    const conversation = page.conversations[0];
    await client.getConversation(account, conversation.id);
    await client.listAgents(account);
    await client.listTeams(account);
    await client.listInboxes(account);
    await listLabels(client, account);
    await client.getConversationCounts(account);
    await client.listAssignableAgents(account, [conversation.inbox_id]);
    await assignAgent(client, account, conversation.id, profile.id);
    await unassign(client, account, conversation.id);
    assert.ok(a.requests.length >= 10);
    assert.ok(a.requests.every((r) => r.token === TOKEN));
    assert.deepEqual(b.requests, [], 'B saw nothing');
  });

  it('no path can leave the configured origin (refused before any request, or sent to A)', async () => {
    const bHost = new URL(b.url).host;
    for (const base of [a.url, `${a.url}/prefix`]) {
      const transport = new Transport({ baseUrl: base, token: TOKEN, dispatcher });
      for (const path of [`//${bHost}/api/v1/profile`, `/\\${bHost}/api/v1/profile`, `${b.url}/api/v1/profile`, 'https://example.com/']) {
        const before = a.requests.length;
        const error = await transport.call('GET', path, { empty: true }).then(
          () => undefined,
          (e: unknown) => e,
        );
        const refused = error instanceof TypeError && /must start with "\/"|left the configured server origin/.test(error.message);
        const answeredByA = isChatwootError(error) && error.kind === 'not-found' && a.requests.length === before + 1;
        assert.ok(refused || answeredByA, `${base} + ${path}: ${String(error)}`);
      }
    }
    assert.deepEqual(b.requests, []);
  });

  describe('redirects are never followed with the token', () => {
    let redirector: RawServer;
    let target: RawServer;
    before(async () => {
      target = await rawServer((_req, res) => res.end('{}'));
    });
    after(() => target.close());
    afterEach(() => redirector?.close());

    for (const status of [301, 302, 303, 307, 308]) {
      it(`${status}, for GET and for POST: a "redirect" error, and the other server sees nothing`, async () => {
        redirector = await rawServer((_req, res) => {
          res.writeHead(status, { location: `${target.url}/api/v1/profile` });
          res.end();
        });
        const client = new ChatwootClient({ baseUrl: redirector.url, token: TOKEN, dispatcher });
        for (const call of [() => client.getProfile(), () => assignAgent(client, 1, 21, 2)]) {
          await assert.rejects(call(), (e: unknown) => isChatwootError(e) && e.kind === 'redirect' && e.location === `${target.url}/api/v1/profile`);
        }
        assert.equal(redirector.seen.length, 2);
        assert.deepEqual(target.seen, []);
      });
    }
  });
});

describe('security: plain http:// is refused off loopback', () => {
  it('says why, in words, for every non-loopback host (names that only look local included)', () => {
    for (const url of [
      'http://chatwoot.example.com',
      'http://10.0.0.5:3000',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://[::ffff:127.0.0.1]',
      'http://0.0.0.0',
    ]) {
      const r = checkServerUrl(url);
      assert.ok('error' in r, url);
      assert.match(r.error, /^Refusing plain http:\/\/ for .+: the API token would travel unencrypted\. Use https:\/\//, url);
    }
  });
  it('accepts https anywhere and http on loopback only', () => {
    for (const url of ['https://chatwoot.example.com', 'http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:3000']) assert.ok('url' in checkServerUrl(url), url);
  });
});

describe('security: the log never shows a registered secret', () => {
  function channel() {
    const lines: string[] = [];
    const sink = (level: string) => (m: string) => lines.push(`${level} ${m}`);
    const ch = { trace: sink('trace'), debug: sink('debug'), info: sink('info'), warn: sink('warn'), error: sink('error'), show: () => undefined };
    return { lines, ch };
  }

  it('redacts it at every level, in messages and in error stacks, until it is forgotten', () => {
    const { lines, ch } = channel();
    const log = createLogger(ch as never);
    const forget = log.redact(TOKEN);
    log.trace(`GET /api/v1/profile with ${TOKEN}`);
    log.debug(TOKEN);
    log.info(`x${TOKEN}x`);
    log.warn(`${TOKEN} ${TOKEN}`);
    log.error('failed', new Error(`server echoed ${TOKEN}`));
    assert.equal(lines.length, 5);
    assert.ok(
      lines.every((l) => !l.includes(TOKEN)),
      lines.join('\n'),
    );
    assert.ok(lines.every((l) => l.includes('***')));
    forget();
    log.info(`after sign-out: ${TOKEN.slice(0, 6)}`);
    assert.match(lines.at(-1) ?? '', /after sign-out/);
  });
});
