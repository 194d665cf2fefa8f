// API-FACTS-LIVE §5: workload per agent. live_reports (grouped_)conversation_metrics and
// reports/conversations are administrator-only; the callback order puts the team lookup
// (404) and group_by validation (422) before authorization (401).
import * as assert from 'node:assert/strict';
import { BOTS_NOT_ALLOWED, NOT_AUTHORIZED_ACTION, NOT_FOUND, TOKENS, expectBody, expectJson, keysOf, useFake } from './fixture';
import { objects, type JsonObject } from './http';

const V2 = '/api/v2/accounts/1';
const GROUPED = `${V2}/live_reports/grouped_conversation_metrics`;

/** Seed (§4.4): open conversations of account 1 by assignee; 14 unassigned incl. the bot-assigned #33 and #57. */
const BY_ASSIGNEE = [
  { open: 6, unattended: 0, unassigned: 0, assignee_id: 1 },
  { open: 5, unattended: 0, unassigned: 0, assignee_id: 2 },
  { open: 6, unattended: 0, unassigned: 0, assignee_id: 3 },
  { open: 6, unattended: 0, unassigned: 0, assignee_id: 4 },
  { open: 5, unattended: 0, unassigned: 0, assignee_id: 5 },
  { open: 14, unattended: 14, unassigned: 14, assignee_id: null },
];

function byKey(rows: JsonObject[], key: string): JsonObject[] {
  return [...rows].sort((a, b) => (a[key] === null ? 1 : b[key] === null ? -1 : (a[key] as number) - (b[key] as number)));
}

describe('fake chatwoot: live reports (LIVE §5)', function () {
  const ctx = useFake();
  beforeEach(async function () {
    await ctx.api.reset();
  });

  it('grouped by assignee: one row per agent with open work, the null group, zero-load agents absent', async function () {
    const res = await ctx.api.get(`${GROUPED}?group_by=assignee_id`);
    expectJson(res, 200);
    const rows = objects(res.json);
    for (const row of rows) assert.deepStrictEqual(keysOf(row), ['open', 'unattended', 'unassigned', 'assignee_id']);
    assert.deepStrictEqual(byKey(rows, 'assignee_id'), BY_ASSIGNEE);
    assert.ok(!rows.some((r) => r.assignee_id === 6 || r.assignee_id === 9), 'Frank and Ivan have no open conversations');
    // Open total equals the list's all_count (42).
    assert.equal(
      rows.reduce((sum, r) => sum + (r.open as number), 0),
      42,
    );
  });

  it('only open conversations count, and an assignment moves the numbers', async function () {
    // Resolving Alice's open #4 removes it; assigning the unanswered #3 to Frank adds his group.
    await ctx.api.post('/api/v1/accounts/1/conversations/4/toggle_status', { status: 'resolved' });
    await ctx.api.assign(1, 3, { assignee_id: 6 });
    const rows = byKey(objects((await ctx.api.get(`${GROUPED}?group_by=assignee_id`)).json), 'assignee_id');
    assert.deepStrictEqual(
      rows.find((r) => r.assignee_id === 1),
      { open: 5, unattended: 0, unassigned: 0, assignee_id: 1 },
    );
    // #3 had no reply yet: it stays unattended under its new assignee.
    assert.deepStrictEqual(
      rows.find((r) => r.assignee_id === 6),
      { open: 1, unattended: 1, unassigned: 0, assignee_id: 6 },
    );
    assert.deepStrictEqual(
      rows.find((r) => r.assignee_id === null),
      { open: 13, unattended: 13, unassigned: 13, assignee_id: null },
    );
  });

  it('grouped by team: team_id key, unassigned counted inside each team', async function () {
    const rows = objects((await ctx.api.get(`${GROUPED}?group_by=team_id`)).json);
    for (const row of rows) assert.deepStrictEqual(keysOf(row), ['open', 'unattended', 'unassigned', 'team_id']);
    assert.deepStrictEqual(rows.map((r) => r.team_id).sort(), [1, 2, 3, null].sort());
    assert.equal(
      rows.reduce((sum, r) => sum + (r.open as number), 0),
      42,
    );
    assert.equal(
      rows.reduce((sum, r) => sum + (r.unassigned as number), 0),
      14,
    );
  });

  it('team_id restricts to one team; an unknown team is 404', async function () {
    const rows = objects((await ctx.api.get(`${GROUPED}?group_by=assignee_id&team_id=1`)).json);
    assert.deepStrictEqual(
      byKey(rows, 'assignee_id').map((r) => r.assignee_id),
      [1, 2, 3, 5, null],
    );
    expectBody(await ctx.api.get(`${GROUPED}?group_by=assignee_id&team_id=999`), 404, NOT_FOUND);
  });

  it('role rules: bad group_by → 422 for anyone, then 401 for agents; bots 401', async function () {
    expectBody(await ctx.api.get(GROUPED), 422, { error: 'invalid group_by' });
    expectBody(await ctx.api.get(`${GROUPED}?group_by=inbox_id`, TOKENS.bob), 422, { error: 'invalid group_by' });
    expectBody(await ctx.api.get(`${GROUPED}?group_by=assignee_id&team_id=999`, TOKENS.bob), 404, NOT_FOUND);
    expectBody(await ctx.api.get(`${GROUPED}?group_by=assignee_id`, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
    expectBody(await ctx.api.get(`${GROUPED}?group_by=assignee_id`, TOKENS.triageBot), 401, BOTS_NOT_ALLOWED);
    // Frank is an administrator: allowed.
    expectJson(await ctx.api.get(`${GROUPED}?group_by=assignee_id`, TOKENS.frank), 200);
  });

  it('conversation_metrics: open/unattended/unassigned/pending for the account or one team; admins only', async function () {
    expectBody(await ctx.api.get(`${V2}/live_reports/conversation_metrics`), 200, { open: 42, unattended: 14, unassigned: 14, pending: 6 });
    const team = await ctx.api.get(`${V2}/live_reports/conversation_metrics?team_id=3`);
    expectJson(team, 200);
    assert.deepStrictEqual(Object.keys(team.json as object), ['open', 'unattended', 'unassigned', 'pending']);
    expectBody(await ctx.api.get(`${V2}/live_reports/conversation_metrics`, TOKENS.carol), 401, NOT_AUTHORIZED_ACTION);
  });

  it('reports/conversations?type=agent: every account user, metric open/unattended, sorted by open desc', async function () {
    const res = await ctx.api.get(`${V2}/reports/conversations?type=agent`);
    expectJson(res, 200);
    const rows = objects(res.json);
    assert.deepStrictEqual(
      rows.map((r) => r.id).sort((a, b) => (a as number) - (b as number)),
      [1, 2, 3, 4, 5, 6, 9],
    );
    assert.deepStrictEqual(keysOf(rows[0]), ['id', 'name', 'email', 'thumbnail', 'availability', 'metric']);
    const opens = rows.map((r) => (r.metric as JsonObject).open as number);
    assert.deepStrictEqual(
      opens,
      [...opens].sort((a, b) => b - a),
    );
    const ivan = rows.find((r) => r.id === 9);
    assert.deepStrictEqual(ivan?.metric, { open: 0, unattended: 0 }, 'zero-load agents are listed here');
    assert.equal(rows.find((r) => r.id === 4)?.availability, 'offline', 'presence-derived (Dave is auto-offline)');
    const page2 = await ctx.api.get(`${V2}/reports/conversations?type=agent&page=2`);
    expectBody(page2, 200, []);
  });

  it('reports/conversations: type=account counts (pending always 0), missing type → 422 empty body, agents 401', async function () {
    expectBody(await ctx.api.get(`${V2}/reports/conversations?type=account`), 200, { open: 42, unattended: 14, unassigned: 14, pending: 0 });
    const missing = await ctx.api.get(`${V2}/reports/conversations`);
    assert.equal(missing.status, 422);
    assert.equal(missing.text, '');
    expectBody(await ctx.api.get(`${V2}/reports/conversations?type=agent`, TOKENS.bob), 401, NOT_AUTHORIZED_ACTION);
  });
});
