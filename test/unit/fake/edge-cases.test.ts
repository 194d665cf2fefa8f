// FAKE-SERVER-SPEC.md §12: the 47 edge cases, one `it` each, titled `edge N: …`.
// Expected values come from the spec (§3-§8, §11); state is reset before every test.
import * as assert from 'node:assert/strict';
import {
  BOTS_NOT_ALLOWED,
  JSON_CT,
  NOT_AUTHORIZED_ACTION,
  NOT_FOUND,
  NOW0,
  RAW_TEAMS,
  TOKENS,
  agentJson,
  expectActivity,
  expectBody,
  expectJson,
  expectNoActivity,
  expectNullBody,
  useFake,
  type Api,
} from './fixture';
import { arr, at, hasKey, obj, objects, type HttpResult, type JsonObject } from './http';

const A1 = '/api/v1/accounts/1';
const A2 = '/api/v1/accounts/2';
const SIGN_IN = { errors: ['You need to sign in or sign up before continuing.'] };
const INVALID_TOKEN = { error: 'Invalid Access Token' };
const BOT_NOT_IN_ACCOUNT = { error: 'Bot is not authorized to access this account' };

/** Spec §11: Alice, account 1, default params. */
const ALICE_OPEN_P1 = [47, 34, 21, 55, 42, 16, 3, 37, 24, 11, 45, 32, 6, 53, 27, 14, 1, 35, 22, 56, 43, 17, 4, 51, 25];
const ALICE_OPEN_P2 = [12, 46, 33, 7, 54, 41, 15, 2, 36, 23, 57, 44, 31, 5, 52, 26, 13];
const ALICE_OPEN_META = { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 };
/** Spec §4.4: open = n mod 10 ∉ {0, 8, 9}. */
const OPEN_IDS = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => ![0, 8, 9].includes(n % 10));

const TRIAGE_BOT_KEYS = ['id', 'name', 'description', 'thumbnail', 'outgoing_url', 'bot_type'];
const SYSTEM_BOT_KEYS = ['id', 'name', 'description', 'thumbnail', 'bot_type'];

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function payloadIds(res: HttpResult): number[] {
  return objects(at(res.json, 'payload'), 'payload').map((a) => a.id as number);
}

describe('fake chatwoot: edge cases (spec §12)', function () {
  const ctx = useFake();
  let api: Api;

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  async function assigneeOf(account: number, id: number): Promise<unknown> {
    return (await api.state(account, id)).assignee_id;
  }

  async function teamOf(account: number, id: number): Promise<unknown> {
    return (await api.state(account, id)).team_id;
  }

  async function assertUnchanged(account: number, id: number, before: JsonObject, beforeState: JsonObject): Promise<void> {
    assert.deepStrictEqual(await api.conversation(account, id, account === 2 ? TOKENS.grace : TOKENS.alice), before, 'conversation JSON unchanged');
    assert.deepStrictEqual(await api.state(account, id), beforeState, 'internal record unchanged');
  }

  async function snapshot(account: number, id: number): Promise<[JsonObject, JsonObject]> {
    return [await api.conversation(account, id, account === 2 ? TOKENS.grace : TOKENS.alice), await api.state(account, id)];
  }

  // ---------------------------------------------------------------- authentication / errors

  it('edge 1: no token header → 401 with the devise `errors` array', async function () {
    expectBody(await api.get('/api/v1/profile', null), 401, SIGN_IN);
    expectBody(await api.get(`${A1}/conversations`, null), 401, SIGN_IN);
    expectBody(await api.post(`${A1}/conversations/21/assignments`, { assignee_id: 2 }, null), 401, SIGN_IN);
    assert.equal(await assigneeOf(1, 21), null, 'unauthenticated assignment changed nothing');
  });

  it('edge 2: unknown token → 401 {"error":"Invalid Access Token"}', async function () {
    expectBody(await api.get('/api/v1/profile', 'nope0000000000000000000x'), 401, INVALID_TOKEN);
    expectBody(await api.get(`${A1}/agents`, 'nope0000000000000000000x'), 401, INVALID_TOKEN);
    expectBody(await api.assign(1, 21, { assignee_id: 2 }, 'nope0000000000000000000x'), 401, INVALID_TOKEN);
  });

  it('edge 3: Api-Access-Token and api_access_token headers work; ?api_access_token= does not', async function () {
    const hyphen = await api.get('/api/v1/profile', TOKENS.alice, { tokenHeader: 'Api-Access-Token' });
    expectJson(hyphen, 200);
    assert.equal(at(hyphen.json, 'id'), 1);
    const underscore = await api.get('/api/v1/profile', TOKENS.bob, { tokenHeader: 'api_access_token' });
    expectJson(underscore, 200);
    assert.equal(at(underscore.json, 'id'), 2);
    expectBody(await api.get(`/api/v1/profile?api_access_token=${TOKENS.alice}`, null), 401, SIGN_IN);
    // Both spellings present: the hyphenated one wins (spec §2).
    const both = await api.get('/api/v1/profile', TOKENS.bob, { tokenHeader: 'Api-Access-Token', headers: { api_access_token: TOKENS.alice } });
    expectJson(both, 200);
    assert.equal(at(both.json, 'id'), 2);
    const bothBad = await api.get('/api/v1/profile', 'nope0000000000000000000x', { tokenHeader: 'Api-Access-Token', headers: { api_access_token: TOKENS.alice } });
    expectBody(bothBad, 401, INVALID_TOKEN);
  });

  it('edge 4: bot token → 401 on non-bot routes, 200 on assignments', async function () {
    const denied: Array<[string, string, unknown]> = [
      ['GET', '/api/v1/profile', undefined],
      ['GET', `${A1}/conversations`, undefined],
      ['GET', `${A1}/conversations/meta`, undefined],
      ['GET', `${A1}/conversations/21`, undefined],
      ['GET', `${A1}/agents`, undefined],
      ['GET', `${A1}/teams`, undefined],
      ['GET', `${A1}/assignable_agents?inbox_ids[]=3`, undefined],
      ['POST', `${A1}/bulk_actions`, { type: 'Conversation', ids: [21], fields: { assignee_id: 2 } }],
    ];
    for (const [method, path, body] of denied) {
      const res = await api.request(method, path, { token: TOKENS.triageBot, body });
      assert.equal(res.status, 401, `${method} ${path}`);
      assert.deepStrictEqual(res.json, BOTS_NOT_ALLOWED, `${method} ${path}`);
    }
    // A platform-app token on a non-bot route gets the same 401 (spec §3 step 2).
    expectBody(await api.get('/api/v1/profile', TOKENS.platform), 401, BOTS_NOT_ALLOWED);
    expectBody(await api.get(`${A1}/agents`, TOKENS.platform), 401, BOTS_NOT_ALLOWED);
    assert.equal(await assigneeOf(1, 21), null, 'the denied bulk action did nothing');

    const res = await api.assign(1, 21, { assignee_id: 2 }, TOKENS.triageBot);
    expectBody(res, 200, agentJson(2, 1));
    assert.equal(await assigneeOf(1, 21), 2);
  });

  it('edge 5: Beta Bot and the system bot on account 1 → 401 "Bot is not authorized to access this account"', async function () {
    expectBody(await api.assign(1, 1, { assignee_id: 3 }, TOKENS.betaBot), 401, BOT_NOT_IN_ACCOUNT);
    expectBody(await api.assign(1, 1, { assignee_id: 3 }, TOKENS.systemBot), 401, BOT_NOT_IN_ACCOUNT);
    expectBody(await api.post(`${A1}/conversations/1/toggle_status`, { status: 'resolved' }, TOKENS.betaBot), 401, BOT_NOT_IN_ACCOUNT);
    assert.equal(await assigneeOf(1, 1), 2, 'nothing changed');
    // Control: Beta Bot belongs to account 2.
    expectBody(await api.assign(2, 3, { assignee_id: 8 }, TOKENS.betaBot), 200, agentJson(8, 2));
  });

  it('edge 6: suspended account, non-member, unknown account, GET /accounts/{id} for non-member', async function () {
    expectBody(await api.get('/api/v1/accounts/3/agents', TOKENS.alice), 401, { error: 'Account is suspended' });
    // Suspension is checked before membership (spec §3 step 3 order).
    expectBody(await api.get('/api/v1/accounts/3/agents', TOKENS.bob), 401, { error: 'Account is suspended' });
    expectBody(await api.get(`${A2}/agents`, TOKENS.bob), 401, { error: 'You are not authorized to access this account' });
    expectBody(await api.get(`${A2}/conversations`, TOKENS.bob), 401, { error: 'You are not authorized to access this account' });
    expectBody(await api.get('/api/v1/accounts/999/conversations', TOKENS.alice), 404, NOT_FOUND);
    expectBody(await api.get('/api/v1/accounts/999/agents', TOKENS.bob), 404, NOT_FOUND);
    expectBody(await api.get('/api/v1/accounts/abc/agents', TOKENS.alice), 404, NOT_FOUND);
    expectBody(await api.get('/api/v1/accounts/2', TOKENS.bob), 404, NOT_FOUND);
    const own = await api.get('/api/v1/accounts/1', TOKENS.bob);
    expectJson(own, 200);
    assert.equal(at(own.json, 'id'), 1);
    assert.equal(at(own.json, 'name'), 'Acme Support');
  });

  it('edge 7: Ivan on #1 → 401 action; #999 and #abc → 404', async function () {
    expectBody(await api.get(`${A1}/conversations/1`, TOKENS.ivan), 401, NOT_AUTHORIZED_ACTION);
    expectBody(await api.get(`${A1}/conversations/999`, TOKENS.ivan), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/conversations/abc`, TOKENS.ivan), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/conversations/999`, TOKENS.alice), 404, NOT_FOUND);
    expectBody(await api.assign(1, 999, { assignee_id: 2 }), 404, NOT_FOUND);
    expectBody(await api.assign(1, 1, { assignee_id: 9 }, TOKENS.ivan), 401, NOT_AUTHORIZED_ACTION);
  });

  it('edge 8: every denial is 401 (never 403) with either {"error": string} or {"errors": [string]}', async function () {
    const denials: Array<[string, string, string | null, unknown]> = [
      ['GET', '/api/v1/profile', null, undefined],
      ['GET', '/api/v1/profile', 'nope0000000000000000000x', undefined],
      ['GET', `${A1}/conversations`, TOKENS.triageBot, undefined],
      ['POST', `${A1}/conversations/1/assignments`, TOKENS.betaBot, { assignee_id: 2 }],
      ['GET', '/api/v1/accounts/3/conversations', TOKENS.alice, undefined],
      ['GET', `${A2}/conversations`, TOKENS.bob, undefined],
      ['GET', `${A1}/conversations/1`, TOKENS.ivan, undefined],
      ['POST', `${A1}/conversations/21/assignments`, TOKENS.bob, { assignee_id: 2 }],
      ['GET', `${A1}/assignable_agents?inbox_ids[]=3`, TOKENS.bob, undefined],
      ['GET', `${A1}/inbox_members/3`, TOKENS.bob, undefined],
      ['GET', `${A1}/inboxes/3/assignable_agents`, TOKENS.bob, undefined],
    ];
    for (const [method, path, token, body] of denials) {
      const res = await api.request(method, path, { token, body });
      const label = `${method} ${path} (${token ?? 'no token'})`;
      assert.equal(res.status, 401, label);
      assert.equal(res.contentType?.toLowerCase(), JSON_CT, label);
      const json = obj(res.json, label);
      const keys = Object.keys(json);
      assert.equal(keys.length, 1, label);
      if (keys[0] === 'error') {
        assert.equal(typeof json.error, 'string', label);
      } else {
        assert.equal(keys[0], 'errors', label);
        assert.ok(
          arr(json.errors).every((e) => typeof e === 'string'),
          label,
        );
      }
    }
  });

  // ---------------------------------------------------------------- assignment semantics

  it('edge 9: assign #21 to Bob → agent JSON, activity, moves to top, updated_at advances', async function () {
    const before = await api.conversation(1, 21);
    assert.equal(before.updated_at, 1767242700.25);
    const res = await api.assign(1, 21, { assignee_id: 2 });
    expectBody(res, 200, agentJson(2, 1));

    const after = await api.conversation(1, 21);
    assert.equal(at(after, 'meta.assignee_type'), 'User');
    assert.deepStrictEqual(at(after, 'meta.assignee'), agentJson(2, 1));
    assert.equal(after.updated_at, NOW0 + 1, 'updated_at = virtual now');
    assert.equal(after.last_activity_at, NOW0 + 1);
    assert.equal(after.timestamp, NOW0 + 1);
    const activity = await expectActivity(api, 1, 21, 'Assigned to Bob Brown by Alice Anderson');
    assert.equal(activity.created_at, NOW0 + 1);
    assert.equal(activity.conversation_id, 21);

    const list = await api.list(1);
    assert.deepStrictEqual(list.ids, [21, ...ALICE_OPEN_P1.filter((id) => id !== 21)]);
    assert.deepStrictEqual(list.meta, { mine_count: 6, assigned_count: 29, unassigned_count: 13, all_count: 42 });

    const events = await api.eventsFor(1, 21);
    const names = events.map((e) => e.event);
    assert.ok(names.includes('assignee.changed'), `events: ${names.join(', ')}`);
    assert.ok(names.includes('conversation.updated'), `events: ${names.join(', ')}`);
    assert.ok(!names.includes('team.changed'), 'no team.changed for an agent assignment');
    const webhooks = (await api.events()).filter((e) => e.event === 'conversation_updated');
    assert.equal(webhooks.length, 1);
    const changes = objects(webhooks[0].changed_attributes, 'changed_attributes');
    const assigneeChange = changes.find((c) => hasKey(c, 'assignee_id'));
    assert.deepStrictEqual(assigneeChange, { assignee_id: { previous_value: null, current_value: 2 } });
  });

  it('edge 10: Alice assigning herself → "Alice Anderson self-assigned this conversation"', async function () {
    expectBody(await api.assign(1, 21, { assignee_id: 1 }), 200, agentJson(1, 1));
    await expectActivity(api, 1, 21, 'Alice Anderson self-assigned this conversation');
    assert.equal(await assigneeOf(1, 21), 1);
  });

  it('edge 11: {assignee_id: null} on #1 → body null, unassigned, "Conversation unassigned by Alice Anderson"', async function () {
    expectNullBody(await api.assign(1, 1, { assignee_id: null }));
    assert.equal(await assigneeOf(1, 1), null);
    const conversation = await api.conversation(1, 1);
    const meta = obj(conversation.meta);
    assert.ok(!hasKey(meta, 'assignee'), 'meta.assignee absent (not null)');
    assert.ok(!hasKey(meta, 'assignee_type'), 'meta.assignee_type absent (not null)');
    await expectActivity(api, 1, 1, 'Conversation unassigned by Alice Anderson');
    const events = (await api.eventsFor(1, 1)).map((e) => e.event);
    assert.ok(events.includes('assignee.changed'));
  });

  it('edge 12: {assignee_id: 99999} on #1 → body null and #1 becomes unassigned', async function () {
    expectNullBody(await api.assign(1, 1, { assignee_id: 99999 }));
    assert.equal(await assigneeOf(1, 1), null);
    assert.ok(!hasKey(obj((await api.conversation(1, 1)).meta), 'assignee'));
    await expectActivity(api, 1, 1, 'Conversation unassigned by Alice Anderson');
  });

  it('edge 13: {assignee_id: 7} (Grace, account 2 only) on #1 → same as unknown id', async function () {
    expectNullBody(await api.assign(1, 1, { assignee_id: 7 }));
    assert.equal(await assigneeOf(1, 1), null);
    await expectActivity(api, 1, 1, 'Conversation unassigned by Alice Anderson');
  });

  it('edge 14: {assignee_id: ""} and ?assignee_id= (query) unassign', async function () {
    expectNullBody(await api.assign(1, 1, { assignee_id: '' }));
    assert.equal(await assigneeOf(1, 1), null);
    await expectActivity(api, 1, 1, 'Conversation unassigned by Alice Anderson');

    expectNullBody(await api.assign(1, 2, {}, TOKENS.alice, '?assignee_id='));
    assert.equal(await assigneeOf(1, 2), null);
    await expectActivity(api, 1, 2, 'Conversation unassigned by Alice Anderson');
  });

  it('edge 15: {assignee_id: 3, team_id: 2} → only the agent part happens', async function () {
    expectBody(await api.assign(1, 1, { assignee_id: 3, team_id: 2 }), 200, agentJson(3, 1));
    assert.equal(await assigneeOf(1, 1), 3);
    assert.equal(await teamOf(1, 1), null, 'team untouched (was none)');
    await expectActivity(api, 1, 1, 'Assigned to Carol Chen by Alice Anderson');

    // #4 is in sales: team stays sales although Carol is not a member (no §7.1 run).
    expectBody(await api.assign(1, 4, { assignee_id: 3, team_id: 2 }), 200, agentJson(3, 1));
    assert.equal(await assigneeOf(1, 4), 3);
    assert.equal(await teamOf(1, 4), 1);
    const events = (await api.eventsFor(1, 4)).map((e) => e.event);
    assert.ok(!events.includes('team.changed'));
  });

  it('edge 16: {} → null, nothing changes, no activity, no events', async function () {
    const [before, beforeState] = await snapshot(1, 1);
    expectNullBody(await api.assign(1, 1, {}));
    await assertUnchanged(1, 1, before, beforeState);
    await expectNoActivity(api, 1, 1);
    assert.deepStrictEqual(await api.events(), []);
    assert.deepStrictEqual((await api.list(1)).ids, ALICE_OPEN_P1);
  });

  it('edge 17: {team_id: 1} on #15 (Bob) → raw team JSON, Bob kept, "Assigned to sales by Alice Anderson"', async function () {
    const res = await api.assign(1, 15, { team_id: 1 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[1]);
    assert.equal(await teamOf(1, 15), 1);
    assert.equal(await assigneeOf(1, 15), 2);
    await expectActivity(api, 1, 15, 'Assigned to sales by Alice Anderson');
    const events = (await api.eventsFor(1, 15)).map((e) => e.event);
    assert.ok(events.includes('team.changed'));
    assert.ok(!events.includes('assignee.changed'));
  });

  it('edge 18: {team_id: 1} on #5 (Erin) → Erin cleared, Bob auto-picked, via-team activity', async function () {
    const res = await api.assign(1, 5, { team_id: 1 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[1], 'body is still just the raw team');
    assert.equal(await teamOf(1, 5), 1);
    assert.equal(await assigneeOf(1, 5), 2);
    await expectActivity(api, 1, 5, 'Assigned to Bob Brown via sales by Alice Anderson');
    assert.deepStrictEqual(at(await api.conversation(1, 5), 'meta.assignee'), agentJson(2, 1));
  });

  it('edge 19: {team_id: 2} on #1 (Bob) → billing has no auto-assign → unassigned', async function () {
    const res = await api.assign(1, 1, { team_id: 2 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[2]);
    assert.equal(await teamOf(1, 1), 2);
    assert.equal(await assigneeOf(1, 1), null);
    await expectActivity(api, 1, 1, 'Assigned to billing by Alice Anderson');
  });

  it('edge 20: {team_id: 3} on #2 (Carol) → Carol cleared; Erin offline (presence cannot help) → unassigned', async function () {
    await api.presence(1, 5, true); // Erin: stored offline, auto_offline false → still offline
    const res = await api.assign(1, 2, { team_id: 3 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[3]);
    assert.equal(await teamOf(1, 2), 3);
    assert.equal(await assigneeOf(1, 2), null);
    await expectActivity(api, 1, 2, 'Assigned to vip support by Alice Anderson');
  });

  it('edge 21: {team_id: 1} on #4 (already sales) → raw team JSON, no activity, no reorder', async function () {
    const [before, beforeState] = await snapshot(1, 4);
    const res = await api.assign(1, 4, { team_id: 1 });
    expectJson(res, 200);
    assert.equal(res.text, RAW_TEAMS[1]);
    await assertUnchanged(1, 4, before, beforeState);
    await expectNoActivity(api, 1, 4);
    assert.deepStrictEqual(await api.events(), []);
    assert.deepStrictEqual((await api.list(1)).ids, ALICE_OPEN_P1);
  });

  it('edge 22: team_id 0 / null / "" / 999 / other account\'s 4 on #4 → null, team removed, assignee kept', async function () {
    for (const teamId of [0, null, '', 999, 4]) {
      await api.reset();
      const label = `team_id ${JSON.stringify(teamId)}`;
      expectNullBody(await api.assign(1, 4, { team_id: teamId }));
      assert.equal(await teamOf(1, 4), null, label);
      assert.equal(await assigneeOf(1, 4), 1, label);
      assert.ok(!hasKey(obj((await api.conversation(1, 4)).meta), 'team'), `${label}: meta.team absent`);
      await expectActivity(api, 1, 4, 'Unassigned from sales by Alice Anderson');
    }
  });

  it('edge 23: AgentBot assignee: Triage Bot, system bot (no outgoing_url), other-account bot and missing id', async function () {
    // Triage Bot on #21 (no human assignee).
    const triage = await api.assign(1, 21, { assignee_id: 1, assignee_type: 'AgentBot' });
    expectJson(triage, 200);
    const bot = obj(triage.json);
    assert.deepStrictEqual(Object.keys(bot), TRIAGE_BOT_KEYS);
    assert.equal(bot.id, 1);
    assert.equal(bot.name, 'Triage Bot');
    assert.equal(bot.thumbnail, '');
    assert.equal(bot.outgoing_url, 'https://bots.acme.test/triage');
    assert.equal(bot.bot_type, 'webhook');
    const state21 = await api.state(1, 21);
    assert.equal(state21.assignee_agent_bot_id, 1);
    assert.equal(state21.assignee_id, null);
    const conv21 = await api.conversation(1, 21);
    assert.equal(at(conv21, 'meta.assignee_type'), 'AgentBot');
    assert.deepStrictEqual(at(conv21, 'meta.assignee'), bot);
    await expectNoActivity(api, 1, 21); // bot-only change: no activity message
    const unassigned = await api.list(1, 'assignee_type=unassigned');
    assert.ok(unassigned.ids.includes(21), 'bot-assigned still listed as unassigned');
    assert.deepStrictEqual(unassigned.meta, ALICE_OPEN_META);

    // Beta Bot (account 2) and a bot-typed request without id: null, nothing changes.
    const [before1, beforeState1] = await snapshot(1, 1);
    expectNullBody(await api.assign(1, 1, { assignee_id: 2, assignee_type: 'AgentBot' }));
    expectNullBody(await api.assign(1, 1, { assignee_type: 'AgentBot' }));
    await assertUnchanged(1, 1, before1, beforeState1);

    // System bot on #1 (Bob): human cleared, bot JSON without outgoing_url.
    const system = await api.assign(1, 1, { assignee_id: 3, assignee_type: 'AgentBot' });
    expectJson(system, 200);
    const systemBot = obj(system.json);
    assert.deepStrictEqual(Object.keys(systemBot), SYSTEM_BOT_KEYS);
    assert.equal(systemBot.id, 3);
    assert.equal(systemBot.name, 'Global Helper');
    const state1 = await api.state(1, 1);
    assert.equal(state1.assignee_id, null);
    assert.equal(state1.assignee_agent_bot_id, 3);
    await expectActivity(api, 1, 1, 'Conversation unassigned by Alice Anderson');
    const list = await api.list(1);
    assert.deepStrictEqual(list.meta, { mine_count: 6, assigned_count: 27, unassigned_count: 15, all_count: 42 });
  });

  it('edge 24: {assignee_id: 2} on bot-assigned #33 → bot cleared, Bob set', async function () {
    const before = await api.state(1, 33);
    assert.equal(before.assignee_agent_bot_id, 1);
    expectBody(await api.assign(1, 33, { assignee_id: 2 }), 200, agentJson(2, 1));
    const after = await api.state(1, 33);
    assert.equal(after.assignee_agent_bot_id, null);
    assert.equal(after.assignee_id, 2);
    const conversation = await api.conversation(1, 33);
    assert.equal(at(conversation, 'meta.assignee_type'), 'User');
    await expectActivity(api, 1, 33, 'Assigned to Bob Brown by Alice Anderson');
  });

  it('edge 25: Bob (agent) may assign #12 via team and #1 to Carol, but not #21', async function () {
    expectBody(await api.assign(1, 12, { assignee_id: 2 }, TOKENS.bob), 200, agentJson(2, 1));
    assert.equal(await assigneeOf(1, 12), 2);
    await expectActivity(api, 1, 12, 'Bob Brown self-assigned this conversation');

    expectBody(await api.assign(1, 21, { assignee_id: 2 }, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
    assert.equal(await assigneeOf(1, 21), null);

    expectBody(await api.assign(1, 1, { assignee_id: 3 }, TOKENS.bob), 200, agentJson(3, 1));
    assert.equal(await assigneeOf(1, 1), 3);
    await expectActivity(api, 1, 1, 'Assigned to Carol Chen by Bob Brown');
  });

  it('edge 26: Triage Bot assigns #1 to Carol; bot may act on #12 and #2 too', async function () {
    expectBody(await api.assign(1, 1, { assignee_id: 3 }, TOKENS.triageBot), 200, agentJson(3, 1));
    await expectActivity(api, 1, 1, 'Assigned to Carol Chen by Triage Bot');
    expectBody(await api.assign(1, 12, { assignee_id: 2 }, TOKENS.triageBot), 200, agentJson(2, 1));
    assert.equal(await assigneeOf(1, 12), 2);
    expectBody(await api.assign(1, 2, { assignee_id: 2 }, TOKENS.triageBot), 200, agentJson(2, 1));
    assert.equal(await assigneeOf(1, 2), 2);
  });

  it('edge 27: account 2, Alice (agent): #2 via team → 200; #6 → 401; #1 to Grace (admin) → 200', async function () {
    expectBody(await api.assign(2, 2, { assignee_id: 1 }), 200, agentJson(1, 2));
    assert.equal(await assigneeOf(2, 2), 1);
    const viaTeam = await api.get(`${A2}/conversations/2`);
    expectJson(viaTeam, 200);
    assert.equal(at(viaTeam.json, 'id'), 2);
    assert.equal(at(viaTeam.json, 'meta.team.is_member'), true, 'Alice reads #2 through escalations');

    expectBody(await api.assign(2, 6, { assignee_id: 8 }), 401, NOT_AUTHORIZED_ACTION);
    assert.equal(await assigneeOf(2, 6), 1);
    expectBody(await api.get(`${A2}/conversations/6`), 401, NOT_AUTHORIZED_ACTION);

    expectBody(await api.assign(2, 1, { assignee_id: 7 }), 200, agentJson(7, 2));
    assert.equal(await assigneeOf(2, 1), 7);
    await expectActivity(api, 2, 1, 'Assigned to Grace Garcia by Alice Anderson', TOKENS.grace);
  });

  it('edge 28: display-id overlap: assigning account 2 #1 leaves account 1 #1 alone', async function () {
    const [before, beforeState] = await snapshot(1, 1);
    const other = await api.state(2, 1);
    assert.notEqual(other.db_id, beforeState.db_id, 'different conversations behind the same display id');
    assert.equal(beforeState.db_id, 1);
    assert.equal(other.db_id, 61);

    expectBody(await api.assign(2, 1, { assignee_id: 8 }), 200, agentJson(8, 2));
    assert.equal(await assigneeOf(2, 1), 8);
    await assertUnchanged(1, 1, before, beforeState);
    assert.equal(await assigneeOf(1, 1), 2);
  });

  // ---------------------------------------------------------------- lists, pickers, paging

  it('edge 29: meta ignores assignee_type and page (list and /meta)', async function () {
    for (const query of ['', 'assignee_type=me', 'assignee_type=unassigned', 'assignee_type=assigned', 'assignee_type=bogus', 'page=2', 'page=9', 'assignee_type=me&page=2']) {
      const list = await api.list(1, query);
      assert.deepStrictEqual(list.meta, ALICE_OPEN_META, `list ?${query}`);
      expectBody(await api.get(`${A1}/conversations/meta?${query}`), 200, { meta: ALICE_OPEN_META });
    }
    const assigned1 = await api.list(1, 'assignee_type=assigned');
    const assigned2 = await api.list(1, 'assignee_type=assigned&page=2');
    assert.equal(assigned1.ids.length + assigned2.ids.length, 28, 'assigned rows = assigned_count');
    assert.deepStrictEqual((await api.list(1, 'assignee_type=bogus')).ids, ALICE_OPEN_P1, 'unknown assignee_type = no filter');
  });

  it('edge 30: page=0, -1, abc → page 1; page=4 with status=all → empty payload', async function () {
    for (const page of ['0', '-1', 'abc']) {
      const list = await api.list(1, `page=${page}`);
      assert.deepStrictEqual(list.ids, ALICE_OPEN_P1, `page=${page}`);
      assert.deepStrictEqual(list.meta, ALICE_OPEN_META);
    }
    const beyond = await api.list(1, 'status=all&page=4');
    assert.deepStrictEqual(beyond.payload, []);
    assert.deepStrictEqual(beyond.meta, { mine_count: 9, assigned_count: 41, unassigned_count: 19, all_count: 60 });
  });

  it('edge 31: assigning while paging shifts page boundaries (duplicate + miss)', async function () {
    const page1Before = await api.list(1, 'page=1');
    assert.deepStrictEqual(page1Before.ids, ALICE_OPEN_P1);
    expectBody(await api.assign(1, 12, { assignee_id: 2 }), 200, agentJson(2, 1)); // #12 opens page 2
    const page2After = await api.list(1, 'page=2');
    assert.deepStrictEqual(page2After.ids, [25, ...ALICE_OPEN_P2.filter((id) => id !== 12)]);
    const seen = [...page1Before.ids, ...page2After.ids];
    assert.equal(seen.filter((id) => id === 25).length, 2, '#25 seen twice');
    assert.ok(!seen.includes(12), '#12 missed');
    assert.deepStrictEqual((await api.list(1, 'page=1')).ids, [12, ...ALICE_OPEN_P1.slice(0, 24)]);
  });

  it('edge 32: updated_within=5 right after an assignment returns exactly the touched conversations, unpaged', async function () {
    await api.assign(1, 21, { assignee_id: 2 });
    assert.deepStrictEqual((await api.list(1, 'updated_within=5')).ids, [21]);

    await api.reset();
    const touched = OPEN_IDS.filter((n) => ![2, 16, 23, 37, 44, 51].includes(n)); // open, not already Carol's
    assert.equal(touched.length, 36);
    const bulk = await api.bulk(1, { type: 'Conversation', ids: OPEN_IDS, fields: { assignee_id: 3 } });
    assert.equal(bulk.status, 200);
    const within = await api.list(1, 'updated_within=5');
    assert.equal(within.ids.length, 36, 'more than one page (25) returned: unpaged');
    assert.deepStrictEqual(sorted(within.ids), touched);
    assert.deepStrictEqual(sorted((await api.list(1, 'updated_within=5&page=2')).ids), touched, 'page is ignored');
  });

  it('edge 33: assignable_agents: inbox_ids validation, intersection + admins, access checks', async function () {
    expectBody(await api.get(`${A1}/assignable_agents`), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids=1`), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids[]=99`), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids[]=1&inbox_ids[]=99`), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids[]=4`), 404, NOT_FOUND);

    const one = await api.get(`${A1}/assignable_agents?inbox_ids[]=1`);
    expectJson(one, 200);
    const oneIds = payloadIds(one);
    assert.equal(oneIds.length, 5);
    assert.deepStrictEqual(sorted(oneIds.slice(0, 3)), [2, 3, 4], 'inbox members first');
    assert.deepStrictEqual(sorted(oneIds.slice(3)), [1, 6], 'then the administrators');
    for (const agent of objects(at(one.json, 'payload'))) assert.deepStrictEqual(agent, agentJson(agent.id as number, 1));

    const two = await api.get(`${A1}/assignable_agents?inbox_ids[]=1&inbox_ids[]=2`);
    expectJson(two, 200);
    const twoIds = payloadIds(two);
    assert.equal(twoIds[0], 2);
    assert.deepStrictEqual(sorted(twoIds.slice(1)), [1, 6]);
    assert.equal(twoIds.length, 3);

    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids[]=3`, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
    expectBody(await api.get(`${A1}/assignable_agents?inbox_ids[]=1`, TOKENS.ivan), 401, NOT_AUTHORIZED_ACTION);
    const bobOwn = await api.get(`${A1}/assignable_agents?inbox_ids[]=2`, TOKENS.bob);
    expectJson(bobOwn, 200);
    assert.deepStrictEqual(sorted(payloadIds(bobOwn).slice(0, 2)), [2, 5]);
  });

  it('edge 34: agents list: all members incl. admins sorted by name; team/inbox members add no admins; Carol is "Caz"', async function () {
    const expected = [1, 2, 3, 4, 5, 6, 9].map((id) => agentJson(id, 1));
    expectBody(await api.get(`${A1}/agents`), 200, expected);
    expectBody(await api.get(`${A1}/agents`, TOKENS.bob), 200, expected);
    const carol = objects((await api.get(`${A1}/agents`)).json).find((a) => a.id === 3);
    assert.equal(carol?.available_name, 'Caz');
    assert.equal(carol?.name, 'Carol Chen');

    expectBody(await api.get(`${A1}/teams/1/team_members`), 200, [agentJson(2, 1), agentJson(4, 1)]);
    expectBody(await api.get(`${A1}/teams/2/team_members`), 200, [agentJson(3, 1)]);
    expectBody(await api.get(`${A1}/teams/999/team_members`), 404, NOT_FOUND);
    expectBody(await api.get(`${A1}/inbox_members/1`), 200, { payload: [agentJson(2, 1), agentJson(3, 1), agentJson(4, 1)] });
    expectBody(await api.get(`${A1}/inbox_members/99`), 404, NOT_FOUND);
    expectBody(await api.get(`${A2}/agents`, TOKENS.grace), 200, [agentJson(1, 2), agentJson(7, 2), agentJson(8, 2)]);
  });

  it('edge 35: teams is_member depends on the caller', async function () {
    const team = (id: number, name: string, description: string, auto: boolean, account: number, member: boolean): JsonObject => ({
      id,
      name,
      description,
      allow_auto_assign: auto,
      account_id: account,
      is_member: member,
    });
    expectBody(await api.get(`${A1}/teams`, TOKENS.bob), 200, [
      team(1, 'sales', 'Pre-sales questions', true, 1, true),
      team(2, 'billing', 'Invoices and refunds', false, 1, false),
      team(3, 'vip support', 'Key accounts', true, 1, false),
    ]);
    expectBody(await api.get(`${A1}/teams`, TOKENS.carol), 200, [
      team(1, 'sales', 'Pre-sales questions', true, 1, false),
      team(2, 'billing', 'Invoices and refunds', false, 1, true),
      team(3, 'vip support', 'Key accounts', true, 1, false),
    ]);
    expectBody(await api.get(`${A1}/teams`, TOKENS.alice), 200, [
      team(1, 'sales', 'Pre-sales questions', true, 1, false),
      team(2, 'billing', 'Invoices and refunds', false, 1, false),
      team(3, 'vip support', 'Key accounts', true, 1, false),
    ]);
    expectBody(await api.get(`${A2}/teams`, TOKENS.alice), 200, [
      team(4, 'escalations', 'Escalated tickets', true, 2, true),
      team(5, 'onboarding', 'New customers', false, 2, false),
    ]);
    expectBody(await api.get(`${A1}/teams/1`, TOKENS.dave), 200, team(1, 'sales', 'Pre-sales questions', true, 1, true));
    expectBody(await api.get(`${A1}/teams/4`, TOKENS.alice), 404, NOT_FOUND);
  });

  it('edge 36: inboxes: Alice (admin) sees 3, Bob 2, Ivan 0 (sorted by name)', async function () {
    const names = async (token: string): Promise<Array<[unknown, unknown]>> => {
      const res = await api.get(`${A1}/inboxes`, token);
      expectJson(res, 200);
      return objects(at(res.json, 'payload')).map((i) => [i.id, i.name]);
    };
    assert.deepStrictEqual(await names(TOKENS.alice), [
      [3, 'API Inbox'],
      [2, 'Support Email'],
      [1, 'Website Chat'],
    ]);
    assert.deepStrictEqual(await names(TOKENS.bob), [
      [2, 'Support Email'],
      [1, 'Website Chat'],
    ]);
    assert.deepStrictEqual(await names(TOKENS.ivan), []);
    assert.deepStrictEqual(await names(TOKENS.carol), [
      [3, 'API Inbox'],
      [1, 'Website Chat'],
    ]);
  });

  it("edge 37: Alice's profile lists 3 accounts (administrator/agent/administrator, #3 suspended)", async function () {
    const res = await api.get('/api/v1/profile');
    expectJson(res, 200);
    const profile = obj(res.json);
    assert.equal(profile.role, 'administrator');
    assert.equal(profile.account_id, 1);
    const accounts = objects(profile.accounts);
    assert.deepStrictEqual(
      accounts.map((a) => [a.id, a.name, a.role, a.status, a.permissions]),
      [
        [1, 'Acme Support', 'administrator', 'active', ['administrator']],
        [2, 'Beta Labs', 'agent', 'active', ['agent']],
        [3, 'Gamma Archive', 'administrator', 'suspended', ['administrator']],
      ],
    );
    const bob = obj((await api.get('/api/v1/profile', TOKENS.bob)).json);
    assert.equal(bob.role, 'agent');
    assert.deepStrictEqual(
      objects(bob.accounts).map((a) => a.id),
      [1],
    );
  });

  // ---------------------------------------------------------------- bulk and async

  it('edge 38: bulk assign → 200 empty body; deferred: nothing until drain, then both assigned with activities', async function () {
    await api.config({ jobs: 'deferred' });
    try {
      const res = await api.bulk(1, { type: 'Conversation', ids: [21, 24], fields: { assignee_id: 2 } });
      assert.equal(res.status, 200);
      assert.equal(res.text, '');
      assert.match(res.contentType ?? '', /^application\/json/);
      assert.equal(await assigneeOf(1, 21), null, 'nothing before drain');
      assert.equal(await assigneeOf(1, 24), null, 'nothing before drain');
      await expectNoActivity(api, 1, 21);

      await api.drain();
      assert.equal(await assigneeOf(1, 21), 2);
      assert.equal(await assigneeOf(1, 24), 2);
      await expectActivity(api, 1, 21, 'Assigned to Bob Brown by Alice Anderson');
      await expectActivity(api, 1, 24, 'Assigned to Bob Brown by Alice Anderson');
    } finally {
      await api.config({ jobs: 'immediate' });
    }
  });

  it('edge 39: bulk with scalar ids → 200, nothing happens', async function () {
    const [before, beforeState] = await snapshot(1, 21);
    const res = await api.bulk(1, { type: 'Conversation', ids: 21, fields: { assignee_id: 2 } });
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    await api.drain();
    await assertUnchanged(1, 21, before, beforeState);
    assert.deepStrictEqual(await api.events(), []);
  });

  it('edge 40: bulk by Bob including #21 (not accessible to him) is applied anyway', async function () {
    expectBody(await api.assign(1, 21, { assignee_id: 3 }, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
    const res = await api.bulk(1, { type: 'Conversation', ids: [21], fields: { assignee_id: 3 } }, TOKENS.bob);
    assert.equal(res.status, 200);
    assert.equal(res.text, '');
    assert.equal(await assigneeOf(1, 21), 3);
    await expectActivity(api, 1, 21, 'Assigned to Carol Chen by Bob Brown');
  });

  it('edge 41: bulk assignee_id 99999 is stored; counts as assigned but renders without meta.assignee', async function () {
    const res = await api.bulk(1, { type: 'Conversation', ids: [21], fields: { assignee_id: 99999 } });
    assert.equal(res.status, 200);
    assert.equal(await assigneeOf(1, 21), 99999);
    const meta = obj((await api.conversation(1, 21)).meta);
    assert.ok(!hasKey(meta, 'assignee'), 'meta.assignee absent');
    assert.ok(!hasKey(meta, 'assignee_type'), 'meta.assignee_type absent');
    const list = await api.list(1);
    assert.deepStrictEqual(list.meta, { mine_count: 6, assigned_count: 29, unassigned_count: 13, all_count: 42 });
    assert.ok(!(await api.list(1, 'assignee_type=unassigned')).ids.includes(21));
    const assigned = [...(await api.list(1, 'assignee_type=assigned')).ids, ...(await api.list(1, 'assignee_type=assigned&page=2')).ids];
    assert.ok(assigned.includes(21));
  });

  it('edge 42: bulk {assignee_id: 3, team_id: 1} → Carol not in sales → cleared → auto-pick', async function () {
    const res = await api.bulk(1, { type: 'Conversation', ids: [13, 21], fields: { assignee_id: 3, team_id: 1 } });
    assert.equal(res.status, 200);
    // #13 (inbox 1, Dave): online inbox-1 ∩ sales = Bob.
    assert.equal(await teamOf(1, 13), 1);
    assert.equal(await assigneeOf(1, 13), 2);
    await expectActivity(api, 1, 13, 'Assigned to Bob Brown via sales by Alice Anderson');
    // #21 (inbox 3, only Carol): nobody eligible.
    assert.equal(await teamOf(1, 21), 1);
    assert.equal(await assigneeOf(1, 21), null);
    await expectActivity(api, 1, 21, 'Assigned to sales by Alice Anderson');
  });

  it('edge 43: bulk type "Foo" → 422 {"success":false}', async function () {
    expectBody(await api.bulk(1, { type: 'Foo', ids: [21], fields: { assignee_id: 2 } }), 422, { success: false });
    assert.equal(await assigneeOf(1, 21), null);
    // `type` is camelized: "conversation" is accepted.
    const ok = await api.bulk(1, { type: 'conversation', ids: [21], fields: { assignee_id: 2 } });
    assert.equal(ok.status, 200);
    assert.equal(await assigneeOf(1, 21), 2);
  });

  it('edge 44: deferred jobs: assignment response first, activity and reorder only after drain', async function () {
    await api.config({ jobs: 'deferred' });
    try {
      expectBody(await api.assign(1, 21, { assignee_id: 2 }), 200, agentJson(2, 1));
      const pending = await api.conversation(1, 21);
      assert.deepStrictEqual(at(pending, 'meta.assignee'), agentJson(2, 1), 'the save itself is synchronous');
      assert.equal(pending.last_activity_at, 1767242700, 'no activity yet');
      await expectNoActivity(api, 1, 21);
      assert.deepStrictEqual((await api.list(1)).ids, ALICE_OPEN_P1, 'no reorder yet');
      assert.deepStrictEqual(await api.eventsFor(1, 21), [], 'no events yet');

      await api.drain();
      await expectActivity(api, 1, 21, 'Assigned to Bob Brown by Alice Anderson');
      assert.equal((await api.list(1)).ids[0], 21);
      assert.ok((await api.eventsFor(1, 21)).some((e) => e.event === 'assignee.changed'));
    } finally {
      await api.config({ jobs: 'immediate' });
    }
  });

  // ---------------------------------------------------------------- toggle_status

  it('edge 45: toggle_status to open: agent self-assigns, admin keeps assignee, inbox round-robin', async function () {
    const toggle = async (id: number, token: string): Promise<void> => {
      const res = await api.post(`${A1}/conversations/${id}/toggle_status`, { status: 'open' }, token);
      expectBody(res, 200, { meta: {}, payload: { success: true, conversation_id: id, current_status: 'open', snoozed_until: null } });
    };
    await toggle(19, TOKENS.bob);
    let state = await api.state(1, 19);
    assert.equal(state.status, 'open');
    assert.equal(state.assignee_id, 2, 'agent reopening self-assigns (was Erin)');
    assert.equal(state.team_id, 3, 'team untouched');

    await toggle(29, TOKENS.alice);
    state = await api.state(1, 29);
    assert.equal(state.status, 'open');
    assert.equal(state.assignee_id, 2, 'admin: assignee stays Bob');

    await toggle(49, TOKENS.alice);
    state = await api.state(1, 49);
    assert.equal(state.status, 'open');
    assert.equal(state.assignee_id, 2, 'round-robin: the only online inbox-1 member is Bob');
  });

  // ---------------------------------------------------------------- rate limit and faults

  it('edge 46: forced 429 → text/plain "Retry later\\n", no Retry-After; the next request succeeds', async function () {
    await api.control('throttle', { force: true });
    const limited = await api.get(`${A1}/conversations/21`);
    assert.equal(limited.status, 429);
    assert.match(limited.contentType ?? '', /^text\/plain/);
    assert.equal(limited.text, 'Retry later\n');
    assert.equal(limited.headers.get('retry-after'), null);
    const retry = await api.get(`${A1}/conversations/21`);
    expectJson(retry, 200);
    assert.equal(at(retry.json, 'id'), 21);
  });

  it('edge 47: injected 500/502/503 on assignments reach the client and change nothing', async function () {
    const [before, beforeState] = await snapshot(1, 21);
    for (const status of [500, 502, 503]) {
      const body = `injected failure ${status}`;
      await api.config({ fail_next: { path_regex: '/conversations/21/assignments$', status, body } });
      const res = await api.assign(1, 21, { assignee_id: 2 });
      assert.equal(res.status, status);
      assert.equal(res.text, body);
      await assertUnchanged(1, 21, before, beforeState);
      await expectNoActivity(api, 1, 21);
    }
    // fail_next is one-shot: the retry goes through.
    expectBody(await api.assign(1, 21, { assignee_id: 2 }), 200, agentJson(2, 1));
    assert.equal(await assigneeOf(1, 21), 2);
  });
});
