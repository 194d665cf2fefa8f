// API-FACTS-LIVE §1.1-§1.4: the /cable endpoint's handshake, sub-protocol negotiation,
// RoomChannel subscription rules (silent rejection), commands and the ping cadence.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { seedPubsubToken, startFakeChatwoot } from '../../fake-chatwoot';
import { CableClient, PROTOCOL, roomIdentifier, sleep } from './cable-client';
import { useFake, type Api } from './fixture';
import { isObject } from './http';

const BOB = 2;
const BOB_TOKEN = seedPubsubToken(BOB);

/** Sends one raw HTTP request and returns status, headers and body. */
function rawRequest(port: number, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/cable', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
    });
    req.end();
  });
}

describe('fake chatwoot: /cable protocol (API-FACTS-LIVE §1)', function () {
  const ctx = useFake();
  let api: Api;
  let clients: CableClient[] = [];
  const cableUrl = (): string => ctx.fake.cableUrl;
  const connect = async (options = {}): Promise<CableClient> => {
    const client = await CableClient.connect(cableUrl(), options);
    clients.push(client);
    return client;
  };

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  afterEach(function () {
    for (const c of clients) c.close();
    clients = [];
  });

  it('cableUrl is ws://127.0.0.1:<port>/cable', function () {
    assert.equal(ctx.fake.cableUrl, `ws://127.0.0.1:${ctx.fake.port}/cable`);
  });

  it('a plain HTTP request to /cable gets 404 text/plain "Page not found"', async function () {
    const res = await api.get('/cable', null);
    assert.equal(res.status, 404);
    assert.equal(res.contentType, 'text/plain; charset=utf-8');
    assert.equal(res.text, 'Page not found');
  });

  it('echoes actioncable-v1-json and sends {"type":"welcome"} first', async function () {
    const client = await connect();
    assert.equal(client.ws.protocol, PROTOCOL);
    assert.equal(client.frames[0].text, '{"type":"welcome"}');
  });

  it("picks the first supported protocol in the client's order; none offered → no protocol header", async function () {
    const first = await rawRequest(ctx.fake.port, {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Protocol': 'actioncable-unsupported, actioncable-v1-json',
    });
    assert.equal(first.status, 101);
    assert.equal(first.headers['sec-websocket-protocol'], 'actioncable-unsupported');
    const none = await rawRequest(ctx.fake.port, {
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    });
    assert.equal(none.status, 101);
    assert.equal(none.headers['sec-websocket-protocol'], undefined);
    const client = await connect({ protocols: null });
    assert.equal(client.ws.protocol, '');
    assert.equal(client.frames[0].text, '{"type":"welcome"}', 'welcomed even without a protocol');
  });

  it('accepts any Origin (forgery protection is off)', async function () {
    const client = await connect({ headers: { Origin: 'https://evil.example' } });
    await client.subscribeConfirmed(roomIdentifier(BOB_TOKEN, 1, BOB));
    const state = (await api.get('/__fake/cable', null)).json as { sockets: Array<{ origin: string | null }> };
    assert.deepStrictEqual(
      state.sockets.map((s) => s.origin),
      ['https://evil.example'],
    );
  });

  it('confirms a valid RoomChannel subscription echoing the identifier string byte for byte', async function () {
    const client = await connect();
    // Unusual spacing and key order: the confirmation must echo the string as sent.
    const identifier = `{"user_id": ${BOB}, "channel":"RoomChannel","account_id":1,"pubsub_token":"${BOB_TOKEN}"}`;
    client.subscribe(identifier);
    const confirm = await client.waitFor((f) => isObject(f.json) && f.json.type === 'confirm_subscription');
    assert.equal(confirm.text, JSON.stringify({ identifier, type: 'confirm_subscription' }));
  });

  it('accepts numeric strings for user_id and account_id (ActiveRecord casts them)', async function () {
    const client = await connect();
    await client.subscribeConfirmed(roomIdentifier(BOB_TOKEN, '1', String(BOB)));
  });

  for (const [name, identifier] of [
    ['unknown token', roomIdentifier('nope', 1, BOB)],
    ['token of another user', roomIdentifier(seedPubsubToken(3), 1, BOB)],
    ['user not in the account', roomIdentifier(BOB_TOKEN, 2, BOB)],
    ['missing account_id', JSON.stringify({ channel: 'RoomChannel', pubsub_token: BOB_TOKEN, user_id: BOB })],
    ['other channel name', JSON.stringify({ channel: 'NotificationsChannel', pubsub_token: BOB_TOKEN, account_id: 1, user_id: BOB })],
    ['identifier that is not JSON', 'not json'],
  ] as const) {
    it(`silently ignores a bad subscription: ${name} (no confirm, no reject, socket stays open)`, async function () {
      const client = await connect();
      client.subscribe(identifier);
      await sleep(400);
      const frames = client.frames.filter((f) => !(isObject(f.json) && f.json.type === 'ping')).map((f) => f.text);
      assert.deepStrictEqual(frames, ['{"type":"welcome"}'], 'only the welcome (and pings)');
      assert.equal(client.closed, null);
      // The connection still works: a good subscription on the same socket is confirmed.
      await client.subscribeConfirmed(roomIdentifier(BOB_TOKEN, 1, BOB));
    });
  }

  it('a failed RoomChannel identifier stays registered: resending it is ignored until unsubscribe', async function () {
    const client = await connect();
    const identifier = roomIdentifier(BOB_TOKEN, 1, BOB);
    // Fails because Bob's token is rotated, then rotated back by name.
    await api.control('cable/rotate', { user_id: BOB, pubsub_token: 'tempTokenForBob000000000' });
    client.subscribe(identifier);
    await sleep(200);
    await api.control('cable/rotate', { user_id: BOB, pubsub_token: BOB_TOKEN });
    client.subscribe(identifier);
    await sleep(300);
    assert.equal(client.frames.filter((f) => isObject(f.json) && f.json.type === 'confirm_subscription').length, 0, 'repeat ignored');
    client.send({ command: 'unsubscribe', identifier });
    await client.subscribeConfirmed(identifier);
  });

  it('a repeated subscribe of a confirmed identifier is ignored (one confirmation)', async function () {
    const client = await connect();
    const identifier = roomIdentifier(BOB_TOKEN, 1, BOB);
    await client.subscribeConfirmed(identifier);
    client.subscribe(identifier);
    await sleep(300);
    assert.equal(client.frames.filter((f) => isObject(f.json) && f.json.type === 'confirm_subscription').length, 1);
  });

  it('ignores garbage, unknown commands, unknown actions and non-string data without closing', async function () {
    const client = await connect();
    const identifier = roomIdentifier(BOB_TOKEN, 1, BOB);
    await client.subscribeConfirmed(identifier);
    await client.waitFor((f) => f.text.includes('presence.update'));
    const before = client.frames.length;
    client.send('{{{');
    client.send({ command: 'dance', identifier });
    client.send({ command: 'message', identifier, data: JSON.stringify({ action: 'speak' }) });
    client.send({ command: 'message', identifier, data: { action: 'update_presence' } });
    client.ws.send(Buffer.from([1, 2, 3]));
    await sleep(300);
    const after = client.frames.slice(before).filter((f) => !(isObject(f.json) && f.json.type === 'ping'));
    assert.deepStrictEqual(after, []);
    assert.equal(client.closed, null);
  });

  it('pings every 3 s with integer Unix seconds', async function () {
    this.timeout(15000);
    const client = await connect();
    const first = await client.waitFor((f) => isObject(f.json) && f.json.type === 'ping', 4000);
    const second = await client.waitFor((f) => isObject(f.json) && f.json.type === 'ping' && f !== first, 4000);
    const gap = second.at - first.at;
    assert.ok(gap > 2500 && gap < 3600, `ping gap ${gap} ms`);
    const message = (second.json as { message: unknown }).message;
    assert.ok(Number.isInteger(message), 'integer');
    assert.ok(Math.abs((message as number) - Date.now() / 1000) < 5, 'Unix seconds, now');
    assert.match(second.text, /^\{"type":"ping","message":\d+\}$/);
  });

  it('unsubscribe stops delivery for that identifier', async function () {
    const client = await connect();
    const identifier = roomIdentifier(BOB_TOKEN, 1, BOB);
    await client.subscribeConfirmed(identifier);
    client.send({ command: 'unsubscribe', identifier });
    await sleep(100);
    await api.assign(1, 22, { assignee_id: 3 }); // inbox 1: Bob is a member
    await sleep(300);
    assert.deepStrictEqual(client.events('assignee.changed'), []);
  });

  it('two subscriptions of one user on one socket each receive every token event', async function () {
    const client = await connect();
    const a = roomIdentifier(BOB_TOKEN, 1, BOB);
    const b = JSON.stringify({ channel: 'RoomChannel', pubsub_token: BOB_TOKEN, account_id: 1, user_id: BOB, extra: 1 });
    await client.subscribeConfirmed(a);
    await client.subscribeConfirmed(b);
    await api.assign(1, 22, { assignee_id: 3 }); // inbox 1: Bob is a member
    await client.waitFor(() => client.events('assignee.changed').length === 2);
    assert.equal(client.events('assignee.changed', a).length, 1);
    assert.equal(client.events('assignee.changed', b).length, 1);
  });

  it('broadcast frames use ActiveSupport escaping for <, > and &', async function () {
    const client = await connect();
    await client.subscribeConfirmed(roomIdentifier(BOB_TOKEN, 1, BOB));
    await api.control('cable/broadcast', { user_id: BOB, event: 'x.test', data: { text: '<b>&</b>' } });
    const frame = await client.waitFor((f) => f.text.includes('x.test'));
    assert.ok(frame.text.includes('"text":"\\u003cb\\u003e\\u0026\\u003c/b\\u003e"'), frame.text);
    assert.deepStrictEqual((frame.json as { message: unknown }).message, { event: 'x.test', data: { text: '<b>&</b>' } });
  });

  it('fake.close() closes open websockets promptly', async function () {
    const fake = await startFakeChatwoot();
    const client = await CableClient.connect(fake.cableUrl);
    await client.subscribeConfirmed(roomIdentifier(BOB_TOKEN, 1, BOB));
    const started = performance.now();
    await fake.close();
    await client.waitClosed(1000);
    assert.ok(performance.now() - started < 1000, 'closed within a second');
  });

  it('listens on 127.0.0.1 only', function () {
    assert.match(ctx.fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
