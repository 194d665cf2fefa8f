// API-FACTS-LIVE §2: POST /api/v1/profile/availability (+ auto_offline), the 20 s presence
// window fed by cable subscribe / update_presence, and `presence.update` to the user only.
import * as assert from 'node:assert/strict';
import { seedPubsubToken } from '../../fake-chatwoot';
import { CableClient, roomIdentifier, sleep } from './cable-client';
import { BOTS_NOT_ALLOWED, NOT_FOUND, TOKENS, expectBody, expectJson, useFake, type Api } from './fixture';
import { isObject, obj, objects, type JsonObject } from './http';

const DAVE = 4; // account 1 agent, online, auto_offline = true

describe('fake chatwoot: availability and presence (API-FACTS-LIVE §2)', function () {
  const ctx = useFake();
  let api: Api;
  let clients: CableClient[] = [];

  async function subscribe(userId: number, accountId = 1): Promise<{ client: CableClient; identifier: string }> {
    const client = await CableClient.connect(ctx.fake.cableUrl);
    clients.push(client);
    const identifier = roomIdentifier(seedPubsubToken(userId), accountId, userId);
    await client.subscribeConfirmed(identifier);
    return { client, identifier };
  }

  function presenceUpdates(client: CableClient): JsonObject[] {
    return client.events('presence.update').map((m) => obj(m.data));
  }

  async function status(userId: number, accountId = 1): Promise<unknown> {
    const res = await api.get(`/api/v1/accounts/${accountId}/agents`);
    return objects(res.json).find((a) => a.id === userId)?.availability_status;
  }

  function availability(body: unknown, token: string = TOKENS.alice) {
    return api.post('/api/v1/profile/availability', body, token);
  }

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  afterEach(function () {
    for (const c of clients) c.close();
    clients = [];
  });

  describe('POST /api/v1/profile/availability', function () {
    it('stores the value per account and answers with the full profile', async function () {
      const res = await availability({ profile: { account_id: 1, availability: 'busy' } });
      expectJson(res, 200);
      const profile = (await api.get('/api/v1/profile')).json;
      assert.deepStrictEqual(res.json, profile, 'same JSON as GET /profile');
      const accounts = objects(obj(res.json).accounts);
      const acme = accounts.find((a) => a.id === 1);
      assert.equal(acme?.availability, 'busy');
      assert.equal(acme?.availability_status, 'busy', 'auto_offline false: the stored value');
      assert.equal(accounts.find((a) => a.id === 2)?.availability, 'online', 'other accounts untouched');
      assert.equal(await status(1), 'busy');
    });

    it('errors: no profile → 422, foreign or missing account → 404, bad value → 500, bot → 401', async function () {
      expectBody(await availability({}), 422, { error: 'param is missing or the value is empty: profile' });
      expectBody(await availability({ profile: { account_id: 2, availability: 'busy' } }, TOKENS.bob), 404, NOT_FOUND);
      expectBody(await availability({ profile: { availability: 'busy' } }), 404, NOT_FOUND);
      assert.equal((await availability({ profile: { account_id: 1, availability: 'away' } })).status, 500);
      assert.equal((await availability({ profile: { account_id: 1, availability: null } })).status, 500);
      expectBody(await availability({ profile: { account_id: 1, availability: 'busy' } }, TOKENS.triageBot), 401, BOTS_NOT_ALLOWED);
      assert.equal(await status(1), 'online', 'nothing stored');
    });

    it('with auto_offline the user stays offline until a cable subscription makes them present', async function () {
      const res = await availability({ profile: { account_id: 1, availability: 'busy' } }, TOKENS.dave);
      expectJson(res, 200);
      const acme = objects(obj(res.json).accounts).find((a) => a.id === 1);
      assert.equal(acme?.availability, 'busy');
      assert.equal(acme?.availability_status, 'offline');
      await subscribe(DAVE);
      assert.equal(await status(DAVE), 'busy');
    });

    it('sends no cable event', async function () {
      const { client } = await subscribe(2);
      await client.waitFor((f) => f.text.includes('presence.update'));
      const before = client.frames.length;
      await availability({ profile: { account_id: 1, availability: 'busy' } }, TOKENS.bob);
      await sleep(200);
      assert.deepStrictEqual(
        client.frames.slice(before).filter((f) => !(isObject(f.json) && f.json.type === 'ping')),
        [],
      );
    });

    it('POST /api/v1/profile/auto_offline switches the presence rule', async function () {
      assert.equal(await status(DAVE), 'offline');
      const res = await api.post('/api/v1/profile/auto_offline', { profile: { account_id: 1, auto_offline: false } }, TOKENS.dave);
      expectJson(res, 200);
      assert.equal(objects(obj(res.json).accounts).find((a) => a.id === 1)?.auto_offline, false);
      assert.equal(await status(DAVE), 'online');
      await api.post('/api/v1/profile/auto_offline', { profile: { account_id: 1, auto_offline: true } }, TOKENS.dave);
      assert.equal(await status(DAVE), 'offline', 'auto_offline again, not present');
      await api.post('/api/v1/profile/auto_offline', { profile: { account_id: 1 } }, TOKENS.dave);
      assert.equal(await status(DAVE), 'online', 'a missing value means false');
    });
  });

  describe('presence', function () {
    it('subscribing marks the user present for 20 s of the virtual clock', async function () {
      assert.equal(await status(DAVE), 'offline');
      const { client, identifier } = await subscribe(DAVE);
      assert.equal(await status(DAVE), 'online');
      await api.control('clock', { advance: 19 });
      assert.equal(await status(DAVE), 'online', '19 s later');
      await api.control('clock', { advance: 1 });
      assert.equal(await status(DAVE), 'offline', 'strictly within 20 s');
      client.perform(identifier, 'update_presence');
      await client.waitFor(() => presenceUpdates(client).length === 2);
      assert.equal(await status(DAVE), 'online', 'update_presence refreshes it');
    });

    it('closing the socket does not clear presence (it expires)', async function () {
      const { client } = await subscribe(DAVE);
      client.close();
      await client.waitClosed();
      await sleep(50);
      assert.equal(await status(DAVE), 'online');
      await api.control('clock', { advance: 21 });
      assert.equal(await status(DAVE), 'offline');
    });

    it('presence.update: {account_id, users, contacts}, string keys, auto_offline=false members plus present users', async function () {
      const { client } = await subscribe(DAVE);
      await client.waitFor(() => presenceUpdates(client).length === 1);
      const data = presenceUpdates(client)[0];
      assert.deepStrictEqual(Object.keys(data), ['account_id', 'users', 'contacts']);
      // Frank (6, auto_offline, not connected) is absent; Erin is listed with her stored "offline".
      assert.deepStrictEqual(data, { account_id: 1, users: { 1: 'online', 2: 'online', 3: 'busy', 4: 'online', 5: 'offline', 9: 'online' }, contacts: {} });
      const frame = client.frames.find((f) => f.text.includes('presence.update'));
      assert.ok(frame && frame.text.includes('"users":{"1":"online"'), 'string keys on the wire');
    });

    it('presence.update goes to the subscribing user only, on subscribe and on each update_presence', async function () {
      const bob = await subscribe(2);
      await bob.client.waitFor(() => presenceUpdates(bob.client).length === 1);
      const dave = await subscribe(DAVE);
      dave.client.perform(dave.identifier, 'update_presence');
      await dave.client.waitFor(() => presenceUpdates(dave.client).length === 2);
      await sleep(100);
      assert.equal(presenceUpdates(bob.client).length, 1, "Bob hears nothing of Dave's presence");
      assert.equal(presenceUpdates(bob.client)[0].users && obj(presenceUpdates(bob.client)[0].users)['4'], undefined, 'Dave was not present yet');
      bob.client.perform(bob.identifier, 'update_presence');
      await bob.client.waitFor(() => presenceUpdates(bob.client).length === 2);
      assert.equal(obj(presenceUpdates(bob.client)[1].users)['4'], 'online', "now he is, on Bob's next ping");
    });

    it('a contact subscription counts in `contacts`', async function () {
      const contact = await CableClient.connect(ctx.fake.cableUrl);
      clients.push(contact);
      await contact.subscribeConfirmed(JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'ciPubsub0000000000000001' }));
      const bob = await subscribe(2);
      await bob.client.waitFor(() => presenceUpdates(bob.client).length === 1);
      assert.deepStrictEqual(presenceUpdates(bob.client)[0].contacts, { 1: 'online' });
    });

    it('POST /__fake/presence {present:false} also clears cable presence', async function () {
      await subscribe(DAVE);
      assert.equal(await status(DAVE), 'online');
      await api.presence(1, DAVE, false);
      assert.equal(await status(DAVE), 'offline');
    });
  });
});
