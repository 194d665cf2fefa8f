/**
 * The live client's logic with fake time and a scripted socket: backoff, ping and confirmation
 * timeouts, silent rejection, de-duplication, hostile frames, close. No network, no waiting.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { LiveClient, type LiveCredentials, type LiveEvent, type LiveState } from '../../../src/live';
import { roomIdentifier } from '../../../src/live/protocol';
import { conversationPush, fakeSockets, FakeTimers, flush, recordingLogger, type RecordingLogger } from './harness';

const TOKEN = 'pubsub-SECRET-aaaa';
const ROTATED = 'pubsub-SECRET-bbbb';
const creds = (token = TOKEN, accountIds = [1, 2]): LiveCredentials => ({ pubsubToken: token, userId: 2, accountIds });

interface Rig {
  client: LiveClient;
  timers: FakeTimers;
  sockets: ReturnType<typeof fakeSockets>;
  log: RecordingLogger;
  states: LiveState[];
  events: LiveEvent[];
  refreshCalls: number;
}

function rig(options: { random?: () => number; refresh?: () => Promise<LiveCredentials | undefined>; credentials?: LiveCredentials; maxFrameBytes?: number } = {}): Rig {
  const timers = new FakeTimers();
  const sockets = fakeSockets();
  const log = recordingLogger();
  const r: Rig = { client: undefined as unknown as LiveClient, timers, sockets, log, states: [], events: [], refreshCalls: 0 };
  r.client = new LiveClient({
    serverUrl: 'https://chat.example.com',
    dispatcher: {} as Dispatcher,
    credentials: options.credentials ?? creds(),
    refreshCredentials: async () => {
      r.refreshCalls += 1;
      return options.refresh ? options.refresh() : undefined;
    },
    logger: log,
    timers,
    random: options.random ?? (() => 0.5),
    socketFactory: sockets.factory,
    maxFrameBytes: options.maxFrameBytes,
  });
  r.client.onStateChange((s) => r.states.push(s));
  r.client.onEvent((e) => r.events.push(e));
  return r;
}

/** Start, open, welcome, confirm every subscription. */
function goLive(r: Rig): void {
  r.client.start();
  const s = r.sockets.last();
  s.open();
  s.welcome();
  s.confirmAll();
}

/** Read through a call so that TypeScript does not keep an earlier assertion's narrowing. */
const stateOf = (r: Rig): LiveState => r.client.state;

function assertNoSecretLogged(r: Rig): void {
  for (const line of r.log.lines) {
    assert.ok(!line.includes('SECRET'), `a log line contains the pubsub token: ${line}`);
  }
}

describe('live client (fake socket, fake time)', () => {
  describe('connecting and subscribing', () => {
    it('opens wss://<server>/cable, subscribes each account after welcome, goes live on confirmation', () => {
      const r = rig();
      r.client.start();
      const s = r.sockets.last();
      assert.equal(s.url, 'wss://chat.example.com/cable');
      assert.deepEqual(stateOf(r), { kind: 'connecting', attempt: 1 });
      s.open();
      assert.deepEqual(s.sent, [], 'nothing is sent before the welcome');
      s.welcome();
      assert.deepEqual(s.identifiers(), [roomIdentifier(TOKEN, 1, 2), roomIdentifier(TOKEN, 2, 2)]);
      assert.equal(s.identifiers()[0], '{"channel":"RoomChannel","pubsub_token":"pubsub-SECRET-aaaa","account_id":1,"user_id":2}');
      s.confirm(roomIdentifier(TOKEN, 1, 2));
      assert.deepEqual(stateOf(r), { kind: 'live', accountIds: [1], pendingAccountIds: [2] });
      s.confirm(roomIdentifier(TOKEN, 2, 2));
      assert.deepEqual(stateOf(r), { kind: 'live', accountIds: [1, 2], pendingAccountIds: [] });
      assert.ok(r.log.redacted.has(TOKEN), 'the token is registered with the redactor');
      assertNoSecretLogged(r);
    });

    it('refuses a plain ws:// URL for a non-loopback server, keeps a path prefix', () => {
      assert.throws(() => new LiveClient({ serverUrl: 'http://chat.example.com', dispatcher: {} as Dispatcher, credentials: creds() }), /https/);
      const r = new LiveClient({ serverUrl: 'http://127.0.0.1:3000/chatwoot/', dispatcher: {} as Dispatcher, credentials: creds(), socketFactory: fakeSockets().factory });
      assert.equal(r.state.kind, 'idle');
    });

    it('rejects unusable credentials', () => {
      const make = (c: LiveCredentials) => new LiveClient({ serverUrl: 'https://x.test', dispatcher: {} as Dispatcher, credentials: c });
      assert.throws(() => make({ pubsubToken: '', userId: 1, accountIds: [1] }), /pubsub token/);
      assert.throws(() => make({ pubsubToken: 't', userId: 1, accountIds: [] }), /account/);
    });

    it('treats a server that does not speak actioncable-v1-json as refused', () => {
      const r = rig();
      r.client.start();
      r.sockets.last().open('actioncable-unsupported');
      const state = stateOf(r);
      assert.equal(state.kind, 'refused');
      assert.equal(state.kind === 'refused' && state.reason, 'protocol');
    });
  });

  describe('backoff', () => {
    const refusedForever = (r: Rig) => r.sockets.last().end({ opened: false, error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

    function delays(random: () => number, n: number): number[] {
      const r = rig({ random });
      r.client.start();
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        refusedForever(r);
        const s = stateOf(r);
        assert.equal(s.kind, 'offline');
        if (s.kind !== 'offline') throw new Error('unreachable');
        assert.equal(s.reason, 'network');
        assert.match(s.message, /connection refused/);
        out.push(s.retryInMs ?? -1);
        r.timers.advance(s.retryInMs ?? 0);
        assert.equal(r.sockets.sockets.length, i + 2, 'a new socket after the delay');
      }
      return out;
    }

    it('doubles from 1 s to a 60 s cap; jitter keeps each delay within [nominal/2, nominal]', () => {
      const nominal = [1, 2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000);
      assert.deepEqual(
        delays(() => 0, 9),
        nominal.map((n) => n / 2),
      );
      assert.deepEqual(
        delays(() => 0.999999, 9),
        nominal,
      );
      let seed = 42;
      const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      delays(lcg, 9).forEach((d, i) => assert.ok(d >= nominal[i] / 2 && d <= nominal[i], `delay ${i + 1}: ${d}`));
    });

    it('resets after a confirmed subscription', () => {
      const r = rig({ random: () => 0.999999 });
      r.client.start();
      refusedForever(r);
      r.timers.advance(1000);
      refusedForever(r);
      const second = stateOf(r);
      assert.equal(second.kind === 'offline' && second.retryInMs, 2000);
      r.timers.advance(2000);
      const s = r.sockets.last();
      s.open();
      s.welcome();
      s.confirmAll();
      assert.equal(stateOf(r).kind, 'live');
      s.end({ code: 1006 });
      const after = stateOf(r);
      assert.equal(after.kind, 'offline');
      assert.equal(after.kind === 'offline' && after.reason, 'dropped');
      assert.equal(after.kind === 'offline' && after.retryInMs, 1000, 'back to the first delay');
    });

    it('reports a refused upgrade with its HTTP status, and keeps retrying with backoff', () => {
      const r = rig({ random: () => 0 });
      r.client.start();
      r.sockets.last().end({ opened: false, status: 404 });
      const s = stateOf(r);
      assert.equal(s.kind, 'refused');
      if (s.kind !== 'refused') return;
      assert.equal(s.reason, 'http-status');
      assert.equal(s.status, 404);
      assert.match(s.message, /HTTP 404.*reverse proxy/);
      assert.equal(s.retryInMs, 500);
      r.timers.advance(500);
      assert.equal(r.sockets.sockets.length, 2);
    });

    it('a handshake that never finishes times out', () => {
      const r = rig();
      r.client.start();
      r.timers.advance(20_000);
      const s = stateOf(r);
      assert.equal(s.kind === 'offline' && s.reason, 'handshake-timeout');
      assert.equal(r.sockets.sockets[0].closeCalls, 1);
    });
  });

  describe('liveness', () => {
    it('stays live while pings arrive; 10 s without any frame means a dead socket → reconnect', () => {
      const r = rig({ random: () => 0 });
      goLive(r);
      const first = r.sockets.last();
      for (let i = 0; i < 5; i++) {
        r.timers.advance(9_000);
        first.ping();
      }
      assert.equal(stateOf(r).kind, 'live');
      r.timers.advance(9_999);
      assert.equal(stateOf(r).kind, 'live');
      r.timers.advance(1);
      const s = stateOf(r);
      assert.equal(s.kind === 'offline' && s.reason, 'ping-timeout');
      assert.equal(first.closeCalls, 1, 'the dead socket is closed');
      r.timers.advance(500);
      assert.equal(r.sockets.sockets.length, 2, 'reconnected after the backoff');
      assert.equal(stateOf(r).kind, 'connecting');
    });

    it('a disconnect frame with reconnect:true reconnects; reconnect:false stops (refused, no timers left)', () => {
      const r = rig({ random: () => 0 });
      goLive(r);
      r.sockets.last().receive({ type: 'disconnect', reason: 'server_restart', reconnect: true });
      const s1 = stateOf(r);
      assert.equal(s1.kind === 'offline' && s1.reason, 'server-disconnect');
      r.timers.advance(500);
      const s = r.sockets.last();
      s.open();
      s.welcome();
      s.confirmAll();
      assert.equal(stateOf(r).kind, 'live');
      s.receive({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
      const s2 = stateOf(r);
      assert.equal(s2.kind, 'refused');
      assert.equal(s2.kind === 'refused' && s2.reason, 'unauthorized');
      assert.equal(s2.kind === 'refused' && s2.retryInMs, undefined);
      assert.equal(r.timers.pending, 0);
      r.client.reconnectNow();
      assert.equal(r.sockets.sockets.length, 3, 'reconnectNow() tries again');
    });
  });

  describe('silent rejection (no confirm_subscription)', () => {
    it('after 10 s asks for fresh credentials, unsubscribes the failed identifiers and subscribes with the rotated token', async () => {
      const r = rig({ refresh: () => Promise.resolve(creds(ROTATED)) });
      r.client.start();
      const s = r.sockets.last();
      s.open();
      s.welcome();
      r.timers.advance(9_999);
      assert.equal(r.refreshCalls, 0);
      s.ping();
      r.timers.advance(1);
      assert.equal(r.refreshCalls, 1, 'one re-read for both silent subscriptions');
      await flush();
      assert.deepEqual(s.commands, [
        `subscribe:1:${TOKEN}`,
        `subscribe:2:${TOKEN}`,
        `unsubscribe:1:${TOKEN}`,
        `unsubscribe:2:${TOKEN}`,
        `subscribe:1:${ROTATED}`,
        `subscribe:2:${ROTATED}`,
      ]);
      s.confirm(roomIdentifier(ROTATED, 1, 2));
      s.confirm(roomIdentifier(ROTATED, 2, 2));
      assert.deepEqual(stateOf(r), { kind: 'live', accountIds: [1, 2], pendingAccountIds: [] });
      assert.equal(r.sockets.sockets.length, 1, 'same socket');
      assert.ok(r.log.redacted.has(ROTATED) && !r.log.redacted.has(TOKEN), 'the redactor follows the rotation');
      assertNoSecretLogged(r);
    });

    it('when the credentials did not change: offline (not-confirmed), then re-subscribes after a backoff', async () => {
      const r = rig({ random: () => 0, credentials: creds(TOKEN, [1]) });
      r.client.start();
      const s = r.sockets.last();
      s.open();
      s.welcome();
      r.timers.advance(5_000);
      s.ping();
      r.timers.advance(5_000);
      await flush();
      const st = stateOf(r);
      assert.equal(st.kind === 'offline' && st.reason, 'not-confirmed');
      assert.equal(st.kind === 'offline' && st.retryInMs, 500);
      assert.deepEqual(s.commands, [`subscribe:1:${TOKEN}`, `unsubscribe:1:${TOKEN}`]);
      s.ping();
      r.timers.advance(500);
      assert.deepEqual(s.commands.slice(2), [`subscribe:1:${TOKEN}`]);
      s.confirmAll();
      assert.equal(stateOf(r).kind, 'live');
    });

    it('keeps the confirmed accounts live while one account stays silent', async () => {
      const r = rig({ random: () => 0 });
      r.client.start();
      const s = r.sockets.last();
      s.open();
      s.welcome();
      s.confirm(roomIdentifier(TOKEN, 1, 2));
      r.timers.advance(5_000);
      s.ping();
      r.timers.advance(5_000);
      await flush();
      assert.equal(r.refreshCalls, 1);
      assert.deepEqual(stateOf(r), { kind: 'live', accountIds: [1], pendingAccountIds: [2] });
      assert.deepEqual(s.commands.slice(-1), [`unsubscribe:2:${TOKEN}`]);
      s.ping();
      r.timers.advance(500);
      assert.deepEqual(s.commands.slice(-1), [`subscribe:2:${TOKEN}`], 'account 2 is tried again after the backoff');
    });

    it('a failing re-read is logged and treated as "unchanged"', async () => {
      const r = rig({ refresh: () => Promise.reject(new Error('Chatwoot is down')) });
      r.client.start();
      const s = r.sockets.last();
      s.open();
      s.welcome();
      r.timers.advance(5_000);
      s.ping();
      r.timers.advance(5_000);
      await flush();
      assert.ok(r.log.lines.some((l) => l.includes('could not re-read the profile: Chatwoot is down')));
      assert.equal(stateOf(r).kind, 'offline');
    });

    it('setCredentials() moves the subscriptions of an open socket to new accounts / a new token', () => {
      const r = rig();
      goLive(r);
      const s = r.sockets.last();
      r.client.setCredentials(creds(TOKEN, [2, 3]));
      assert.deepEqual(s.commands.slice(2), [`unsubscribe:1:${TOKEN}`, `subscribe:3:${TOKEN}`]);
      assert.deepEqual(stateOf(r), { kind: 'live', accountIds: [2], pendingAccountIds: [3] });
    });
  });

  describe('events', () => {
    it('routes by data.account_id and de-duplicates an event that arrives once per subscription', () => {
      const r = rig();
      goLive(r);
      const s = r.sockets.last();
      const [id1, id2] = s.identifiers();
      const data = conversationPush(2, 42, { id: 5, name: 'Bob' });
      s.broadcast(id1, 'assignee.changed', data);
      s.broadcast(id2, 'assignee.changed', data);
      assert.equal(r.events.length, 1);
      const e = r.events[0];
      assert.equal(e.name, 'assignee.changed');
      assert.equal(e.accountId, 2);
      if (e.name !== 'assignee.changed') return;
      assert.equal(e.conversation.id, 42);
      assert.equal(e.conversation.meta?.assignee?.name, 'Bob');
      assert.equal(e.conversation.meta?.team, null);
      assert.ok(!('contact_inbox' in e.conversation), "the contact's pubsub token is stripped");
      // A different payload is a different event; the same one later (after the window) is delivered again.
      s.broadcast(id1, 'assignee.changed', conversationPush(2, 42, null));
      assert.equal(r.events.length, 2);
      r.timers.advance(9_000);
      s.ping();
      r.timers.advance(2_000);
      s.broadcast(id2, 'assignee.changed', data);
      assert.equal(r.events.length, 3);
    });

    it('presence is per subscribed account (not de-duplicated across accounts)', () => {
      const r = rig();
      goLive(r);
      const s = r.sockets.last();
      const [id1, id2] = s.identifiers();
      s.broadcast(id1, 'presence.update', { account_id: 1, users: { '2': 'online' }, contacts: {} });
      s.broadcast(id2, 'presence.update', { account_id: 2, users: { '2': 'online', '5': 'busy' }, contacts: {} });
      assert.deepEqual(
        r.events.map((e) => [e.name, e.accountId]),
        [
          ['presence.update', 1],
          ['presence.update', 2],
        ],
      );
      assert.equal(r.client.sendPresence(), 2);
      assert.deepEqual(s.commands.slice(-2), [`message:1:${TOKEN}:update_presence`, `message:2:${TOKEN}:update_presence`]);
    });

    it('ignores malformed, oversized, binary and unknown frames, events of unknown shape and foreign identifiers — and stays live', () => {
      const r = rig({ maxFrameBytes: 64 * 1024 });
      goLive(r);
      const s = r.sockets.last();
      const [id1] = s.identifiers();
      const hostile: unknown[] = [
        'not json',
        '{"type":',
        '[]',
        'null',
        '42',
        { type: 'weird' },
        { type: 7 },
        { type: 'confirm_subscription' },
        { identifier: id1 },
        { identifier: id1, message: 'text' },
        { identifier: id1, message: { event: 'conversation.typing_on', data: {} } },
        { identifier: id1, message: { event: 'brand.new_event', data: { account_id: 1 } } },
        { identifier: id1, message: { event: 'assignee.changed', data: { id: 'x', account_id: 1 } } },
        { identifier: id1, message: { event: 'assignee.changed', data: null } },
        { identifier: 'someone-else', message: { event: 'assignee.changed', data: conversationPush(1, 1) } },
        { identifier: id1, message: { event: 'assignee.changed', data: { ...conversationPush(1, 2), pad: 'x'.repeat(70 * 1024) } } },
        { identifier: id1, message: { event: 'message.created', data: { ...conversationPush(1, 3), pad: '€'.repeat(25 * 1024) } } },
      ];
      for (const frame of hostile) s.receive(frame);
      s.receiveBinary(10);
      assert.equal(r.events.length, 0);
      assert.equal(stateOf(r).kind, 'live');
      assert.ok(r.log.lines.some((l) => /ignored a \d+-byte frame/.test(l)));
      assert.ok(r.log.lines.some((l) => l.includes('not JSON')));
      assert.ok(r.log.lines.some((l) => l.includes('unknown event "brand.new_event"')));
      assert.ok(r.log.lines.some((l) => l.includes('"assignee.changed" has an unexpected shape at id')));
      s.broadcast(id1, 'team.changed', conversationPush(1, 9));
      assert.deepEqual(
        r.events.map((e) => e.name),
        ['team.changed'],
      );
      assertNoSecretLogged(r);
    });

    it('a throwing listener does not stop the others', () => {
      const r = rig();
      r.client.onEvent(() => {
        throw new Error('boom');
      });
      goLive(r);
      const s = r.sockets.last();
      s.broadcast(s.identifiers()[0], 'conversation.updated', conversationPush(1, 1));
      assert.equal(r.events.length, 1);
      assert.ok(r.log.lines.some((l) => l.includes('listener failed') && l.includes('boom')));
    });
  });

  describe('close()', () => {
    it('cancels every timer at once, closes the socket, and resolves when it is gone', async () => {
      const r = rig();
      goLive(r);
      const s = r.sockets.last();
      assert.ok(r.timers.pending > 0);
      const closing = r.client.close();
      assert.equal(stateOf(r).kind, 'closed');
      assert.equal(s.closeCalls, 1);
      assert.equal(r.timers.pending, 1, 'only the guard that bounds the wait for the socket');
      let done = false;
      void closing.then(() => (done = true));
      s.end({ code: 1000 });
      await flush();
      assert.equal(done, true);
      assert.equal(r.timers.pending, 0);
      assert.ok(!r.log.redacted.has(TOKEN), 'the token is forgotten by the redactor');
      s.broadcast(s.identifiers()[0], 'conversation.updated', conversationPush(1, 1));
      assert.equal(r.events.length, 0, 'nothing after close');
      assert.throws(() => r.client.start(), /closed/);
    });

    it('resolves within the close timeout even if the socket never reports back', async () => {
      const r = rig();
      goLive(r);
      let done = false;
      void r.client.close().then(() => (done = true));
      r.timers.advance(1_199);
      await flush();
      assert.equal(done, false);
      r.timers.advance(1);
      await flush();
      assert.equal(done, true);
      assert.equal(r.timers.pending, 0);
    });

    it('during a backoff wait: no reconnect ever happens', () => {
      const r = rig();
      r.client.start();
      r.sockets.last().end({ opened: false });
      assert.equal(stateOf(r).kind, 'offline');
      void r.client.close();
      assert.equal(r.timers.pending, 0);
      r.timers.advance(120_000);
      assert.equal(r.sockets.sockets.length, 1);
    });

    it('while a re-read is in flight: its late answer changes nothing', async () => {
      let answer: (c: LiveCredentials) => void = () => undefined;
      const r = rig({ refresh: () => new Promise((resolve) => (answer = resolve)) });
      r.client.start();
      const s = r.sockets.last();
      s.open();
      s.welcome();
      r.timers.advance(10_000);
      void r.client.close();
      answer(creds(ROTATED));
      await flush();
      assert.deepEqual(s.commands, [`subscribe:1:${TOKEN}`, `subscribe:2:${TOKEN}`]);
      assert.equal(stateOf(r).kind, 'closed');
    });
  });
});
