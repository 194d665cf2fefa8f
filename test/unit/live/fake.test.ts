/**
 * The live client against the fake Chatwoot's /cable (test/fake-chatwoot/cable): the shared
 * scenarios, plus what only a whole fake Chatwoot can show — credentials read from the profile,
 * events caused by a REST assignment, the Origin sent, a 503 upgrade that is not retried.
 */
import * as assert from 'node:assert/strict';
import { createDispatcher } from '../../../src/api';
import { LiveClient, readLiveCredentials, type LiveEvent, type LiveState } from '../../../src/live';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { seedPubsubToken } from '../../fake-chatwoot';
import { defineLiveScenarios, waitFor, type CableTarget } from './scenarios';
import { assignAgent } from '../../support/clientExtras';

const ALICE = 1; // administrator of account 1, agent of account 2 (account 3 is suspended)
const PING_MS = 100;

describe('live client ↔ fake Chatwoot /cable', function () {
  this.timeout(20_000);
  let ctx: FakeContext;
  let target: CableTarget;
  let token = seedPubsubToken(ALICE);

  before(async () => {
    ctx = await useFake();
    const control = (path: string, body?: unknown) => ctx.control('POST', path, body);
    const seed = async () => {
      await control('reset');
      await control('cable/pings', { interval_ms: PING_MS });
      token = seedPubsubToken(ALICE);
    };
    await seed();
    target = {
      serverUrl: ctx.fake.url,
      pingIntervalMs: PING_MS,
      user: () => ({ pubsubToken: token, userId: ALICE, accountIds: [1, 2] }),
      async rotate() {
        token = ((await control('cable/rotate', { user_id: ALICE })) as { pubsub_token: string }).pubsub_token;
        return token;
      },
      toUser: async (event, data) => void (await control('cable/broadcast', { user_id: ALICE, event, data })),
      toAccount: async (accountId, event, data) => void (await control('cable/broadcast', { stream: `account_${accountId}`, event, data })),
      async drop(how) {
        await control('cable/drop', how.disconnectFrame ? { reason: how.reason, reconnect: how.reconnect } : { disconnect_frame: false, terminate: true });
      },
      pings: async (enabled) => void (await control('cable/pings', { enabled })),
      async refusing404() {
        await control('cable/refuse', { status: 404 });
        return ctx.fake.url;
      },
      connections: async () => ((await ctx.control('GET', 'cable')) as { sockets: unknown[] }).sockets.length,
      reset: seed,
    };
  });

  after(async () => {
    await ctx?.close();
  });

  describe('shared scenarios', () => {
    defineLiveScenarios(() => target);
  });

  describe('with the whole fake', () => {
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, useEnvironmentProxy: false });
    let client: LiveClient | undefined;
    after(() => dispatcher.close());
    afterEach(async () => {
      await client?.close();
      client = undefined;
      await target.reset();
    });

    it('reads the credentials from the profile (active accounts only) and receives the events of a REST assignment', async () => {
      const credentials = await readLiveCredentials({ baseUrl: ctx.fake.url, token: SEED_TOKENS.alice, dispatcher });
      assert.deepEqual(credentials, { pubsubToken: seedPubsubToken(ALICE), userId: ALICE, accountIds: [1, 2] });
      const events: LiveEvent[] = [];
      client = new LiveClient({ serverUrl: ctx.fake.url, dispatcher, credentials, confirmTimeoutMs: 2_000 });
      client.onEvent((e) => events.push(e));
      client.start();
      await waitFor('live', () => client?.state.kind === 'live' && client.state.pendingAccountIds.length === 0);
      const rest = ctx.client(SEED_TOKENS.bob);
      // Bob (agent of account 1, inbox 1) assigns conversation 1 (inbox 1) to Carol; Alice is an administrator.
      await assignAgent(rest, 1, 1, 3);
      await waitFor('assignee.changed', () => events.some((e) => e.name === 'assignee.changed'));
      const e = events.find((x) => x.name === 'assignee.changed');
      assert.equal(e?.accountId, 1);
      assert.equal(e?.name === 'assignee.changed' && e.conversation.id, 1);
      assert.equal(e?.name === 'assignee.changed' && e.conversation.meta?.assignee?.id, 3);
      await waitFor('conversation.updated', () => events.some((x) => x.name === 'conversation.updated'));
      assert.equal(events.filter((x) => x.name === 'assignee.changed').length, 1, 'once, although Alice holds two subscriptions');
    });

    it('sends the server origin as Origin; a 503 upgrade is reported at once (no retry by the REST dispatcher)', async () => {
      const states: LiveState[] = [];
      client = new LiveClient({ serverUrl: ctx.fake.url, dispatcher, credentials: target.user(), backoff: { minMs: 60_000 } });
      client.onStateChange((s) => states.push(s));
      client.start();
      await waitFor('live', () => client?.state.kind === 'live');
      const sockets = ((await ctx.control('GET', 'cable')) as { sockets: Array<{ origin: string | null }> }).sockets;
      assert.deepEqual(
        sockets.map((s) => s.origin),
        [ctx.fake.url],
      );
      await client.close();

      await ctx.control('POST', 'cable/refuse', { status: 503 });
      const t0 = Date.now();
      client = new LiveClient({ serverUrl: ctx.fake.url, dispatcher, credentials: target.user(), backoff: { minMs: 60_000 } });
      client.start();
      await waitFor('refused', () => client?.state.kind === 'refused');
      assert.ok(Date.now() - t0 < 400, `took ${Date.now() - t0} ms: the dispatcher's retry interceptor must not retry the upgrade`);
      const s = client.state;
      assert.equal(s.kind === 'refused' && s.status, 503);
    });
  });
});
