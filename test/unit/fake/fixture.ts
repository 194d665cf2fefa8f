// Shared fixture for the fake-Chatwoot conformance tests: seed constants copied from
// FAKE-SERVER-SPEC.md §4 (tests must not read the spec at run time), a small API
// wrapper, and a mocha hook that starts/stops one fake per test file.
import * as assert from 'node:assert/strict';
import { startFakeChatwoot, type FakeChatwoot, type StartOptions } from '../../fake-chatwoot';
import { at, httpRequest, isObject, obj, objects, type HttpResult, type JsonObject, type RequestOptions } from './http';

// ---------------------------------------------------------------------------
// Seed constants (spec §4)

/** Spec §4.2 token table. */
export const TOKENS = {
  alice: 'aLiceTkn2222222222222222',
  bob: 'bobTkn333333333333333333',
  carol: 'carolTkn3333333333333333',
  dave: 'daveTkn44444444444444444',
  erin: 'erinTkn55555555555555555',
  frank: 'frankTkn6666666666666666',
  grace: 'graceTkn7777777777777777',
  heidi: 'heidiTkn5555555555555555',
  ivan: 'ivanTkn44444444444444444',
  triageBot: 'triageBotTkn777777777777',
  betaBot: 'betaBotTkn88888888888888',
  systemBot: 'systemBotTkn999999999999',
  platform: 'platformTkn1111111111111',
} as const;

/** 2026-01-01T00:00:00Z */
export const T0 = 1767225600;
/** Initial virtual "now": 2026-01-02T00:00:00Z */
export const NOW0 = 1767312000;

export const JSON_CT = 'application/json; charset=utf-8';
export const NOT_FOUND = { error: 'Resource could not be found' };
export const NOT_AUTHORIZED_ACTION = { error: 'You are not authorized to do this action' };
export const BOTS_NOT_ALLOWED = { error: 'Access to this endpoint is not authorized for bots' };

export const USER_IDS = { alice: 1, bob: 2, carol: 3, dave: 4, erin: 5, frank: 6, grace: 7, heidi: 8, ivan: 9 } as const;

interface SeedUser {
  name: string;
  displayName: string | null;
  email: string;
}
export const USERS: Record<number, SeedUser> = {
  1: { name: 'Alice Anderson', displayName: null, email: 'alice@acme.test' },
  2: { name: 'Bob Brown', displayName: null, email: 'bob@acme.test' },
  3: { name: 'Carol Chen', displayName: 'Caz', email: 'carol@acme.test' },
  4: { name: 'Dave Diaz', displayName: null, email: 'dave@acme.test' },
  5: { name: 'Erin Evans', displayName: null, email: 'erin@acme.test' },
  6: { name: 'Frank Fischer', displayName: null, email: 'frank@acme.test' },
  7: { name: 'Grace Garcia', displayName: null, email: 'grace@beta.test' },
  8: { name: 'Heidi Hughes', displayName: null, email: 'heidi@beta.test' },
  9: { name: 'Ivan Ivanov', displayName: null, email: 'ivan@acme.test' },
};

interface Membership {
  role: 'agent' | 'administrator';
  availability: 'online' | 'busy' | 'offline';
  autoOffline: boolean;
}
/** key `${account}:${user}` */
export const MEMBERSHIPS: Record<string, Membership> = {
  '1:1': { role: 'administrator', availability: 'online', autoOffline: false },
  '1:2': { role: 'agent', availability: 'online', autoOffline: false },
  '1:3': { role: 'agent', availability: 'busy', autoOffline: false },
  '1:4': { role: 'agent', availability: 'online', autoOffline: true },
  '1:5': { role: 'agent', availability: 'offline', autoOffline: false },
  '1:6': { role: 'administrator', availability: 'online', autoOffline: true },
  '1:9': { role: 'agent', availability: 'online', autoOffline: false },
  '2:1': { role: 'agent', availability: 'online', autoOffline: false },
  '2:7': { role: 'administrator', availability: 'online', autoOffline: false },
  '2:8': { role: 'agent', availability: 'busy', autoOffline: false },
  '3:1': { role: 'administrator', availability: 'online', autoOffline: false },
};

/** Agent JSON (spec §8.2, ee edition, no presence) for a seeded member. */
export function agentJson(userId: number, accountId: number, presence = false): JsonObject {
  const user = USERS[userId];
  const membership = MEMBERSHIPS[`${accountId}:${userId}`];
  assert.ok(user && membership, `no seed membership ${accountId}:${userId}`);
  const status = !membership.autoOffline || presence ? membership.availability : 'offline';
  return {
    id: userId,
    account_id: accountId,
    availability_status: status,
    auto_offline: membership.autoOffline,
    confirmed: true,
    email: user.email,
    provider: 'email',
    available_name: user.displayName ?? user.name,
    name: user.name,
    role: membership.role,
    thumbnail: '',
    custom_role_id: null,
  };
}

/** Raw team JSON (spec §8.4) for the seeded teams. */
export const RAW_TEAMS: Record<number, string> = {
  1: '{"id":1,"name":"sales","description":"Pre-sales questions","allow_auto_assign":true,"account_id":1,"created_at":"2025-12-01T09:00:00.000Z","updated_at":"2025-12-01T09:00:00.000Z"}',
  2: '{"id":2,"name":"billing","description":"Invoices and refunds","allow_auto_assign":false,"account_id":1,"created_at":"2025-12-01T09:00:00.000Z","updated_at":"2025-12-01T09:00:00.000Z"}',
  3: '{"id":3,"name":"vip support","description":"Key accounts","allow_auto_assign":true,"account_id":1,"created_at":"2025-12-01T09:00:00.000Z","updated_at":"2025-12-01T09:00:00.000Z"}',
  4: '{"id":4,"name":"escalations","description":"Escalated tickets","allow_auto_assign":true,"account_id":2,"created_at":"2025-12-01T09:00:00.000Z","updated_at":"2025-12-01T09:00:00.000Z"}',
};

export const CONVERSATION_KEYS = [
  'meta',
  'id',
  'messages',
  'account_id',
  'uuid',
  'additional_attributes',
  'agent_last_seen_at',
  'assignee_last_seen_at',
  'can_reply',
  'contact_last_seen_at',
  'custom_attributes',
  'inbox_id',
  'labels',
  'muted',
  'snoozed_until',
  'status',
  'created_at',
  'updated_at',
  'timestamp',
  'first_reply_created_at',
  'unread_count',
  'last_non_activity_message',
  'last_activity_at',
  'priority',
  'waiting_since',
  'sla_policy_id',
];

// ---------------------------------------------------------------------------
// API wrapper

export interface ListResult {
  status: number;
  meta: JsonObject;
  payload: JsonObject[];
  ids: number[];
}

export class Api {
  constructor(readonly baseUrl: string) {}

  request(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
    return httpRequest(this.baseUrl, method, path, options);
  }

  /** GET with a token (Alice unless told otherwise; pass null for no header). */
  get(path: string, token: string | null = TOKENS.alice, options: RequestOptions = {}): Promise<HttpResult> {
    return this.request('GET', path, { token, ...options });
  }

  post(path: string, body: unknown, token: string | null = TOKENS.alice, options: RequestOptions = {}): Promise<HttpResult> {
    return this.request('POST', path, { token, body, ...options });
  }

  /** POST to a `/__fake/...` control route and assert it succeeded. */
  async control(path: string, body: unknown = {}): Promise<HttpResult> {
    const res = await this.request('POST', `/__fake/${path}`, { body });
    assert.ok(res.status >= 200 && res.status < 300, `control ${path} failed: ${res.status} ${res.text}`);
    return res;
  }

  async reset(): Promise<void> {
    await this.control('reset');
  }

  async config(body: JsonObject): Promise<void> {
    await this.control('config', body);
  }

  async drain(): Promise<void> {
    await this.control('jobs/drain');
  }

  async setClock(now: number): Promise<void> {
    await this.control('clock', { now });
  }

  async presence(accountId: number, userId: number, present: boolean): Promise<void> {
    await this.control('presence', { account_id: accountId, user_id: userId, present });
  }

  /** `GET /__fake/events` (a bare array, or `{events: [...]}`). */
  async events(): Promise<JsonObject[]> {
    const res = await this.request('GET', '/__fake/events');
    assert.equal(res.status, 200, res.text);
    const list = isObject(res.json) && Array.isArray(res.json.events) ? res.json.events : res.json;
    return objects(list, 'events');
  }

  /** Events (spec §7.2 `{event, account_id, data}`) about one conversation. */
  async eventsFor(accountId: number, displayId: number): Promise<JsonObject[]> {
    return (await this.events()).filter((e) => e.account_id === accountId && isObject(e.data) && e.data.id === displayId);
  }

  /** `GET /__fake/state/conversations/{account}/{display_id}`: the raw internal record. */
  async state(accountId: number, displayId: number): Promise<JsonObject> {
    const res = await this.request('GET', `/__fake/state/conversations/${accountId}/${displayId}`);
    assert.equal(res.status, 200, res.text);
    const record = obj(res.json, 'state');
    // Tolerate a `{conversation: {...}}` wrapper; the spec only says "raw internal record".
    return !('display_id' in record) && isObject(record.conversation) ? record.conversation : record;
  }

  /** `GET A/conversations/{id}` asserting 200; returns the conversation object. */
  async conversation(accountId: number, displayId: number, token: string = TOKENS.alice): Promise<JsonObject> {
    const res = await this.get(`/api/v1/accounts/${accountId}/conversations/${displayId}`, token);
    assert.equal(res.status, 200, `GET conversation ${accountId}/${displayId}: ${res.text}`);
    return obj(res.json, 'conversation');
  }

  /** Newest message preview (`messages[0]`) of a conversation. */
  async lastMessage(accountId: number, displayId: number, token: string = TOKENS.alice): Promise<JsonObject> {
    const conversation = await this.conversation(accountId, displayId, token);
    const messages = objects(conversation.messages, 'messages');
    assert.equal(messages.length, 1, 'messages holds exactly the newest message');
    return messages[0];
  }

  /** `GET A/conversations?query` asserting 200. */
  async list(accountId: number, query = '', token: string = TOKENS.alice): Promise<ListResult> {
    const res = await this.get(`/api/v1/accounts/${accountId}/conversations${query ? `?${query}` : ''}`, token);
    assert.equal(res.status, 200, `list ${query}: ${res.text}`);
    const meta = obj(at(res.json, 'data.meta'), 'data.meta');
    const payload = objects(at(res.json, 'data.payload'), 'data.payload');
    return { status: res.status, meta, payload, ids: payload.map((c) => c.id as number) };
  }

  assign(accountId: number, displayId: number, body: unknown, token: string = TOKENS.alice, query = ''): Promise<HttpResult> {
    return this.post(`/api/v1/accounts/${accountId}/conversations/${displayId}/assignments${query}`, body, token);
  }

  bulk(accountId: number, body: unknown, token: string = TOKENS.alice): Promise<HttpResult> {
    return this.post(`/api/v1/accounts/${accountId}/bulk_actions`, body, token);
  }
}

// ---------------------------------------------------------------------------
// Assertions shared by the suites

/** Status + exact JSON content type. */
export function expectJson(res: HttpResult, status: number): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.equal(res.contentType?.toLowerCase(), JSON_CT);
}

/** Status, JSON content type and exact parsed body. */
export function expectBody(res: HttpResult, status: number, body: unknown): void {
  expectJson(res, status);
  assert.deepStrictEqual(res.json, body);
}

/** 200 with the literal four-byte body `null`. */
export function expectNullBody(res: HttpResult): void {
  expectJson(res, 200);
  assert.equal(res.text, 'null');
}

/** The newest message of the conversation is an activity message with this text. */
export async function expectActivity(api: Api, accountId: number, displayId: number, content: string, token: string = TOKENS.alice): Promise<JsonObject> {
  const message = await api.lastMessage(accountId, displayId, token);
  assert.equal(message.content, content);
  assert.equal(message.message_type, 2, 'activity messages have message_type 2');
  assert.equal(message.private, false);
  return message;
}

/** The newest message is still a seeded (non-activity) message. */
export async function expectNoActivity(api: Api, accountId: number, displayId: number, token: string = TOKENS.alice): Promise<void> {
  const message = await api.lastMessage(accountId, displayId, token);
  assert.notEqual(message.message_type, 2, `unexpected activity: ${JSON.stringify(message.content)}`);
  assert.ok(['Thanks, looking into it.', 'Any update?'].includes(message.content as string), `unexpected newest message ${JSON.stringify(message.content)}`);
}

export function keysOf(value: unknown): string[] {
  return Object.keys(obj(value));
}

// ---------------------------------------------------------------------------
// Mocha hook

export interface FakeHandle {
  readonly fake: FakeChatwoot;
  readonly api: Api;
}

/** Starts one fake (port 0, loopback) before the suite and closes it after. */
export function useFake(options: StartOptions = {}, startTimeoutMs = 30000): FakeHandle {
  let fake: FakeChatwoot | undefined;
  let api: Api | undefined;
  before(async function () {
    this.timeout(startTimeoutMs);
    fake = await startFakeChatwoot({ host: '127.0.0.1', ...options, port: 0 });
    api = new Api(`http://127.0.0.1:${fake.port}`);
  });
  after(async function () {
    this.timeout(startTimeoutMs);
    if (fake) await fake.close();
  });
  return {
    get fake(): FakeChatwoot {
      assert.ok(fake, 'fake not started');
      return fake;
    },
    get api(): Api {
      assert.ok(api, 'fake not started');
      return api;
    },
  };
}

/** Starts a throw-away fake for one test, runs `body`, always closes it. */
export async function withFake(options: StartOptions, body: (api: Api, fake: FakeChatwoot) => Promise<void>): Promise<void> {
  const fake = await startFakeChatwoot({ host: '127.0.0.1', ...options, port: 0 });
  try {
    await body(new Api(`http://127.0.0.1:${fake.port}`), fake);
  } finally {
    await fake.close();
  }
}

/** Default switch values, restored after suites that flip them. */
export const DEFAULT_CONFIG = { edition: 'ee', jobs: 'immediate', profile: 'v4.10', per_page: 25, latency_ms: 0 } as const;
