// FAKE-SERVER-SPEC.md §2 and §8: JSON shapes, key order, value types, key absence vs
// null, and the transport quirks (null bodies, empty bulk bodies, unknown routes).
import * as assert from 'node:assert/strict';
import { CONVERSATION_KEYS, NOW0, RAW_TEAMS, TOKENS, agentJson, expectBody, expectJson, expectNullBody, keysOf, useFake, type Api } from './fixture';
import { at, hasKey, obj, objects, str, type JsonObject } from './http';

const A1 = '/api/v1/accounts/1';
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const CAROL_EXACT =
  '{"id":3,"account_id":1,"availability_status":"busy","auto_offline":false,"confirmed":true,"email":"carol@acme.test","provider":"email","available_name":"Caz","name":"Carol Chen","role":"agent","thumbnail":"","custom_role_id":null}';
const AGENT_KEYS = ['id', 'account_id', 'availability_status', 'auto_offline', 'confirmed', 'email', 'provider', 'available_name', 'name', 'role', 'thumbnail', 'custom_role_id'];
const CONTACT_KEYS = [
  'additional_attributes',
  'availability_status',
  'email',
  'id',
  'name',
  'phone_number',
  'blocked',
  'identifier',
  'thumbnail',
  'custom_attributes',
  'last_activity_at',
  'created_at',
];
const MESSAGE_KEYS = [
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
const CONTACT_PUSH_KEYS = ['additional_attributes', 'custom_attributes', 'email', 'id', 'identifier', 'name', 'phone_number', 'thumbnail', 'blocked', 'type'];
const USER_PUSH_BOB = { id: 2, name: 'Bob Brown', available_name: 'Bob Brown', avatar_url: '', type: 'user', availability_status: 'online', thumbnail: '' };
const PROFILE_KEYS = [
  'access_token',
  'account_id',
  'available_name',
  'avatar_url',
  'confirmed',
  'display_name',
  'message_signature',
  'email',
  'id',
  'inviter_id',
  'name',
  'provider',
  'pubsub_token',
  'role',
  'ui_settings',
  'uid',
  'type',
  'accounts',
];
const INBOX_COMMON_KEYS = [
  'id',
  'avatar_url',
  'channel_id',
  'name',
  'channel_type',
  'greeting_enabled',
  'greeting_message',
  'working_hours_enabled',
  'enable_email_collect',
  'csat_survey_enabled',
  'csat_config',
  'enable_auto_assignment',
  'auto_assignment_config',
  'out_of_office_message',
  'working_hours',
  'timezone',
  'callback_webhook_url',
  'allow_messages_after_resolved',
  'lock_to_single_conversation',
  'sender_name_type',
  'business_name',
];
const INBOX_EVERY_KEYS = [
  'allowed_domains',
  'widget_color',
  'website_url',
  'hmac_mandatory',
  'welcome_title',
  'welcome_tagline',
  'web_widget_script',
  'website_token',
  'selected_feature_flags',
  'reply_time',
  'messaging_service_sid',
  'phone_number',
  'provider',
];
const CONVERSATION_PUSH_KEYS = [
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

/** Checks a seeded message's push data (§8.9) apart from the contact_inbox source id. */
function checkMessage(message: JsonObject, expected: JsonObject, sender: 'contact' | 'user'): void {
  assert.deepStrictEqual(keysOf(message), [...MESSAGE_KEYS, 'sender']);
  for (const [key, value] of Object.entries(expected)) assert.deepStrictEqual(message[key], value, `message.${key}`);
  assert.match(str(message.updated_at, 'message.updated_at'), ISO_MS);
  const conversation = obj(message.conversation);
  assert.deepStrictEqual(keysOf(conversation), ['assignee_id', 'unread_count', 'last_activity_at', 'contact_inbox']);
  assert.ok(hasKey(obj(conversation.contact_inbox), 'source_id'));
  if (sender === 'contact') {
    const contact = obj(message.sender);
    assert.deepStrictEqual(keysOf(contact), CONTACT_PUSH_KEYS);
    assert.equal(contact.type, 'contact');
    assert.equal(contact.id, message.sender_id);
  } else {
    assert.deepStrictEqual(message.sender, USER_PUSH_BOB);
  }
}

describe('fake chatwoot: serialization (spec §8)', function () {
  const ctx = useFake();
  let api: Api;

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  it('list/meta envelopes: data.meta + data.payload; /meta has no data wrapper; meta key order', async function () {
    const res = await api.get(`${A1}/conversations`);
    expectJson(res, 200);
    assert.deepStrictEqual(keysOf(res.json), ['data']);
    assert.deepStrictEqual(keysOf(at(res.json, 'data')), ['meta', 'payload']);
    assert.deepStrictEqual(keysOf(at(res.json, 'data.meta')), ['mine_count', 'assigned_count', 'unassigned_count', 'all_count']);
    const meta = await api.get(`${A1}/conversations/meta`);
    expectJson(meta, 200);
    assert.deepStrictEqual(keysOf(meta.json), ['meta']);
    assert.deepStrictEqual(keysOf(at(meta.json, 'meta')), ['mine_count', 'assigned_count', 'unassigned_count', 'all_count']);
  });

  it('conversation #21 (unassigned, no team): exact keys, order, values and types', async function () {
    const res = await api.get(`${A1}/conversations/21`);
    expectJson(res, 200);
    const conversation = obj(res.json);
    assert.deepStrictEqual(keysOf(conversation), CONVERSATION_KEYS);
    const meta = obj(conversation.meta);
    assert.deepStrictEqual(keysOf(meta), ['sender', 'channel', 'hmac_verified'], 'assignee/assignee_type/team absent, not null');
    assert.equal(meta.channel, 'Channel::Api');
    assert.equal(meta.hmac_verified, false);
    const sender = obj(meta.sender);
    assert.deepStrictEqual(keysOf(sender), CONTACT_KEYS);
    assert.deepStrictEqual(
      { ...sender, phone_number: undefined, identifier: undefined },
      {
        additional_attributes: {},
        availability_status: 'offline',
        email: 'customer01@example.com',
        id: 1,
        name: 'Customer 01',
        phone_number: undefined,
        blocked: false,
        identifier: undefined,
        thumbnail: '',
        custom_attributes: {},
        last_activity_at: 1767242700,
        created_at: 1767052800,
      },
    );

    const expected: JsonObject = {
      id: 21,
      account_id: 1,
      uuid: '00000000-0000-4000-8000-000000000021',
      additional_attributes: {},
      agent_last_seen_at: 1767140465,
      assignee_last_seen_at: 0,
      can_reply: true,
      contact_last_seen_at: 0,
      custom_attributes: {},
      inbox_id: 3,
      labels: ['billing'],
      muted: false,
      snoozed_until: null,
      status: 'open',
      created_at: 1767140460,
      updated_at: 1767242700.25,
      timestamp: 1767242700,
      first_reply_created_at: 0,
      unread_count: 2,
      last_activity_at: 1767242700,
      priority: null,
      waiting_since: 1767140470,
      sla_policy_id: null,
    };
    for (const [key, value] of Object.entries(expected)) assert.deepStrictEqual(conversation[key], value, key);

    const messages = objects(conversation.messages);
    assert.equal(messages.length, 1);
    checkMessage(
      messages[0],
      {
        id: 42,
        content: 'Any update?',
        account_id: 1,
        inbox_id: 3,
        conversation_id: 21,
        message_type: 0,
        created_at: 1767242700,
        private: false,
        status: 'sent',
        source_id: null,
        content_type: 'text',
        content_attributes: {},
        sender_type: 'Contact',
        sender_id: 1,
        external_source_ids: {},
        additional_attributes: {},
        processed_message_content: 'Any update?',
        sentiment: {},
      },
      'contact',
    );
    assert.deepStrictEqual(conversation.last_non_activity_message, messages[0]);

    // Raw bytes: float updated_at, int created_at, null snoozed_until.
    assert.ok(res.text.includes('"updated_at":1767242700.25'), 'updated_at is a float');
    assert.ok(res.text.includes('"created_at":1767140460,'), 'created_at is an int');
    assert.ok(res.text.includes('"snoozed_until":null'));
  });

  it('conversation #8 (snoozed, Bob, team sales): assignee agent JSON, team partial, ISO snoozed_until, user sender', async function () {
    const res = await api.get(`${A1}/conversations/8`);
    expectJson(res, 200);
    const conversation = obj(res.json);
    assert.deepStrictEqual(keysOf(conversation), CONVERSATION_KEYS);
    const meta = obj(conversation.meta);
    assert.deepStrictEqual(keysOf(meta), ['sender', 'channel', 'assignee', 'assignee_type', 'team', 'hmac_verified']);
    assert.equal(meta.channel, 'Channel::Email');
    assert.deepStrictEqual(meta.assignee, agentJson(2, 1));
    assert.deepStrictEqual(keysOf(meta.assignee), AGENT_KEYS);
    assert.equal(meta.assignee_type, 'User');
    assert.deepStrictEqual(meta.team, { id: 1, name: 'sales', description: 'Pre-sales questions', allow_auto_assign: true, account_id: 1, is_member: false });
    assert.deepStrictEqual(keysOf(meta.team), ['id', 'name', 'description', 'allow_auto_assign', 'account_id', 'is_member']);
    assert.equal(at(meta, 'sender.id'), 8);
    assert.equal(at(meta, 'sender.last_activity_at'), 1767230400, 'latest incoming message of contact 8 (#28 "Any update?")');

    const expected: JsonObject = {
      id: 8,
      inbox_id: 2,
      status: 'snoozed',
      snoozed_until: '2026-01-03T00:00:00.000Z',
      priority: 'high',
      labels: [],
      created_at: 1767139680,
      updated_at: 1767242400.25,
      timestamp: 1767242400,
      last_activity_at: 1767242400,
      agent_last_seen_at: 1767242400,
      first_reply_created_at: 1767242400,
      waiting_since: 0,
      unread_count: 0,
      uuid: '00000000-0000-4000-8000-000000000008',
      muted: false,
    };
    for (const [key, value] of Object.entries(expected)) assert.deepStrictEqual(conversation[key], value, key);
    assert.ok(res.text.includes('"snoozed_until":"2026-01-03T00:00:00.000Z"'));

    const message = objects(conversation.messages)[0];
    checkMessage(
      message,
      {
        id: 16,
        content: 'Thanks, looking into it.',
        conversation_id: 8,
        message_type: 1,
        created_at: 1767242400,
        sender_type: 'User',
        sender_id: 2,
        processed_message_content: 'Thanks, looking into it.',
      },
      'user',
    );
    assert.deepStrictEqual(at(message, 'conversation.assignee_id'), 2);

    // Bob is in sales: is_member follows the caller.
    assert.equal(at(await api.conversation(1, 8, TOKENS.bob), 'meta.team.is_member'), true);
  });

  it('value types across all 60 seeded conversations (int timestamps, float updated_at, ISO|null snoozed_until)', async function () {
    const all: JsonObject[] = [];
    const raws: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = await api.get(`${A1}/conversations?status=all&page=${page}`);
      expectJson(res, 200);
      raws.push(res.text);
      all.push(...objects(at(res.json, 'data.payload')));
    }
    assert.equal(all.length, 60);
    for (const c of all) {
      const id = c.id as number;
      assert.deepStrictEqual(keysOf(c), CONVERSATION_KEYS, `#${id} keys`);
      for (const key of [
        'created_at',
        'timestamp',
        'last_activity_at',
        'agent_last_seen_at',
        'assignee_last_seen_at',
        'contact_last_seen_at',
        'first_reply_created_at',
        'waiting_since',
        'unread_count',
      ]) {
        assert.ok(Number.isInteger(c[key]), `#${id} ${key} is an int: ${JSON.stringify(c[key])}`);
      }
      assert.equal(typeof c.updated_at, 'number');
      assert.equal((c.updated_at as number) - (c.last_activity_at as number), 0.25, `#${id} updated_at = last_activity_at + 0.25`);
      if (id % 10 === 8) assert.equal(c.snoozed_until, '2026-01-03T00:00:00.000Z', `#${id}`);
      else assert.equal(c.snoozed_until, null, `#${id}`);
      assert.equal(c.muted, id % 20 === 0, `#${id} muted iff contact 20 (blocked)`);
      assert.equal(c.priority, id === 42 ? 'urgent' : id % 8 === 0 ? 'high' : id % 8 === 3 ? 'low' : null, `#${id} priority`);
      const meta = obj(c.meta);
      const hasHuman = ![0, 3].includes(id % 7) && id !== 33 && id !== 57;
      assert.equal(hasKey(meta, 'assignee'), hasHuman || id === 33 || id === 57, `#${id} meta.assignee presence`);
      assert.equal(hasKey(meta, 'team'), id % 4 === 0 || id % 4 === 2 || [7, 19, 31].includes(id), `#${id} meta.team presence`);
    }
    const floatMatches = raws.join('').match(/"updated_at":\d+\.25[,}]/g) ?? [];
    assert.equal(floatMatches.length, 60, 'every updated_at is rendered as a float');
  });

  it('bot-assigned #33 renders meta.assignee as bot slim with assignee_type "AgentBot"', async function () {
    const meta = obj((await api.conversation(1, 33)).meta);
    assert.deepStrictEqual(keysOf(meta), ['sender', 'channel', 'assignee', 'assignee_type', 'hmac_verified']);
    assert.equal(meta.assignee_type, 'AgentBot');
    const bot = obj(meta.assignee);
    assert.deepStrictEqual(keysOf(bot), ['id', 'name', 'description', 'thumbnail', 'outgoing_url', 'bot_type']);
    assert.deepStrictEqual(
      { ...bot, description: null },
      {
        id: 1,
        name: 'Triage Bot',
        description: null,
        thumbnail: '',
        outgoing_url: 'https://bots.acme.test/triage',
        bot_type: 'webhook',
      },
    );
  });

  it('agent JSON: exact bytes for Carol (agents list and assignment response)', async function () {
    const agents = await api.get(`${A1}/agents`);
    expectJson(agents, 200);
    assert.ok(agents.text.includes(CAROL_EXACT), agents.text);
    for (const agent of objects(agents.json)) assert.deepStrictEqual(keysOf(agent), AGENT_KEYS);
    const res = await api.assign(1, 1, { assignee_id: 3 });
    expectJson(res, 200);
    assert.equal(res.text, CAROL_EXACT);
  });

  it('raw team JSON (§8.4) from a team assignment: exact bytes, no is_member', async function () {
    const res = await api.assign(1, 15, { team_id: 1 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[1]);
    assert.ok(!hasKey(obj(res.json), 'is_member'));
  });

  it('bot slim (§8.5): with outgoing_url for an account bot, without it for the system bot', async function () {
    const triage = await api.assign(1, 21, { assignee_id: 1, assignee_type: 'AgentBot' });
    expectJson(triage, 200);
    assert.deepStrictEqual(keysOf(triage.json), ['id', 'name', 'description', 'thumbnail', 'outgoing_url', 'bot_type']);
    assert.equal(at(triage.json, 'outgoing_url'), 'https://bots.acme.test/triage');
    const system = await api.assign(1, 24, { assignee_id: 3, assignee_type: 'AgentBot' });
    expectJson(system, 200);
    assert.deepStrictEqual(keysOf(system.json), ['id', 'name', 'description', 'thumbnail', 'bot_type']);
    assert.ok(!system.text.includes('outgoing_url'));
    assert.equal(at(system.json, 'name'), 'Global Helper');
    assert.equal(at(system.json, 'thumbnail'), '');
    assert.equal(at(system.json, 'bot_type'), 'webhook');
  });

  it('profile of Alice (§8.7, edge 37): keys, values, accounts in membership order', async function () {
    const res = await api.get('/api/v1/profile');
    expectJson(res, 200);
    const profile = obj(res.json);
    assert.deepStrictEqual(keysOf(profile), PROFILE_KEYS, 'no custom_attributes (empty), no hmac_identifier');
    assert.equal(typeof profile.pubsub_token, 'string');
    assert.deepStrictEqual(
      { ...profile, pubsub_token: 'x' },
      {
        access_token: TOKENS.alice,
        account_id: 1,
        available_name: 'Alice Anderson',
        avatar_url: '',
        confirmed: true,
        display_name: null,
        message_signature: null,
        email: 'alice@acme.test',
        id: 1,
        inviter_id: null,
        name: 'Alice Anderson',
        provider: 'email',
        pubsub_token: 'x',
        role: 'administrator',
        ui_settings: {},
        uid: 'alice@acme.test',
        type: null,
        accounts: [
          {
            id: 1,
            name: 'Acme Support',
            status: 'active',
            active_at: '2026-01-01T08:00:00.000Z',
            role: 'administrator',
            permissions: ['administrator'],
            availability: 'online',
            availability_status: 'online',
            auto_offline: false,
            custom_role_id: null,
            custom_role: null,
          },
          {
            id: 2,
            name: 'Beta Labs',
            status: 'active',
            active_at: '2025-12-20T08:00:00.000Z',
            role: 'agent',
            permissions: ['agent'],
            availability: 'online',
            availability_status: 'online',
            auto_offline: false,
            custom_role_id: null,
            custom_role: null,
          },
          {
            id: 3,
            name: 'Gamma Archive',
            status: 'suspended',
            active_at: null,
            role: 'administrator',
            permissions: ['administrator'],
            availability: 'online',
            availability_status: 'online',
            auto_offline: false,
            custom_role_id: null,
            custom_role: null,
          },
        ],
      },
    );
    for (const account of objects(profile.accounts)) {
      assert.deepStrictEqual(keysOf(account), [
        'id',
        'name',
        'status',
        'active_at',
        'role',
        'permissions',
        'availability',
        'availability_status',
        'auto_offline',
        'custom_role_id',
        'custom_role',
      ]);
    }
    const carol = obj((await api.get('/api/v1/profile', TOKENS.carol)).json);
    assert.equal(carol.display_name, 'Caz');
    assert.equal(carol.available_name, 'Caz');
    assert.equal(carol.name, 'Carol Chen');
    assert.equal(at(objects(carol.accounts)[0], 'availability_status'), 'busy');
    const dave = obj((await api.get('/api/v1/profile', TOKENS.dave)).json);
    assert.deepStrictEqual(
      objects(dave.accounts).map((a) => [a.availability, a.availability_status, a.auto_offline]),
      [['online', 'offline', true]],
    );
  });

  it('inboxes (§8.8): common keys in order and values, channel-specific and admin-only keys', async function () {
    const res = await api.get(`${A1}/inboxes`);
    expectJson(res, 200);
    const inboxes = objects(at(res.json, 'payload'));
    const byId = new Map(inboxes.map((i) => [i.id, i]));
    const common: JsonObject = {
      avatar_url: '',
      greeting_enabled: false,
      greeting_message: null,
      working_hours_enabled: false,
      enable_email_collect: true,
      csat_survey_enabled: false,
      csat_config: {},
      auto_assignment_config: {},
      out_of_office_message: null,
      working_hours: [],
      timezone: 'UTC',
      callback_webhook_url: null,
      allow_messages_after_resolved: true,
      lock_to_single_conversation: false,
      sender_name_type: 'friendly',
      business_name: null,
    };
    const expectations: Array<[number, string, string, boolean]> = [
      [1, 'Website Chat', 'Channel::WebWidget', true],
      [2, 'Support Email', 'Channel::Email', true],
      [3, 'API Inbox', 'Channel::Api', false],
    ];
    for (const [id, name, channelType, auto] of expectations) {
      const inbox = byId.get(id);
      assert.ok(inbox, `inbox ${id}`);
      const keys = keysOf(inbox);
      assert.deepStrictEqual(keys.slice(0, INBOX_COMMON_KEYS.length), INBOX_COMMON_KEYS, `inbox ${id} common keys`);
      assert.equal(keys[keys.length - 1], 'provider', `inbox ${id}: provider last`);
      for (const key of INBOX_EVERY_KEYS) assert.ok(hasKey(inbox, key), `inbox ${id} has ${key}`);
      for (const [key, value] of Object.entries(common)) assert.deepStrictEqual(inbox[key], value, `inbox ${id} ${key}`);
      assert.equal(inbox.name, name);
      assert.equal(inbox.channel_type, channelType);
      assert.equal(inbox.enable_auto_assignment, auto);
      assert.equal(typeof inbox.channel_id, 'number');
    }
    const web = byId.get(1) as JsonObject;
    const email = byId.get(2) as JsonObject;
    const apiInbox = byId.get(3) as JsonObject;
    for (const key of ['pre_chat_form_enabled', 'pre_chat_form_options', 'continuity_via_email', 'hmac_token']) assert.ok(hasKey(web, key), `web ${key}`);
    for (const key of ['email', 'forwarding_enabled']) assert.ok(hasKey(email, key), `email ${key}`);
    for (const key of ['webhook_url', 'inbox_identifier', 'additional_attributes', 'hmac_token']) assert.ok(hasKey(apiInbox, key), `api ${key}`);
    for (const key of ['pre_chat_form_enabled', 'webhook_url', 'inbox_identifier']) assert.ok(!hasKey(email, key), `email lacks ${key}`);
    for (const key of ['email', 'forwarding_enabled', 'pre_chat_form_enabled']) assert.ok(!hasKey(apiInbox, key), `api lacks ${key}`);
    for (const key of ['email', 'forwarding_enabled', 'webhook_url']) assert.ok(!hasKey(web, key), `web lacks ${key}`);

    // hmac_token is for administrators only.
    const carolView = objects(at((await api.get(`${A1}/inboxes`, TOKENS.carol)).json, 'payload'));
    assert.deepStrictEqual(
      carolView.map((i) => i.id),
      [3, 1],
    );
    for (const inbox of carolView) assert.ok(!hasKey(inbox, 'hmac_token'), `agent view of inbox ${String(inbox.id)} has no hmac_token`);
  });

  it('ce edition drops custom_role_id from agents and custom_role keys from profile accounts', async function () {
    await api.config({ edition: 'ce' });
    try {
      const agents = await api.get(`${A1}/agents`);
      expectJson(agents, 200);
      for (const agent of objects(agents.json)) {
        assert.deepStrictEqual(
          keysOf(agent),
          AGENT_KEYS.filter((k) => k !== 'custom_role_id'),
        );
      }
      const assigned = await api.assign(1, 1, { assignee_id: 3 });
      expectJson(assigned, 200);
      assert.equal(assigned.text, CAROL_EXACT.replace(',"custom_role_id":null', ''));
      const conversation = await api.conversation(1, 1);
      assert.ok(!hasKey(obj(at(conversation, 'meta.assignee')), 'custom_role_id'));
      const profile = obj((await api.get('/api/v1/profile')).json);
      for (const account of objects(profile.accounts)) {
        assert.ok(!hasKey(account, 'custom_role_id'), 'no custom_role_id');
        assert.ok(!hasKey(account, 'custom_role'), 'no custom_role');
      }
    } finally {
      await api.config({ edition: 'ee' });
    }
    const back = objects((await api.get(`${A1}/agents`)).json);
    assert.ok(
      back.every((a) => hasKey(a, 'custom_role_id') && a.custom_role_id === null),
      'ee again',
    );
  });

  it('null bodies are the literal four bytes `null` with status 200', async function () {
    const res = await api.assign(1, 1, { assignee_id: null });
    expectNullBody(res);
    assert.equal(Buffer.byteLength(res.text), 4);
    expectNullBody(await api.assign(1, 2, {}));
    expectNullBody(await api.assign(1, 4, { team_id: 0 }));
  });

  it('bulk actions answer 200 with an empty body and a JSON content type', async function () {
    const res = await api.bulk(1, { type: 'Conversation', ids: [21], fields: { assignee_id: 2 } });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.equal(res.json, undefined, 'JSON.parse of the body fails');
    assert.match(res.contentType ?? '', /^application\/json/);
  });

  it('unknown route: 404 JSON when Accept asks for JSON, HTML otherwise', async function () {
    const json = await api.get('/api/v1/accounts/1/no_such_thing', TOKENS.alice, { accept: 'application/json' });
    expectBody(json, 404, { status: 404, error: 'Not Found' });
    const html = await api.get('/api/v1/accounts/1/no_such_thing', TOKENS.alice, { accept: 'text/html' });
    assert.equal(html.status, 404);
    assert.match(html.contentType ?? '', /^text\/html/);
    assert.match(html.text, /<html/i);
    assert.equal(html.json, undefined);
  });

  it('activity message push data: message_type 2, no sender, and not last_non_activity_message', async function () {
    await api.assign(1, 21, { assignee_id: 2 });
    const conversation = await api.conversation(1, 21);
    const activity = objects(conversation.messages)[0];
    assert.deepStrictEqual(keysOf(activity), MESSAGE_KEYS, 'no `sender` key for activity messages');
    assert.deepStrictEqual(
      { ...activity, id: 0, updated_at: '', conversation: null },
      {
        id: 0,
        content: 'Assigned to Bob Brown by Alice Anderson',
        account_id: 1,
        inbox_id: 3,
        conversation_id: 21,
        message_type: 2,
        created_at: NOW0 + 1,
        updated_at: '',
        private: false,
        status: 'sent',
        source_id: null,
        content_type: 'text',
        content_attributes: {},
        sender_type: null,
        sender_id: null,
        external_source_ids: {},
        additional_attributes: {},
        processed_message_content: 'Assigned to Bob Brown by Alice Anderson',
        sentiment: {},
        conversation: null,
      },
    );
    assert.equal(typeof activity.id, 'number');
    assert.equal(conversation.updated_at, NOW0 + 1);
    const raw = (await api.get(`${A1}/conversations/21`)).text;
    assert.ok(raw.includes(`"updated_at":${NOW0 + 1}.0,`), 'a whole-second updated_at is still rendered as a float');
    assert.match(str(activity.updated_at), ISO_MS);
    assert.equal(at(activity, 'conversation.assignee_id'), 2);
    assert.equal(at(obj(conversation.last_non_activity_message), 'id'), 42, 'last_non_activity_message skips the activity');
  });

  it('event push data (§8.9): conversation payload with meta.assignee/team present as null when empty', async function () {
    await api.assign(1, 1, { assignee_id: null });
    const updated = (await api.eventsFor(1, 1)).find((e) => e.event === 'conversation.updated');
    assert.ok(updated, 'conversation.updated recorded');
    const data = obj(updated.data);
    assert.deepStrictEqual(keysOf(data), CONVERSATION_PUSH_KEYS);
    const meta = obj(data.meta);
    assert.deepStrictEqual(keysOf(meta), ['sender', 'assignee', 'assignee_type', 'team', 'hmac_verified']);
    assert.equal(meta.assignee, null);
    assert.equal(meta.team, null);
    assert.equal(data.account_id, 1);
    assert.equal(data.id, 1);
    assert.equal(data.status, 'open');

    await api.assign(1, 21, { assignee_id: 2 });
    const assigned = (await api.eventsFor(1, 21)).find((e) => e.event === 'assignee.changed');
    assert.ok(assigned, 'assignee.changed recorded');
    // Re-read in a job without Current.account: availability_status is null (API-FACTS-LIVE §1.6).
    assert.deepStrictEqual(at(assigned.data, 'meta.assignee'), { ...USER_PUSH_BOB, availability_status: null });
  });
});
