// FAKE-SERVER-SPEC.md §4.1 (clock), §7.3 (presence), §9 (rate limit), §10 (switches and
// /__fake/ control routes), the request log and the large-seed start option.
import * as assert from 'node:assert/strict';
import { SEED_TOKENS } from '../../fake-chatwoot';
import { NOW0, TOKENS, agentJson, expectActivity, expectBody, expectJson, expectNoActivity, useFake, withFake, type Api } from './fixture';
import { at, isObject, obj, objects, type JsonObject } from './http';

const A1 = '/api/v1/accounts/1';
/** Spec §11: Alice, account 1, status=open, in list order (pages 1 and 2). */
const ALICE_OPEN = [
  47, 34, 21, 55, 42, 16, 3, 37, 24, 11, 45, 32, 6, 53, 27, 14, 1, 35, 22, 56, 43, 17, 4, 51, 25, 12, 46, 33, 7, 54, 41, 15, 2, 36, 23, 57, 44, 31, 5, 52, 26, 13,
];

async function timed<T>(body: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await body();
  return [value, performance.now() - start];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('fake chatwoot: switches and control routes (spec §9-10)', function () {
  const ctx = useFake();
  let api: Api;

  beforeEach(async function () {
    api = ctx.api;
    await api.reset();
  });

  it('SEED_TOKENS export matches the spec token table', function () {
    assert.deepStrictEqual({ ...SEED_TOKENS }, { ...TOKENS });
  });

  describe('virtual clock', function () {
    it('starts at NOW0 and advances exactly 1 s per mutation (reads do not advance it)', async function () {
      await api.assign(1, 21, { assignee_id: 2 });
      assert.equal((await api.conversation(1, 21)).updated_at, NOW0 + 1);
      await api.list(1);
      await api.get(`${A1}/agents`);
      await api.assign(1, 24, { assignee_id: 3 });
      const c24 = await api.conversation(1, 24);
      assert.equal(c24.updated_at, NOW0 + 2);
      assert.equal(c24.last_activity_at, NOW0 + 2);
      assert.equal((await api.conversation(1, 21)).updated_at, NOW0 + 1, 'earlier mutation keeps its timestamp');
    });

    it('POST /__fake/clock sets now; reset restores NOW0', async function () {
      await api.setClock(1767400000);
      await api.assign(1, 3, { assignee_id: 2 });
      const conversation = await api.conversation(1, 3);
      assert.equal(conversation.updated_at, 1767400001);
      const activity = await expectActivity(api, 1, 3, 'Assigned to Bob Brown by Alice Anderson');
      assert.equal(activity.created_at, 1767400001);
      await api.reset();
      await api.assign(1, 3, { assignee_id: 2 });
      assert.equal((await api.conversation(1, 3)).updated_at, NOW0 + 1);
    });
  });

  describe('job queue', function () {
    it('deferred mode holds activity, events and bulk work until POST /__fake/jobs/drain', async function () {
      await api.config({ jobs: 'deferred' });
      try {
        expectBody(await api.assign(1, 21, { assignee_id: 2 }), 200, agentJson(2, 1));
        const bulk = await api.bulk(1, { type: 'Conversation', ids: [24], fields: { assignee_id: 3 } });
        assert.equal(bulk.status, 200);
        await expectNoActivity(api, 1, 21);
        assert.equal((await api.state(1, 24)).assignee_id, null, 'bulk job not run yet');
        assert.deepStrictEqual(await api.eventsFor(1, 21), []);

        await api.drain();
        await expectActivity(api, 1, 21, 'Assigned to Bob Brown by Alice Anderson');
        assert.equal((await api.state(1, 24)).assignee_id, 3);
        await expectActivity(api, 1, 24, 'Assigned to Carol Chen by Alice Anderson');
        assert.ok((await api.eventsFor(1, 21)).some((e) => e.event === 'assignee.changed'));
        assert.deepStrictEqual(
          (await api.list(1)).ids.slice(0, 2).sort((a, b) => a - b),
          [21, 24],
          'both moved to the top',
        );

        // Still deferred after a drain.
        await api.assign(1, 3, { assignee_id: 2 });
        await expectNoActivity(api, 1, 3);
      } finally {
        await api.config({ jobs: 'immediate' });
      }
      await api.assign(1, 45, { assignee_id: 2 });
      await expectActivity(api, 1, 45, 'Assigned to Bob Brown by Alice Anderson');
    });

    it('reset clears pending jobs and events', async function () {
      await api.config({ jobs: 'deferred' });
      try {
        await api.assign(1, 21, { assignee_id: 2 });
        await api.reset();
        await api.drain();
        assert.equal((await api.state(1, 21)).assignee_id, null);
        await expectNoActivity(api, 1, 21);
        assert.deepStrictEqual(await api.events(), []);
      } finally {
        await api.config({ jobs: 'immediate' });
      }
    });
  });

  describe('rate limiting (§9)', function () {
    it('throttle limit: fixed window per IP across paths, 429 text/plain without Retry-After, before auth', async function () {
      await withFake({}, async (fresh) => {
        await fresh.control('throttle', { limit: 3, period_s: 60 });
        expectJson(await fresh.get('/api/v1/profile'), 200);
        expectJson(await fresh.get(`${A1}/agents`), 200);
        expectJson(await fresh.get(`${A1}/teams`, TOKENS.bob), 200);
        for (const token of [TOKENS.alice, null]) {
          const limited = await fresh.get(`${A1}/conversations`, token);
          assert.equal(limited.status, 429, 'over the limit (also without a token: rate limit runs first)');
          assert.match(limited.contentType ?? '', /^text\/plain/);
          assert.equal(limited.text, 'Retry later\n');
          assert.equal(limited.headers.get('retry-after'), null);
        }
      });
    });

    it('throttle period: the window resets after period_s', async function () {
      this.timeout(10000);
      await withFake({}, async (fresh) => {
        await fresh.control('throttle', { limit: 1, period_s: 1 });
        while (Date.now() % 1000 > 200) await sleep(20); // start early in a wall-clock second
        expectJson(await fresh.get('/api/v1/profile'), 200);
        assert.equal((await fresh.get('/api/v1/profile')).status, 429);
        await sleep(1200);
        await fresh.setClock(NOW0 + 5); // in case the window follows the virtual clock
        expectJson(await fresh.get('/api/v1/profile'), 200);
      });
    });

    it('throttle force: exactly the next request is 429', async function () {
      await api.control('throttle', { force: true });
      const limited = await api.get('/api/v1/profile');
      assert.equal(limited.status, 429);
      assert.equal(limited.text, 'Retry later\n');
      expectJson(await api.get('/api/v1/profile'), 200);
      expectJson(await api.get('/api/v1/profile'), 200);
    });
  });

  describe('latency', function () {
    it('config latency_ms delays responses; 0 removes the delay', async function () {
      await api.config({ latency_ms: 300 });
      try {
        const [res, slow] = await timed(() => api.get('/api/v1/profile'));
        expectJson(res, 200);
        assert.ok(slow >= 290, `took ${slow} ms`);
      } finally {
        await api.config({ latency_ms: 0 });
      }
      const [, fast] = await timed(() => api.get('/api/v1/profile'));
      assert.ok(fast < 250, `took ${fast} ms`);
    });

    it('start option latencyMs delays responses', async function () {
      await withFake({ latencyMs: 250 }, async (fresh) => {
        const [res, ms] = await timed(() => fresh.get('/api/v1/profile'));
        expectJson(res, 200);
        assert.ok(ms >= 240, `took ${ms} ms`);
      });
    });
  });

  describe('page size', function () {
    it('config per_page changes the page size (meta unchanged)', async function () {
      await api.config({ per_page: 10 });
      try {
        const first = await api.list(1);
        assert.deepStrictEqual(first.ids, ALICE_OPEN.slice(0, 10));
        assert.deepStrictEqual(first.meta, { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 });
        assert.deepStrictEqual((await api.list(1, 'page=2')).ids, ALICE_OPEN.slice(10, 20));
        assert.deepStrictEqual((await api.list(1, 'page=5')).ids, [26, 13]);
        assert.deepStrictEqual((await api.list(1, 'page=6')).ids, []);
      } finally {
        await api.config({ per_page: 25 });
      }
      assert.deepStrictEqual((await api.list(1)).ids, ALICE_OPEN.slice(0, 25));
    });

    it('start option perPage sets the page size', async function () {
      await withFake({ perPage: 5 }, async (fresh) => {
        assert.deepStrictEqual((await fresh.list(1)).ids, ALICE_OPEN.slice(0, 5));
        assert.deepStrictEqual((await fresh.list(1, 'page=9')).ids, [26, 13]);
        assert.deepStrictEqual((await fresh.list(1, 'page=10')).ids, []);
      });
    });
  });

  describe('drift profile', function () {
    it('v4.17 counts bot-assigned conversations as assigned and drops them from unassigned', async function () {
      await api.config({ profile: 'v4.17' });
      try {
        const unassigned = await api.list(1, 'assignee_type=unassigned');
        assert.deepStrictEqual(unassigned.meta, { mine_count: 6, assigned_count: 30, unassigned_count: 12, all_count: 42 });
        assert.deepStrictEqual(unassigned.ids, [21, 42, 3, 24, 45, 14, 35, 56, 17, 7, 31, 52]);
        const assigned = [...(await api.list(1, 'assignee_type=assigned')).ids, ...(await api.list(1, 'assignee_type=assigned&page=2')).ids];
        assert.equal(assigned.length, 30);
        assert.ok(assigned.includes(33) && assigned.includes(57));
        expectBody(await api.get(`${A1}/conversations/meta?inbox_id=3`), 200, {
          meta: { mine_count: 0, assigned_count: 9, unassigned_count: 5, all_count: 14 },
        });
        // A fresh bot assignment counts as assigned too.
        await api.assign(1, 21, { assignee_id: 1, assignee_type: 'AgentBot' });
        assert.equal((await api.list(1)).meta.unassigned_count, 11);
      } finally {
        await api.config({ profile: 'v4.10' });
      }
      const back = await api.list(1, 'assignee_type=unassigned');
      assert.ok(back.ids.includes(33) && back.ids.includes(57), 'v4.10 again');
      assert.equal(back.meta.unassigned_count, 14, 'v4.10: bot-assigned rows (#21 now too) count as unassigned again');
    });
  });

  describe('request log', function () {
    it('records method, path, query, body, header spelling, token, status and time', async function () {
      const fake = ctx.fake;
      const start = fake.requests.length;
      await api.get(`${A1}/conversations?status=all&page=2`);
      await api.request('POST', `${A1}/conversations/21/assignments`, { token: TOKENS.bob, tokenHeader: 'api_access_token', body: { assignee_id: 2 } });
      await api.get('/api/v1/profile', null);
      const recorded = fake.requests.slice(start).filter((r) => r.path.startsWith('/api/'));
      assert.equal(recorded.length, 3);

      const [list, assign, profile] = recorded;
      assert.equal(list.method, 'GET');
      assert.equal(list.path, `${A1}/conversations`);
      assert.equal(list.query.status, 'all');
      assert.equal(list.query.page, '2');
      assert.equal(list.authHeader, 'Api-Access-Token');
      assert.equal(list.token, TOKENS.alice);
      assert.equal(list.status, 200);
      assert.equal(typeof list.at, 'number');

      assert.equal(assign.method, 'POST');
      assert.equal(assign.path, `${A1}/conversations/21/assignments`);
      assert.deepStrictEqual(assign.body, { assignee_id: 2 });
      assert.equal(assign.authHeader, 'api_access_token');
      assert.equal(assign.token, TOKENS.bob);
      assert.equal(assign.status, 401);
      assert.ok(assign.at >= list.at);

      assert.equal(profile.authHeader, null);
      assert.equal(profile.token, null);
      assert.equal(profile.status, 401);

      const res = await api.get('/__fake/requests', null);
      expectJson(res, 200);
      const all = objects(isObject(res.json) && Array.isArray(res.json.requests) ? res.json.requests : res.json, 'request log');
      const apiEntries = all.filter((r) => typeof r.path === 'string' && r.path.startsWith('/api/')).slice(-3);
      assert.deepStrictEqual(
        apiEntries.map((r) => [r.method, r.path, r.status, r.authHeader]),
        [
          ['GET', `${A1}/conversations`, 200, 'Api-Access-Token'],
          ['POST', `${A1}/conversations/21/assignments`, 401, 'api_access_token'],
          ['GET', '/api/v1/profile', 401, null],
        ],
      );
    });
  });

  describe('presence (§7.3)', function () {
    async function statuses(): Promise<Record<string, unknown>> {
      const res = await api.get(`${A1}/agents`);
      return Object.fromEntries(objects(res.json).map((a) => [String(a.id), a.availability_status]));
    }

    it('presence turns auto_offline members online; stored offline/busy stay as they are', async function () {
      await api.presence(1, 4, true);
      await api.presence(1, 6, true);
      await api.presence(1, 5, true);
      await api.presence(1, 3, true);
      assert.deepStrictEqual(await statuses(), { 1: 'online', 2: 'online', 3: 'busy', 4: 'online', 5: 'offline', 6: 'online', 9: 'online' });
      expectBody(await api.get(`${A1}/teams/1/team_members`), 200, [agentJson(2, 1), agentJson(4, 1, true)]);
      await api.presence(1, 4, false);
      assert.equal((await statuses())[4], 'offline');
      await api.reset();
      assert.equal((await statuses())[6], 'offline', 'reset empties the presence table');
    });

    it('team auto-pick: without presence only Bob is eligible; with Dave present the rotation reaches Dave', async function () {
      // #7 (inbox 1, unassigned, vip support) and #25 (inbox 1, Alice): set team sales.
      await api.assign(1, 7, { team_id: 1 });
      await api.assign(1, 25, { team_id: 1 });
      assert.equal((await api.state(1, 7)).assignee_id, 2);
      assert.equal((await api.state(1, 25)).assignee_id, 2);
      await expectActivity(api, 1, 25, 'Assigned to Bob Brown via sales by Alice Anderson');

      await api.reset();
      await api.presence(1, 4, true);
      await api.assign(1, 7, { team_id: 1 });
      await api.assign(1, 25, { team_id: 1 });
      // This pins the fake's deterministic rotation rule (§7.3): queue [Bob, Carol, Dave].
      assert.equal((await api.state(1, 7)).assignee_id, 2);
      assert.equal((await api.state(1, 25)).assignee_id, 4);
      await expectActivity(api, 1, 25, 'Assigned to Dave Diaz via sales by Alice Anderson');
    });
  });
});

describe('fake chatwoot: large seed option', function () {
  const ctx = useFake({ large: { conversations: 10000, agents: 500 } }, 120000);

  async function meta(api: Api, query: string): Promise<JsonObject> {
    return (await api.list(4, query)).meta;
  }

  it('account 4 exists for Alice and its counts and paging are consistent', async function () {
    this.timeout(60000);
    const api = ctx.api;
    const profile = obj((await api.get('/api/v1/profile')).json);
    assert.ok(
      objects(profile.accounts).some((a) => a.id === 4),
      'profile lists account 4',
    );
    const account = await api.get('/api/v1/accounts/4');
    expectJson(account, 200);
    assert.equal(at(account.json, 'id'), 4);

    const all = await meta(api, 'status=all');
    const allCount = all.all_count as number;
    assert.equal(allCount, 10000, 'Alice sees every generated conversation');
    assert.equal(all.assigned_count, allCount - (all.unassigned_count as number));
    assert.ok((all.mine_count as number) <= all.assigned_count);
    let byStatus = 0;
    for (const status of ['open', 'resolved', 'pending', 'snoozed']) byStatus += (await meta(api, `status=${status}`)).all_count as number;
    assert.equal(byStatus, allCount, 'status buckets add up to status=all');

    const pages = Math.ceil(allCount / 25);
    const first = await api.list(4, 'status=all');
    assert.equal(first.ids.length, Math.min(25, allCount));
    const activity = first.payload.map((c) => c.last_activity_at as number);
    assert.deepStrictEqual(
      activity,
      [...activity].sort((a, b) => b - a),
      'ordered by last_activity_at desc',
    );
    const last = await api.list(4, `status=all&page=${pages}`);
    assert.equal(last.ids.length, allCount - 25 * (pages - 1), 'last page holds the remainder');
    assert.deepStrictEqual((await api.list(4, `status=all&page=${pages + 1}`)).ids, []);
    assert.equal(new Set([...first.ids, ...last.ids]).size, first.ids.length + (pages > 1 ? last.ids.length : 0), 'no overlap');

    const agents = await api.get('/api/v1/accounts/4/agents');
    expectJson(agents, 200);
    assert.ok(objects(agents.json).length >= 500, 'at least 500 agents');
  });

  it('the small seed accounts are unchanged by the large option', async function () {
    const api = ctx.api;
    const list = await api.list(1);
    assert.deepStrictEqual(list.meta, { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 });
    assert.deepStrictEqual(list.ids, ALICE_OPEN.slice(0, 25));
  });

  it('reset({large}) reseeds account 4 with the new size', async function () {
    this.timeout(60000);
    const fake = ctx.fake;
    fake.reset({ large: { conversations: 60, agents: 5 } });
    const all = await meta(ctx.api, 'status=all');
    assert.equal(all.all_count, 60);
    fake.reset({ large: { conversations: 10000, agents: 500 } });
    assert.equal((await meta(ctx.api, 'status=all')).all_count, 10000);
  });
});
