// The `/__fake/cable…` control routes (README "Control routes"): inspect, drop, refuse,
// pings, delay, frame injection and pubsub token rotation.
import * as assert from 'node:assert/strict';
import WebSocket from 'ws';
import { seedPubsubToken } from '../../fake-chatwoot';
import { CableClient, PROTOCOL, roomIdentifier, sleep } from './cable-client';
import { TOKENS, useFake, type Api } from './fixture';
import { isObject, obj, objects } from './http';

/** Tries an upgrade that the fake refuses; resolves with the HTTP answer. */
function refusedUpgrade(url: string): Promise<{ status: number; contentType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [PROTOCOL]);
    ws.on('open', () => reject(new Error('upgrade unexpectedly accepted')));
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }));
    });
  });
}

const isPing = (f: { json: unknown }): boolean => isObject(f.json) && f.json.type === 'ping';

describe('fake chatwoot: /__fake/cable control routes', function () {
  const ctx = useFake();
  let api: Api;
  let clients: CableClient[] = [];

  async function listen(userId: number, accountId = 1): Promise<CableClient> {
    const client = await CableClient.connect(ctx.fake.cableUrl);
    clients.push(client);
    await client.subscribeConfirmed(roomIdentifier(seedPubsubToken(userId), accountId, userId));
    return client;
  }

  async function state(): Promise<Record<string, unknown>> {
    const res = await api.get('/__fake/cable', null);
    assert.equal(res.status, 200);
    return obj(res.json);
  }

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  afterEach(function () {
    for (const c of clients) c.close();
    clients = [];
  });

  it('GET /__fake/cable lists sockets with their confirmed and failed subscriptions', async function () {
    const bob = await listen(2);
    bob.subscribe(roomIdentifier('wrong', 1, 2));
    await sleep(100);
    const s = await state();
    assert.deepStrictEqual({ refuse: s.refuse, pings: s.pings, delay_ms: s.delay_ms }, { refuse: null, pings: { enabled: true, interval_ms: 3000 }, delay_ms: 0 });
    const sockets = objects(s.sockets);
    assert.equal(sockets.length, 1);
    assert.equal(sockets[0].protocol, PROTOCOL);
    assert.equal(sockets[0].path, '/cable');
    assert.deepStrictEqual(
      objects(sockets[0].subscriptions).map((sub) => [sub.confirmed, sub.user_id, sub.account_id, sub.streams]),
      [
        [true, 2, 1, [seedPubsubToken(2), 'account_1']],
        [false, null, null, []],
      ],
    );
    bob.close();
    await bob.waitClosed();
    await sleep(50);
    assert.deepStrictEqual((await state()).sockets, []);
  });

  it('drop: disconnect frame (server_restart, reconnect) then a clean close, for every socket', async function () {
    const bob = await listen(2);
    const carol = await listen(3);
    const res = await api.control('cable/drop');
    assert.deepStrictEqual(res.json, { dropped: 2 });
    for (const client of [bob, carol]) {
      const closed = await client.waitClosed();
      assert.equal(closed.code, 1000);
      const last = client.frames.filter((f) => !isPing(f)).pop();
      assert.equal(last?.text, '{"type":"disconnect","reason":"server_restart","reconnect":true}');
    }
  });

  it('drop: user_id filter, custom reason, no frame, terminate', async function () {
    const bob = await listen(2);
    const carol = await listen(3);
    assert.deepStrictEqual((await api.control('cable/drop', { user_id: 3, reason: 'unauthorized', reconnect: false })).json, { dropped: 1 });
    await carol.waitClosed();
    assert.ok(carol.frames.some((f) => f.text === '{"type":"disconnect","reason":"unauthorized","reconnect":false}'));
    await sleep(100);
    assert.equal(bob.closed, null, 'other users keep their socket');
    await api.control('cable/drop', { terminate: true });
    const closed = await bob.waitClosed();
    assert.equal(closed.code, 1006, 'abnormal closure: no close frame');
    assert.ok(!bob.frames.some((f) => f.text.includes('disconnect')), 'no disconnect frame');
  });

  it('refuse: upgrades answered with the status (404 like nginx without websocket config), open sockets stay, null allows again', async function () {
    const bob = await listen(2);
    await api.control('cable/refuse', { status: 404 });
    assert.deepStrictEqual(await refusedUpgrade(ctx.fake.cableUrl), { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Page not found' });
    await api.control('cable/refuse', { status: 502 });
    const bad = await refusedUpgrade(ctx.fake.cableUrl);
    assert.equal(bad.status, 502);
    assert.match(bad.body, /<center>nginx<\/center>/);
    assert.equal(bob.closed, null);
    await api.assign(1, 22, { assignee_id: 3 });
    await bob.waitEvent('assignee.changed', 22);
    await api.control('cable/refuse', { status: null });
    await listen(3);
    const invalid = await api.request('POST', '/__fake/cable/refuse', { body: { status: 'x' } });
    assert.equal(invalid.status, 422);
  });

  it('pings: stop, resume and a faster interval', async function () {
    this.timeout(15000);
    await api.control('cable/pings', { enabled: false });
    const client = await listen(2);
    await sleep(3500);
    assert.equal(client.frames.filter(isPing).length, 0, 'no pings while stopped');
    await api.control('cable/pings', { enabled: true, interval_ms: 200 });
    await sleep(1100);
    const count = client.frames.filter(isPing).length;
    assert.ok(count >= 3 && count <= 6, `${count} pings in 1.1 s at 200 ms`);
    await api.reset();
    assert.deepStrictEqual((await state()).pings, { enabled: true, interval_ms: 3000 }, 'reset restores the switches');
  });

  it('delay: broadcasts wait delay_ms after the change', async function () {
    const bob = await listen(2);
    await api.control('cable/delay', { ms: 400 });
    const started = performance.now();
    await api.assign(1, 22, { assignee_id: 3 });
    await bob.waitEvent('assignee.changed', 22);
    assert.ok(performance.now() - started >= 380, 'not before the delay');
  });

  it("broadcast: an event or a message to a user's stream; an account stream reaches every subscriber of that account", async function () {
    const bob = await listen(2);
    const carol = await listen(3);
    const grace = await listen(7, 2);
    const res = await api.control('cable/broadcast', { user_id: 2, event: 'conversation.typing_on', data: { account_id: 1 } });
    assert.deepStrictEqual(res.json, { stream: seedPubsubToken(2), delivered: 1 });
    const frame = await bob.waitFor((f) => f.text.includes('typing_on'));
    assert.deepStrictEqual(frame.json, { identifier: roomIdentifier(seedPubsubToken(2), 1, 2), message: { event: 'conversation.typing_on', data: { account_id: 1 } } });
    await api.control('cable/broadcast', { stream: 'account_1', message: { unknown: true } });
    await bob.waitFor((f) => f.text.includes('"unknown":true'));
    await carol.waitFor((f) => f.text.includes('"unknown":true'));
    await sleep(100);
    assert.ok(!grace.frames.some((f) => f.text.includes('unknown')), 'account 2 subscriber');
    assert.ok(!carol.frames.some((f) => f.text.includes('typing_on')), 'user stream is private');
  });

  it('broadcast raw: malformed, binary and oversized frames are sent verbatim', async function () {
    const bob = await listen(2);
    await api.control('cable/broadcast', { user_id: 2, raw: '{"identifier":' });
    const malformed = await bob.waitFor((f) => f.text === '{"identifier":');
    assert.equal(malformed.json, undefined);
    await api.control('cable/broadcast', { user_id: 2, raw: 'bin', binary: true });
    const binary = await bob.waitFor((f) => f.binary);
    assert.equal(binary.text, 'bin');
    const big = 'x'.repeat(2 * 1024 * 1024);
    await api.control('cable/broadcast', { user_id: 2, raw: big });
    await bob.waitFor((f) => f.text.length === big.length, 5000);
    assert.equal(bob.closed, null);
  });

  it('rotate: profile shows the new pubsub_token; the old subscription hears nothing, the old token no longer subscribes', async function () {
    const bob = await listen(2);
    const res = await api.control('cable/rotate', { user_id: 2 });
    const body = obj(res.json);
    assert.equal(body.previous, seedPubsubToken(2));
    assert.notEqual(body.pubsub_token, seedPubsubToken(2));
    assert.equal(obj((await api.get('/api/v1/profile', TOKENS.bob)).json).pubsub_token, body.pubsub_token);
    await api.assign(1, 22, { assignee_id: 3 });
    await sleep(200);
    assert.deepStrictEqual(bob.events('assignee.changed'), [], 'broadcasts go to the new token');
    assert.equal(bob.closed, null, 'the old subscription stays open');
    const again = await CableClient.connect(ctx.fake.cableUrl);
    clients.push(again);
    again.subscribe(roomIdentifier(seedPubsubToken(2), 1, 2));
    await sleep(200);
    assert.ok(!again.frames.some((f) => f.text.includes('confirm_subscription')), 'old token rejected silently');
    await again.subscribeConfirmed(roomIdentifier(String(body.pubsub_token), 1, 2));
    await api.assign(1, 22, { assignee_id: 4 });
    await again.waitEvent('assignee.changed', 22);
    await api.reset();
    assert.equal(obj((await api.get('/api/v1/profile', TOKENS.bob)).json).pubsub_token, seedPubsubToken(2), 'reset restores the seed token');
  });

  it('act as another user: any seed token works through the normal API and events reach the others', async function () {
    const alice = await listen(1);
    await api.assign(1, 22, { assignee_id: 4 }, TOKENS.carol);
    const m = await alice.waitFor((f) => f.text.includes('"message.created"'));
    assert.ok(m.text.includes('Assigned to Dave Diaz by Carol Chen'));
  });

  it('unknown /__fake/cable routes answer 404', async function () {
    const res = await api.request('POST', '/__fake/cable/nope', { body: {} });
    assert.equal(res.status, 404);
  });
});
