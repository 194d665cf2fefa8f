// API-FACTS-LIVE §7: `conversation_assignment` notifications — who gets one, the cable
// `notification.created`/`.deleted` payloads, and GET …/notifications (+ unread_count).
import * as assert from 'node:assert/strict';
import { seedPubsubToken } from '../../fake-chatwoot';
import { CableClient, roomIdentifier, sleep } from './cable-client';
import { BOTS_NOT_ALLOWED, TOKENS, expectBody, expectJson, useFake, type Api } from './fixture';
import { at, obj, objects, type JsonObject } from './http';

const CABLE_KEYS = [
  'id',
  'notification_type',
  'primary_actor_type',
  'primary_actor_id',
  'read_at',
  'secondary_actor',
  'user',
  'created_at',
  'last_activity_at',
  'snoozed_until',
  'meta',
  'account_id',
  'primary_actor',
  'push_message_title',
  'push_message_body',
];
const REST_KEYS = [
  'id',
  'notification_type',
  'push_message_title',
  'push_message_body',
  'primary_actor_type',
  'primary_actor_id',
  'primary_actor',
  'read_at',
  'secondary_actor',
  'user',
  'created_at',
  'last_activity_at',
  'snoozed_until',
  'meta',
];

describe('fake chatwoot: notifications (API-FACTS-LIVE §7)', function () {
  const ctx = useFake();
  let api: Api;
  let clients: CableClient[] = [];

  async function listen(userId: number, accountId = 1): Promise<CableClient> {
    const client = await CableClient.connect(ctx.fake.cableUrl);
    clients.push(client);
    await client.subscribeConfirmed(roomIdentifier(seedPubsubToken(userId), accountId, userId));
    return client;
  }

  function notifications(client: CableClient, event = 'notification.created'): JsonObject[] {
    return client.events(event).map((m) => obj(m.data));
  }

  async function list(token: string, query = '', accountId = 1): Promise<JsonObject> {
    const res = await api.get(`/api/v1/accounts/${accountId}/notifications${query}`, token);
    expectJson(res, 200);
    return obj(at(res.json, 'data'));
  }

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  afterEach(function () {
    for (const c of clients) c.close();
    clients = [];
  });

  it('assignment by someone else: notification.created to the assignee only, with the cable shape', async function () {
    const carol = await listen(3);
    const bob = await listen(2);
    await api.assign(1, 22, { assignee_id: 3 });
    const message = await carol.waitEvent('notification.created');
    const data = obj(message.data);
    assert.deepStrictEqual(Object.keys(data), ['notification', 'unread_count', 'count', 'account_id']);
    assert.equal(data.unread_count, 1);
    assert.equal(data.count, 1);
    assert.equal(data.account_id, 1);
    const n = obj(data.notification);
    assert.deepStrictEqual(Object.keys(n), CABLE_KEYS);
    assert.equal(n.notification_type, 'conversation_assignment');
    assert.equal(n.primary_actor_type, 'Conversation');
    assert.equal(n.primary_actor_id, 22);
    assert.equal(at(n, 'primary_actor.id'), 22);
    assert.equal(n.read_at, null);
    assert.equal(n.secondary_actor, null, 'who assigned is not in the notification');
    assert.equal(n.push_message_body, 'Customer 02: Hi, I need help with order #1022');
    assert.equal(n.push_message_title, n.push_message_body, 'the cable title holds the body text');
    assert.equal(at(n, 'user.id'), 3);
    assert.equal(at(n, 'user.availability_status'), null, 'built in a job');
    assert.equal(at(n, 'primary_actor.meta.assignee.availability_status'), null);
    assert.ok(!('performer' in data));
    await sleep(100);
    assert.deepStrictEqual(notifications(bob), [], 'the previous assignee gets nothing');
  });

  it('primary_actor_id is the conversation database id (account 2: display 3 = db 63)', async function () {
    const heidi = await listen(8, 2);
    await api.assign(2, 3, { assignee_id: 8 }, TOKENS.grace);
    const n = obj((await heidi.waitEvent('notification.created')).data);
    assert.equal(at(n, 'notification.primary_actor_id'), 63);
    assert.equal(at(n, 'notification.primary_actor.id'), 3);
    assert.equal(n.account_id, 2);
  });

  it('no notification for self-assignment, pending conversations or blocked contacts', async function () {
    const bob = await listen(2);
    const carol = await listen(3);
    await api.assign(1, 25, { assignee_id: 2 }, TOKENS.bob); // self
    await api.assign(1, 9, { assignee_id: 3 }); // 9 is pending
    await api.assign(1, 20, { assignee_id: 2 }); // contact 20 is blocked
    await sleep(200);
    assert.deepStrictEqual(notifications(bob), []);
    assert.deepStrictEqual(notifications(carol), []);
    assert.deepStrictEqual((await list(TOKENS.bob)).payload, []);
    // Control: the same kind of call does notify when none of the three applies.
    await api.assign(1, 25, { assignee_id: 3 });
    await carol.waitEvent('notification.created');
  });

  it('a team change that auto-picks the assignee notifies them', async function () {
    const bob = await listen(2);
    // Conversation 25: inbox 1, Alice, no team → team 1 "sales" (auto-assign): Alice is cleared, Bob picked.
    await api.assign(1, 25, { team_id: 1 });
    const n = obj((await bob.waitEvent('notification.created')).data);
    assert.equal(at(n, 'notification.primary_actor.meta.assignee.id'), 2);
  });

  it('one notification per user per conversation: the older one is deleted with notification.deleted', async function () {
    const carol = await listen(3);
    await api.assign(1, 22, { assignee_id: 3 });
    await api.assign(1, 22, { assignee_id: 2 });
    await api.assign(1, 22, { assignee_id: 3 });
    await carol.waitFor(() => notifications(carol, 'notification.deleted').length === 1);
    const created = notifications(carol).map((d) => at(d, 'notification.id'));
    assert.equal(created.length, 2);
    const deleted = notifications(carol, 'notification.deleted')[0];
    assert.deepStrictEqual(deleted, { notification: { id: created[0] }, unread_count: 1, count: 1, account_id: 1 });
    const rest = await list(TOKENS.carol);
    assert.deepStrictEqual(
      objects(rest.payload).map((p) => p.id),
      [created[1]],
    );
  });

  it('GET …/notifications: REST shape, real title, meta counts, current_page raw', async function () {
    await api.assign(1, 22, { assignee_id: 3 });
    await api.assign(1, 25, { assignee_id: 3 });
    const data = await list(TOKENS.carol);
    assert.deepStrictEqual(data.meta, { unread_count: 2, count: 2, current_page: 1 });
    const payload = objects(data.payload);
    assert.deepStrictEqual(
      payload.map((p) => at(p, 'primary_actor.id')),
      [25, 22],
      'newest last_activity_at first',
    );
    assert.deepStrictEqual(Object.keys(payload[0]), REST_KEYS);
    assert.equal(payload[0].push_message_title, 'A conversation (#25) has been assigned to you');
    assert.equal(typeof payload[0].created_at, 'number');
    assert.equal(at(payload[0], 'user.availability_status'), 'busy', 'rendered in the request: computed');
    assert.deepStrictEqual((await list(TOKENS.carol, '?page=1')).meta, { unread_count: 2, count: 2, current_page: '1' });
    assert.deepStrictEqual(
      objects((await list(TOKENS.carol, '?sort_order=asc')).payload).map((p) => at(p, 'primary_actor.id')),
      [22, 25],
    );
    assert.deepStrictEqual((await list(TOKENS.alice)).payload, [], "only the caller's own");
    const count = await api.get('/api/v1/accounts/1/notifications/unread_count', TOKENS.carol);
    expectJson(count, 200);
    assert.equal(count.text, '2');
    expectBody(await api.get('/api/v1/accounts/1/notifications', TOKENS.triageBot), 401, BOTS_NOT_ALLOWED);
  });
});
