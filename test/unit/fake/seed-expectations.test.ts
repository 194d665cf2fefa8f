// FAKE-SERVER-SPEC.md §11: every row of the expected-values table, one test each
// (values copied from `tools/seed_expectations.py` output), plus the agent
// availability_status line.
import * as assert from 'node:assert/strict';
import { NOT_FOUND, TOKENS, expectBody, expectJson, useFake, type Api } from './fixture';
import { objects } from './http';

interface Meta {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

function meta(mine: number, assigned: number, unassigned: number, all: number): Meta {
  return { mine_count: mine, assigned_count: assigned, unassigned_count: unassigned, all_count: all };
}

interface Row {
  title: string;
  token: string;
  account: number;
  /** query string without page */
  query: string;
  page?: number;
  meta: Meta;
  /** number of non-empty pages for this query (undefined for "same" rows) */
  pages?: number;
  ids: number[];
}

const ROWS: Row[] = [
  {
    title: 'Alice, acct 1',
    token: TOKENS.alice,
    account: 1,
    query: '',
    meta: meta(6, 28, 14, 42),
    pages: 2,
    ids: [47, 34, 21, 55, 42, 16, 3, 37, 24, 11, 45, 32, 6, 53, 27, 14, 1, 35, 22, 56, 43, 17, 4, 51, 25],
  },
  {
    title: 'Alice, acct 1, page=2',
    token: TOKENS.alice,
    account: 1,
    query: '',
    page: 2,
    meta: meta(6, 28, 14, 42),
    ids: [12, 46, 33, 7, 54, 41, 15, 2, 36, 23, 57, 44, 31, 5, 52, 26, 13],
  },
  {
    title: 'Alice, acct 1, status=all, page=3',
    token: TOKENS.alice,
    account: 1,
    query: 'status=all',
    page: 3,
    meta: meta(9, 41, 19, 60),
    pages: 3,
    ids: [57, 44, 31, 18, 5, 52, 39, 26, 13, 60],
  },
  {
    title: 'Alice, acct 1, assignee_type=unassigned',
    token: TOKENS.alice,
    account: 1,
    query: 'assignee_type=unassigned',
    meta: meta(6, 28, 14, 42),
    pages: 1,
    ids: [21, 42, 3, 24, 45, 14, 35, 56, 17, 33, 7, 57, 31, 52],
  },
  {
    title: 'Alice, acct 1, assignee_type=me',
    token: TOKENS.alice,
    account: 1,
    query: 'assignee_type=me',
    meta: meta(6, 28, 14, 42),
    pages: 1,
    ids: [11, 32, 53, 4, 25, 46],
  },
  {
    title: 'Alice, acct 1, status=resolved',
    token: TOKENS.alice,
    account: 1,
    query: 'status=resolved',
    meta: meta(1, 5, 1, 6),
    pages: 1,
    ids: [50, 40, 30, 20, 10, 60],
  },
  {
    title: 'Alice, acct 1, team_id=1',
    token: TOKENS.alice,
    account: 1,
    query: 'team_id=1',
    meta: meta(2, 6, 3, 9),
    pages: 1,
    ids: [16, 24, 32, 56, 4, 12, 36, 44, 52],
  },
  {
    title: 'Alice, acct 1, labels[]=vip',
    token: TOKENS.alice,
    account: 1,
    query: 'labels[]=vip',
    meta: meta(1, 4, 2, 6),
    pages: 1,
    ids: [55, 45, 35, 25, 15, 5],
  },
  {
    title: 'Alice, acct 1, inbox_id=3',
    token: TOKENS.alice,
    account: 1,
    query: 'inbox_id=3',
    meta: meta(0, 7, 7, 14),
    pages: 1,
    ids: [21, 42, 3, 24, 45, 6, 27, 51, 12, 33, 54, 15, 36, 57],
  },
  {
    title: 'Bob, acct 1',
    token: TOKENS.bob,
    account: 1,
    query: '',
    meta: meta(3, 21, 7, 28),
    pages: 2,
    ids: [47, 34, 55, 16, 37, 11, 32, 53, 14, 1, 35, 22, 56, 43, 17, 4, 25, 46, 7, 41, 2, 23, 44, 31, 5],
  },
  {
    title: 'Bob, acct 1, page=2',
    token: TOKENS.bob,
    account: 1,
    query: '',
    page: 2,
    meta: meta(3, 21, 7, 28),
    ids: [52, 26, 13],
  },
  { title: 'Bob, acct 1, inbox_id=3', token: TOKENS.bob, account: 1, query: 'inbox_id=3', meta: meta(0, 0, 0, 0), pages: 0, ids: [] },
  { title: 'Ivan, acct 1', token: TOKENS.ivan, account: 1, query: '', meta: meta(0, 0, 0, 0), pages: 0, ids: [] },
  { title: 'Alice, acct 2', token: TOKENS.alice, account: 2, query: '', meta: meta(1, 2, 2, 4), pages: 1, ids: [7, 5, 3, 1] },
  {
    title: 'Heidi, acct 2, status=all',
    token: TOKENS.heidi,
    account: 2,
    query: 'status=all',
    meta: meta(3, 5, 3, 8),
    pages: 1,
    ids: [8, 7, 6, 5, 4, 3, 2, 1],
  },
];

function withPage(query: string, page: number | undefined): string {
  if (page === undefined) return query;
  return query ? `${query}&page=${page}` : `page=${page}`;
}

async function checkRow(api: Api, row: Row): Promise<void> {
  const list = await api.list(row.account, withPage(row.query, row.page), row.token);
  assert.deepStrictEqual(list.meta, row.meta, 'data.meta');
  assert.deepStrictEqual(list.ids, row.ids, 'page ids in order');

  // The /meta endpoint runs the same finder and reports the same counts (no `data`).
  const metaRes = await api.get(`/api/v1/accounts/${row.account}/conversations/meta${row.query ? `?${row.query}` : ''}`, row.token);
  expectBody(metaRes, 200, { meta: row.meta });

  if (row.pages !== undefined) {
    // Page count: the last page is non-empty, the one after it is empty (same meta).
    if (row.pages > 0) {
      const last = await api.list(row.account, withPage(row.query, row.pages), row.token);
      assert.ok(last.ids.length > 0, `page ${row.pages} should be non-empty`);
    }
    const beyond = await api.list(row.account, withPage(row.query, row.pages + 1), row.token);
    assert.deepStrictEqual(beyond.ids, [], `page ${row.pages + 1} should be empty`);
    assert.deepStrictEqual(beyond.meta, row.meta, 'meta does not depend on page');
  }
}

describe('fake chatwoot: seed expectations (spec §11)', function () {
  const ctx = useFake();

  for (const row of ROWS) {
    it(`§11 ${row.title}`, async function () {
      await checkRow(ctx.api, row);
    });
  }

  it('§11 Alice, acct 1, team_id=999 → 404', async function () {
    const res = await ctx.api.get('/api/v1/accounts/1/conversations?team_id=999');
    expectBody(res, 404, NOT_FOUND);
  });

  it('§11 agent availability_status in account 1 (no presence)', async function () {
    const res = await ctx.api.get('/api/v1/accounts/1/agents');
    expectJson(res, 200);
    const statuses = Object.fromEntries(objects(res.json, 'agents').map((a) => [String(a.id), a.availability_status]));
    assert.deepStrictEqual(statuses, { 1: 'online', 2: 'online', 3: 'busy', 4: 'offline', 5: 'offline', 6: 'offline', 9: 'online' });
  });

  it('§11 agent availability_status: presence for Dave → Dave online', async function () {
    const api = ctx.api;
    await api.reset();
    try {
      await api.presence(1, 4, true);
      const res = await api.get('/api/v1/accounts/1/agents');
      const statuses = Object.fromEntries(objects(res.json, 'agents').map((a) => [String(a.id), a.availability_status]));
      assert.deepStrictEqual(statuses, { 1: 'online', 2: 'online', 3: 'busy', 4: 'online', 5: 'offline', 6: 'offline', 9: 'online' });
    } finally {
      await api.reset();
    }
  });
});
