// API-FACTS-LIVE §6 / AF §5.6: POST conversations/filter — many display ids in one request
// (display_id equal_to), every status, last_activity_at desc, 25 per page, meta over the full
// set, the agent inbox filter, SQL precedence of AND/OR and the 422/500 answers.
import * as assert from 'node:assert/strict';
import { BOTS_NOT_ALLOWED, TOKENS, expectBody, expectJson, keysOf, useFake, type Api } from './fixture';
import { at, objects } from './http';

const FILTER = '/api/v1/accounts/1/conversations/filter';

interface Cond {
  attribute_key: string;
  filter_operator: string;
  values?: unknown;
  query_operator?: string | null;
}

const ids = (values: unknown[]): Cond => ({ attribute_key: 'display_id', filter_operator: 'equal_to', values, query_operator: null });

async function run(api: Api, payload: Cond[], query = '', token: string = TOKENS.alice) {
  const res = await api.post(`${FILTER}${query}`, { payload }, token);
  expectJson(res, 200);
  assert.deepStrictEqual(keysOf(res.json), ['meta', 'payload'], 'no data wrapper');
  const payload2 = objects(at(res.json, 'payload'));
  return { meta: at(res.json, 'meta'), ids: payload2.map((c) => c.id as number), payload: payload2 };
}

/** Seed last_activity_at of account 1 (§4.4), for the expected order. */
const lastActivity = (n: number): number => 1767225600 + 300 * ((37 * n) % 60);
const byActivity = (list: number[]): number[] => [...list].sort((a, b) => lastActivity(b) - lastActivity(a) || b - a);

describe('fake chatwoot: conversations/filter (LIVE §6)', function () {
  const ctx = useFake();

  it('display_id equal_to several ids: those visible, any status, last_activity_at desc; unknown ids silently absent', async function () {
    const result = await run(ctx.api, [ids([12, 15, 10, 8, 9, 999])]);
    assert.deepStrictEqual(result.ids, byActivity([12, 15, 10, 8, 9]), 'resolved #10, snoozed #8 and pending #9 included');
    assert.deepStrictEqual(result.meta, { mine_count: 0, unassigned_count: 1, all_count: 5 });
    assert.equal(result.payload[0].status !== undefined && 'messages' in result.payload[0], true, 'full conversation items');
  });

  it('numeric strings work like integers', async function () {
    const result = await run(ctx.api, [ids(['12', 15])]);
    assert.deepStrictEqual(result.ids, byActivity([12, 15]));
  });

  it('25 per page; meta counts the whole set on every page; the per_page switch does not apply', async function () {
    const wanted = Array.from({ length: 30 }, (_, i) => i + 1);
    await ctx.api.config({ per_page: 10 });
    try {
      const page1 = await run(ctx.api, [ids(wanted)]);
      const page2 = await run(ctx.api, [ids(wanted)], '?page=2');
      const page3 = await run(ctx.api, [ids(wanted)], '?page=3');
      assert.equal(page1.ids.length, 25);
      assert.equal(page2.ids.length, 5);
      assert.deepStrictEqual(page3.ids, []);
      assert.deepStrictEqual([...page1.ids, ...page2.ids], byActivity(wanted));
      assert.deepStrictEqual(page2.meta, page1.meta);
      assert.equal((page1.meta as Record<string, unknown>).all_count, 30);
      // page in the body works too (params.permit!).
      const res = await ctx.api.post(FILTER, { payload: [ids(wanted)], page: 2 });
      assert.deepStrictEqual(
        objects(at(res.json, 'payload')).map((c) => c.id),
        page2.ids,
      );
    } finally {
      await ctx.api.config({ per_page: 25 });
    }
  });

  it('agents only get conversations of their inboxes (team access does not count)', async function () {
    // Bob: inboxes 1 and 2. #3 is in inbox 3; #7 is in inbox 1; #6 is inbox 3.
    const result = await run(ctx.api, [ids([3, 6, 7])], '', TOKENS.bob);
    assert.deepStrictEqual(result.ids, [7]);
    assert.deepStrictEqual(result.meta, { mine_count: 0, unassigned_count: 1, all_count: 1 });
  });

  it('AND binds tighter than OR: a AND b OR c = (a AND b) OR c', async function () {
    const result = await run(ctx.api, [
      { attribute_key: 'display_id', filter_operator: 'equal_to', values: [1, 2, 3], query_operator: 'AND' },
      { attribute_key: 'status', filter_operator: 'equal_to', values: ['resolved'], query_operator: 'OR' },
      { attribute_key: 'display_id', filter_operator: 'equal_to', values: [4], query_operator: null },
    ]);
    assert.deepStrictEqual(result.ids, [4], 'left-to-right folding would give nothing');
    const all = await run(ctx.api, [
      { attribute_key: 'display_id', filter_operator: 'equal_to', values: [4], query_operator: 'or' },
      { attribute_key: 'status', filter_operator: 'equal_to', values: ['resolved'], query_operator: 'AND' },
      { attribute_key: 'labels', filter_operator: 'equal_to', values: ['vip'], query_operator: null },
    ]);
    assert.deepStrictEqual(all.ids, byActivity([4, 10, 20, 30, 40, 50, 60]), 'lower-case "or" is accepted');
  });

  it('status "all" matches every status; unknown status names match nothing, even with not_equal_to', async function () {
    assert.equal((await run(ctx.api, [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['all'] }])).ids.length, 25);
    assert.deepStrictEqual((await run(ctx.api, [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['bogus'] }])).ids, []);
    assert.deepStrictEqual((await run(ctx.api, [{ attribute_key: 'status', filter_operator: 'not_equal_to', values: ['bogus'] }])).ids, []);
  });

  it('assignee_id equal_to AND status open: one request per agent gives a workload count', async function () {
    const result = await run(ctx.api, [
      { attribute_key: 'assignee_id', filter_operator: 'equal_to', values: [1], query_operator: 'AND' },
      { attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null },
    ]);
    assert.deepStrictEqual(result.meta, { mine_count: 6, unassigned_count: 0, all_count: 6 });
  });

  it('422 texts: unknown key, operator not allowed for the key, blank values, bad query operator', async function () {
    const unknown = await ctx.api.post(FILTER, { payload: [{ attribute_key: 'bogus', filter_operator: 'equal_to', values: [1] }] });
    assert.equal(unknown.status, 422);
    const text = String(at(unknown.json, 'error'));
    assert.match(text, /^Invalid attribute key - \[bogus\]\. The key should be one of \[status,assignee_id,.*,mail_subject\] or a custom attribute defined in the account\.$/);
    assert.ok(text.includes(',display_id,'));
    expectBody(await ctx.api.post(FILTER, { payload: [{ attribute_key: 'display_id', filter_operator: 'is_present', values: [1] }] }), 422, {
      error: 'Invalid operator. The allowed operators for display_id are [equal_to,not_equal_to,contains,does_not_contain].',
    });
    for (const values of [[], undefined, '']) {
      expectBody(await ctx.api.post(FILTER, { payload: [{ attribute_key: 'display_id', filter_operator: 'equal_to', values }] }), 422, {
        error: 'Invalid value. The values provided for display_id are invalid',
      });
    }
    expectBody(await ctx.api.post(FILTER, { payload: [{ ...ids([1]), query_operator: 'XOR' }] }), 422, { error: 'Query operator must be either "AND" or "OR".' });
  });

  it('500s: a trailing query_operator, contains on display_id, a missing payload', async function () {
    assert.equal((await ctx.api.post(FILTER, { payload: [{ ...ids([1]), query_operator: 'AND' }] })).status, 500);
    assert.equal((await ctx.api.post(FILTER, { payload: [{ attribute_key: 'display_id', filter_operator: 'contains', values: ['1'] }] })).status, 500);
    assert.equal((await ctx.api.post(FILTER, {})).status, 500);
    // An empty trailing operator is fine (the dashboard sends null).
    assert.deepStrictEqual((await run(ctx.api, [{ ...ids([1]), query_operator: '' }])).ids, [1]);
  });

  it('bots → 401', async function () {
    expectBody(await ctx.api.post(FILTER, { payload: [ids([1])] }, TOKENS.triageBot), 401, BOTS_NOT_ALLOWED);
  });
});
