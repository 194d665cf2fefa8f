// API-FACTS-LIVE §1.5-§1.7: which subscriber hears which event, and the exact push payloads
// (null vs absent keys, team {id,name}, account_id, no performer, re-read state).
import * as assert from 'node:assert/strict';
import { seedPubsubToken } from '../../fake-chatwoot';
import { CableClient, roomIdentifier, sleep } from './cable-client';
import { NOW0, TOKENS, useFake, type Api } from './fixture';
import { at, isObject, obj, type JsonObject } from './http';

const PUSH_KEYS = [
  'additional_attributes',
  'can_reply',
  'channel',
  'contact_inbox',
  'id',
  'inbox_id',
  'messages',
  'labels',
  'meta',
  'status',
  'custom_attributes',
  'snoozed_until',
  'unread_count',
  'first_reply_created_at',
  'priority',
  'waiting_since',
  'agent_last_seen_at',
  'contact_last_seen_at',
  'last_activity_at',
  'timestamp',
  'created_at',
  'updated_at',
  'account_id',
];
const USER_PUSH_KEYS = ['id', 'name', 'available_name', 'avatar_url', 'type', 'availability_status', 'thumbnail'];
const MESSAGE_PUSH_KEYS = [
  'id',
  'content',
  'account_id',
  'inbox_id',
  'conversation_id',
  'message_type',
  'created_at',
  'updated_at',
  'private',
  'status',
  'source_id',
  'content_type',
  'content_attributes',
  'sender_type',
  'sender_id',
  'external_source_ids',
  'additional_attributes',
  'processed_message_content',
  'sentiment',
  'conversation',
];
/** Conversation 1 (contact 1, inbox 1) is the first contact_inbox row of the seed. */
const CONTACT_1_TOKEN = 'ciPubsub0000000000000001';

type Who = 'alice' | 'bob' | 'carol' | 'dave' | 'ivan' | 'grace';
const IDS: Record<Who, [number, number]> = { alice: [1, 1], bob: [2, 1], carol: [3, 1], dave: [4, 1], ivan: [9, 1], grace: [7, 2] };

describe('fake chatwoot: cable events and recipients (API-FACTS-LIVE §1.5-§1.7)', function () {
  const ctx = useFake();
  let api: Api;
  let clients: Partial<Record<Who | 'contact', CableClient>> = {};

  async function listen(...who: Who[]): Promise<void> {
    for (const name of who) {
      const [userId, accountId] = IDS[name];
      const client = await CableClient.connect(ctx.fake.cableUrl);
      await client.subscribeConfirmed(roomIdentifier(seedPubsubToken(userId), accountId, userId));
      clients[name] = client;
    }
  }

  function client(name: Who | 'contact'): CableClient {
    const c = clients[name];
    assert.ok(c, `${name} not connected`);
    return c;
  }

  /** Event names a client received (broadcasts only), in order, without presence.update. */
  function heard(name: Who | 'contact'): string[] {
    return client(name)
      .frames.map((f) => (isObject(f.json) && isObject(f.json.message) ? String(f.json.message.event) : null))
      .filter((e): e is string => e !== null && e !== 'presence.update');
  }

  /** Lets queued broadcasts go out (they are sent on a later tick than the HTTP answer). */
  async function settle(): Promise<void> {
    await sleep(150);
  }

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
    clients = {};
  });

  afterEach(function () {
    for (const c of Object.values(clients)) c?.close();
  });

  it('assignment: inbox members and admins hear assignee.changed, conversation.updated, message.created; others nothing', async function () {
    await listen('alice', 'bob', 'carol', 'dave', 'ivan', 'grace');
    // Conversation 22: inbox 1 (Bob, Carol, Dave), assigned to Bob, no team.
    await api.assign(1, 22, { assignee_id: 3 });
    await settle();
    const expected = ['assignee.changed', 'conversation.updated', 'message.created'];
    assert.deepStrictEqual(heard('bob'), expected);
    assert.deepStrictEqual(heard('dave'), expected);
    assert.deepStrictEqual(heard('alice'), expected, 'administrators hear every inbox');
    assert.deepStrictEqual(heard('carol'), [...expected, 'notification.created'], 'the new assignee also gets a notification');
    assert.deepStrictEqual(heard('ivan'), [], 'not an inbox member');
    assert.deepStrictEqual(heard('grace'), [], 'another account');
  });

  it('team membership adds no recipient: a team member outside the inbox hears nothing', async function () {
    await listen('bob', 'dave');
    // Conversation 8: inbox 2 (Bob, Erin), team 1 "sales" (Bob, Dave).
    await api.assign(1, 8, { assignee_id: 5 });
    await settle();
    assert.ok(heard('bob').includes('assignee.changed'));
    assert.deepStrictEqual(heard('dave'), []);
  });

  it('assigned to an agent of another inbox: only notification.created reaches them', async function () {
    await listen('ivan');
    await api.assign(1, 22, { assignee_id: 9 });
    await settle();
    assert.deepStrictEqual(heard('ivan'), ['notification.created']);
  });

  it('assignee.changed data: push shape, team {id,name}, assignee push data with null availability, no performer', async function () {
    await listen('bob');
    // Conversation 4: inbox 1, team 1 "sales", assignee Alice (4 % 7 = 4).
    await api.assign(1, 4, { assignee_id: 2 });
    const message = await client('bob').waitEvent('assignee.changed', 4);
    const data = obj(message.data);
    assert.deepStrictEqual(Object.keys(message), ['event', 'data']);
    assert.deepStrictEqual(Object.keys(data), PUSH_KEYS);
    assert.equal(data.account_id, 1);
    assert.equal(data.channel, 'Channel::WebWidget', 'channel is top-level');
    assert.ok(!('performer' in data), 're-read events never carry performer');
    assert.deepStrictEqual(Object.keys(obj(data.meta)), ['sender', 'assignee', 'assignee_type', 'team', 'hmac_verified']);
    assert.deepStrictEqual(at(data, 'meta.team'), { id: 1, name: 'sales' });
    assert.equal(at(data, 'meta.assignee_type'), 'User');
    const assignee = obj(at(data, 'meta.assignee'));
    assert.deepStrictEqual(Object.keys(assignee), USER_PUSH_KEYS);
    assert.equal(assignee.id, 2);
    assert.equal(assignee.type, 'user');
    assert.equal(assignee.availability_status, null);
    assert.equal(at(data, 'meta.sender.type'), 'contact');
    assert.deepStrictEqual(Object.keys(obj(data.contact_inbox)), ['id', 'contact_id', 'inbox_id', 'source_id', 'created_at', 'updated_at', 'hmac_verified', 'pubsub_token']);
    assert.equal(typeof data.first_reply_created_at, 'string', 'raw ISO string (the list item has an integer)');
    assert.equal(data.updated_at, NOW0 + 1);
    const raw = client('bob').frames.find((f) => f.text.includes('"assignee.changed"'));
    assert.ok(raw && raw.text.includes(`"updated_at":${NOW0 + 1}.0`), 'updated_at stays a float on the wire');
  });

  it('unassigned, no team: meta.assignee, assignee_type and team are present as null', async function () {
    await listen('bob');
    await api.assign(1, 1, { assignee_id: null }); // conversation 1: inbox 1, Bob, no team
    const data = obj((await client('bob').waitEvent('conversation.updated', 1)).data);
    const meta = obj(data.meta);
    assert.ok('assignee' in meta && meta.assignee === null);
    assert.ok('assignee_type' in meta && meta.assignee_type === null);
    assert.ok('team' in meta && meta.team === null);
  });

  it('team change: team.changed + conversation.updated, and the state is the final one', async function () {
    await listen('bob');
    // Conversation 22 (team 2) → team 3 "vip support" (Erin, not in inbox 1): Bob is cleared, nobody picked.
    await api.assign(1, 22, { team_id: 3 });
    await settle();
    assert.deepStrictEqual(heard('bob'), ['assignee.changed', 'team.changed', 'conversation.updated', 'message.created']);
    const team = obj((await client('bob').waitEvent('team.changed', 22)).data);
    assert.deepStrictEqual(at(team, 'meta.team'), { id: 3, name: 'vip support' });
    assert.equal(at(team, 'meta.assignee'), null);
  });

  it('status change: conversation.status_changed reaches agents and the contact; assignee.changed never the contact', async function () {
    await listen('bob');
    const contact = await CableClient.connect(ctx.fake.cableUrl);
    clients.contact = contact;
    await contact.subscribeConfirmed(JSON.stringify({ channel: 'RoomChannel', pubsub_token: CONTACT_1_TOKEN }));
    // Conversation 1: inbox 1, open, unassigned (1 % 7 = 1 → Bob). Resolve it as Alice.
    await api.post('/api/v1/accounts/1/conversations/1/toggle_status', { status: 'resolved' });
    await settle();
    assert.deepStrictEqual(heard('bob'), ['conversation.status_changed', 'conversation.updated', 'message.created']);
    assert.deepStrictEqual(heard('contact'), ['conversation.status_changed', 'conversation.updated'], 'no activity message for the contact');
    await api.assign(1, 1, { assignee_id: 3 });
    await settle();
    assert.ok(!heard('contact').includes('assignee.changed'));
    assert.equal(heard('contact').filter((e) => e === 'conversation.updated').length, 2);
  });

  it('activity message.created: message push data, message_type 2, no sender, no performer', async function () {
    await listen('bob');
    await api.assign(1, 22, { assignee_id: 3 });
    const frame = await client('bob').waitFor((f) => f.text.includes('"message.created"'));
    const message = obj((frame.json as JsonObject).message);
    const data = obj(message.data);
    assert.deepStrictEqual(Object.keys(data), MESSAGE_PUSH_KEYS);
    assert.equal(data.content, 'Assigned to Carol Chen by Alice Anderson');
    assert.equal(data.message_type, 2);
    assert.equal(data.conversation_id, 22);
    assert.equal(data.account_id, 1);
    assert.equal(data.sender_type, null);
    assert.ok(!('sender' in data) && !('performer' in data));
  });

  it('bulk actions broadcast per conversation after the job', async function () {
    await listen('bob');
    await api.bulk(1, { type: 'Conversation', ids: [22, 25], fields: { assignee_id: 3 } });
    await settle();
    const ids = client('bob')
      .events('assignee.changed')
      .map((m) => at(m, 'data.id'));
    assert.deepStrictEqual(ids, [22, 25]);
  });

  it('nothing changed → nothing broadcast', async function () {
    await listen('bob', 'alice');
    await api.assign(1, 22, { assignee_id: 2 }); // already Bob
    await settle();
    assert.deepStrictEqual(heard('bob'), []);
    assert.deepStrictEqual(heard('alice'), []);
  });

  it('deferred jobs: no frame before POST /__fake/jobs/drain, then the state at drain time', async function () {
    await listen('bob');
    await api.config({ jobs: 'deferred' });
    try {
      await api.assign(1, 22, { assignee_id: 3 });
      await api.assign(1, 22, { assignee_id: 4 });
      await settle();
      assert.deepStrictEqual(heard('bob'), []);
      await api.drain();
      await settle();
      const assigned = client('bob')
        .events('assignee.changed')
        .map((m) => at(m, 'data.meta.assignee.id'));
      assert.deepStrictEqual(assigned, [4, 4], 'both events show the final state');
    } finally {
      await api.config({ jobs: 'immediate' });
    }
  });

  it('a user in two accounts hears both on one subscription; data.account_id tells them apart', async function () {
    await listen('alice'); // subscribed with account 1
    await api.assign(2, 3, { assignee_id: 8 }, TOKENS.grace); // Beta conversation 3: inbox 4, Alice is a member
    await settle();
    const events = client('alice').events('assignee.changed');
    assert.equal(events.length, 1);
    assert.equal(at(events[0], 'data.account_id'), 2);
  });

  it('every event recorded in GET /__fake/events is what the sockets got (one source)', async function () {
    await listen('bob');
    await api.assign(1, 22, { assignee_id: 3 });
    await settle();
    const logged = (await api.events()).filter((e) => e.event !== 'conversation_updated' && e.event !== 'presence.update' && e.event !== 'notification.created');
    const got = client('bob')
      .frames.map((f) => (isObject(f.json) && isObject(f.json.message) ? f.json.message : null))
      .filter((m): m is JsonObject => m !== null && m.event !== 'presence.update');
    assert.deepStrictEqual(
      got,
      logged.map((e) => ({ event: e.event, data: e.data })),
    );
  });
});
