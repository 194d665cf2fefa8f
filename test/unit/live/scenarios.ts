/**
 * The live client against a real server, as scenarios shared by every server that speaks Chatwoot's
 * ActionCable: the real one (ruby-actioncable under puma, actioncable.test.ts) and the fake Chatwoot
 * (fake.test.ts). Each server is wrapped in a `CableTarget` that knows how to push events, drop
 * sockets, stop pings, rotate tokens and refuse upgrades.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { createDispatcher } from '../../../src/api';
import { LiveClient, type LiveClientOptions, type LiveCredentials, type LiveEvent, type LiveState } from '../../../src/live';
import { conversationPush, recordingLogger, type RecordingLogger } from './harness';

export interface CableTarget {
  /** The "Chatwoot server URL" (the cable is at /cable). */
  serverUrl: string;
  /** Seconds between the server's pings, as configured for the tests. */
  pingIntervalMs: number;
  /** A user with two accounts, with the token the server currently knows. */
  user(): LiveCredentials;
  /** Gives the user a new pubsub token (old subscriptions hear nothing any more); returns it. */
  rotate(): Promise<string>;
  /** An event on the user's token stream (every subscription of the user hears it). */
  toUser(event: string, data: unknown): Promise<void>;
  /** An event on `account_<id>` (only subscriptions for that account hear it). */
  toAccount(accountId: number, event: string, data: unknown): Promise<void>;
  /** Closes every socket: with a `disconnect` frame (and its `reconnect` flag), or abruptly. */
  drop(how: { disconnectFrame: true; reconnect: boolean; reason: string } | { disconnectFrame: false }): Promise<void>;
  pings(enabled: boolean): Promise<void>;
  /** A server URL whose websocket upgrade is answered 404 (like nginx without websocket config). */
  refusing404(): Promise<string>;
  /** Open sockets the server holds. */
  connections(): Promise<number>;
  /** Back to the initial state between tests. */
  reset(): Promise<void>;
}

interface Run {
  client: LiveClient;
  states: LiveState[];
  events: LiveEvent[];
  log: RecordingLogger;
  refreshCalls: number;
}

export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const kind = (run: Run): string => run.client.state.kind;

export function defineLiveScenarios(getTarget: () => CableTarget): void {
  let dispatcher: Dispatcher | undefined;
  const runs: Run[] = [];

  before(() => {
    dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, useEnvironmentProxy: false });
  });
  after(async () => {
    await dispatcher?.close();
  });
  afterEach(async () => {
    await Promise.all(runs.splice(0).map((r) => r.client.close()));
    await getTarget().reset();
  });

  function start(overrides: Partial<LiveClientOptions> & { refresh?: () => Promise<LiveCredentials | undefined> } = {}): Run {
    const target = getTarget();
    const log = recordingLogger();
    const run: Run = { client: undefined as unknown as LiveClient, states: [], events: [], log, refreshCalls: 0 };
    const { refresh, ...rest } = overrides;
    run.client = new LiveClient({
      serverUrl: target.serverUrl,
      dispatcher: dispatcher as Dispatcher,
      credentials: target.user(),
      refreshCredentials: async () => {
        run.refreshCalls += 1;
        return refresh ? refresh() : undefined;
      },
      logger: log,
      pingTimeoutMs: target.pingIntervalMs * 4,
      confirmTimeoutMs: 2_000,
      backoff: { minMs: 50, maxMs: 400 },
      ...rest,
    });
    run.client.onStateChange((s) => run.states.push(s));
    run.client.onEvent((e) => run.events.push(e));
    runs.push(run);
    run.client.start();
    return run;
  }

  const live = (run: Run) =>
    waitFor('the client to be live on every account', () => {
      const s = run.client.state;
      return s.kind === 'live' && s.pendingAccountIds.length === 0;
    });

  it('welcome → subscribes every account → live (both confirmed)', async () => {
    const run = start();
    await live(run);
    const s = run.client.state;
    assert.equal(s.kind, 'live');
    assert.deepEqual(s.kind === 'live' && [...s.accountIds].sort(), [...getTarget().user().accountIds].sort());
    assert.equal(run.states[0].kind, 'connecting');
    assert.equal(run.refreshCalls, 0, `confirmed in time: ${run.log.lines.join(' | ')}`);
    assert.equal(await getTarget().connections(), 1);
    for (const line of run.log.lines) assert.ok(!line.includes(getTarget().user().pubsubToken), `token logged: ${line}`);
  });

  it('delivers a token broadcast once (not once per subscription), routed by data.account_id; account streams per account', async () => {
    const run = start();
    await live(run);
    const [a1, a2] = getTarget().user().accountIds;
    await getTarget().toUser('assignee.changed', conversationPush(a2, 42, { id: 5, name: 'Bob' }));
    await getTarget().toAccount(a1, 'account.cache_invalidated', { account_id: a1, cache_keys: { label: 1 } });
    // (presence.update may come too: the one sent while subscribing races the stream subscription.)
    const used = () => run.events.filter((e) => e.name !== 'presence.update');
    await waitFor('two events', () => used().length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(
      used()
        .map((e) => [e.name, e.accountId])
        .sort(),
      [
        ['account.cache_invalidated', a1],
        ['assignee.changed', a2],
      ],
    );
    const assigned = run.events.find((e) => e.name === 'assignee.changed');
    assert.equal(assigned?.name === 'assignee.changed' && assigned.conversation.meta?.assignee?.name, 'Bob');
  });

  it('pings keep it live past the ping timeout; when they stop: ping-timeout → reconnect → live', async () => {
    const target = getTarget();
    const run = start();
    await live(run);
    await new Promise((r) => setTimeout(r, target.pingIntervalMs * 5));
    assert.equal(kind(run), 'live');
    assert.ok(!run.states.some((s) => s.kind === 'offline'), 'no reconnect while pings arrive');
    await target.pings(false);
    await waitFor('ping-timeout', () => run.states.some((s) => s.kind === 'offline' && s.reason === 'ping-timeout'), target.pingIntervalMs * 12);
    await target.pings(true);
    await live(run);
  });

  it('silent rejection (rotated token): no confirmation → re-read credentials → subscribes with the new token', async () => {
    const target = getTarget();
    const stale = target.user();
    await target.rotate();
    const run = start({ credentials: stale, confirmTimeoutMs: 400, refresh: () => Promise.resolve(target.user()) });
    await live(run);
    assert.ok(run.refreshCalls >= 1);
    assert.ok(!run.states.some((s) => s.kind === 'offline'), 'resubscribed on the same socket');
    await target.toUser('conversation.status_changed', conversationPush(stale.accountIds[0], 7));
    await waitFor('an event on the new token', () => run.events.filter((e) => e.name !== 'presence.update').length === 1);
  });

  it('setCredentials() with a rotated token moves the subscriptions on the open socket', async () => {
    const target = getTarget();
    const run = start();
    await live(run);
    await target.rotate();
    run.client.setCredentials(target.user());
    await new Promise((r) => setTimeout(r, 50));
    await live(run);
    await target.toUser('conversation.created', conversationPush(target.user().accountIds[0], 8));
    await waitFor('an event on the new token', () => run.events.filter((e) => e.name !== 'presence.update').length === 1);
    assert.equal(await target.connections(), 1);
  });

  it('disconnect frame (server_restart, reconnect: true) → offline → reconnects → live', async () => {
    const run = start();
    await live(run);
    await getTarget().drop({ disconnectFrame: true, reconnect: true, reason: 'server_restart' });
    await waitFor('server-disconnect', () => run.states.some((s) => s.kind === 'offline' && s.reason === 'server-disconnect'));
    await live(run);
  });

  it('a dropped connection (no disconnect frame) → offline → reconnects → live', async () => {
    const run = start();
    await live(run);
    await getTarget().drop({ disconnectFrame: false });
    await waitFor('dropped', () => run.states.some((s) => s.kind === 'offline'));
    await live(run);
    await getTarget().toUser('team.changed', conversationPush(getTarget().user().accountIds[0], 3));
    await waitFor('an event after the reconnect', () => run.events.filter((e) => e.name !== 'presence.update').length === 1);
  });

  it('disconnect with reconnect: false → refused (unauthorized), no retry', async () => {
    const run = start();
    await live(run);
    await getTarget().drop({ disconnectFrame: true, reconnect: false, reason: 'unauthorized' });
    await waitFor('refused', () => kind(run) === 'refused');
    const s = run.client.state;
    assert.equal(s.kind === 'refused' && s.reason, 'unauthorized');
    assert.equal(s.kind === 'refused' && s.retryInMs, undefined);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(kind(run), 'refused');
  });

  it('an upgrade refused with 404 → refused with status 404', async () => {
    const serverUrl = await getTarget().refusing404();
    const run = start({ serverUrl });
    await waitFor('refused', () => kind(run) === 'refused');
    const s = run.client.state;
    assert.equal(s.kind === 'refused' && s.reason, 'http-status');
    assert.equal(s.kind === 'refused' && s.status, 404);
  });

  it('sendPresence() → presence.update per subscribed account, with the user online', async () => {
    const run = start();
    await live(run);
    const user = getTarget().user();
    assert.equal(run.client.sendPresence(), user.accountIds.length);
    await waitFor('a presence.update per account', () => new Set(run.events.filter((e) => e.name === 'presence.update').map((e) => e.accountId)).size === user.accountIds.length);
    const p = run.events.find((e) => e.name === 'presence.update');
    assert.equal(p?.name === 'presence.update' && p.users[String(user.userId)], 'online');
  });

  it('close() ends the socket within 1 s; the server sees it go', async () => {
    const run = start();
    await live(run);
    const t0 = Date.now();
    await run.client.close();
    assert.ok(Date.now() - t0 < 1_300, `close took ${Date.now() - t0} ms`);
    assert.equal(kind(run), 'closed');
    await waitFor('the server to drop the connection', async () => (await getTarget().connections()) === 0);
  });
}
