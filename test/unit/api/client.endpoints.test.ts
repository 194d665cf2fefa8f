/** The API client against the fake Chatwoot over loopback HTTP: every endpoint and its semantics. */
import * as assert from 'node:assert/strict';
import type { ChatwootClient } from '../../../src/api';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { assignAgent, assignTeam, assignTeamThenAgent, listLabels, removeTeam, unassign } from '../../support/clientExtras';

describe('ChatwootClient endpoints', () => {
  let ctx: FakeContext;
  let alice: ChatwootClient;
  let bob: ChatwootClient;

  before(async () => {
    ctx = await useFake();
    alice = ctx.client(SEED_TOKENS.alice);
    bob = ctx.client(SEED_TOKENS.bob);
  });
  after(() => ctx.close());
  beforeEach(() => ctx.control('POST', 'reset'));

  describe('profile', () => {
    it('lists accounts with roles and status, and drops the token fields', async () => {
      const profile = await alice.getProfile();
      assert.equal(profile.name, 'Alice Anderson');
      assert.equal(profile.role, 'administrator');
      assert.equal(profile.account_id, 1);
      assert.deepEqual(
        profile.accounts.map((a) => [a.id, a.name, a.role, a.status]),
        [
          [1, 'Acme Support', 'administrator', 'active'],
          [2, 'Beta Labs', 'agent', 'active'],
          [3, 'Gamma Archive', 'administrator', 'suspended'],
        ],
      );
      assert.equal('access_token' in profile, false, 'the token must not travel in parsed data');
      assert.equal('pubsub_token' in profile, false);
    });

    it('sends the token as Api-Access-Token, never as a query parameter', async () => {
      await alice.getProfile();
      const last = ctx.fake.requests.at(-1)!;
      assert.equal(last.authHeader, 'Api-Access-Token');
      assert.equal(last.token, SEED_TOKENS.alice);
      assert.deepEqual(last.query, {});
    });
  });

  describe('conversations list', () => {
    it('returns the first page, counts, and paging computed from all_count', async () => {
      const page = await alice.listConversations(1);
      assert.deepEqual(page.counts, { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 });
      assert.deepEqual(
        page.conversations.map((c) => c.id),
        [47, 34, 21, 55, 42, 16, 3, 37, 24, 11, 45, 32, 6, 53, 27, 14, 1, 35, 22, 56, 43, 17, 4, 51, 25],
      );
      assert.equal(page.totalPages, 2);
      assert.equal(page.hasMore, true);
      const second = await alice.listConversations(1, { page: 2 });
      assert.equal(second.conversations.length, 17);
      assert.equal(second.hasMore, false);
    });

    it('computes paging from the count that matches assignee_type (meta ignores the filter)', async () => {
      const unassigned = await alice.listConversations(1, { assigneeType: 'unassigned' });
      assert.equal(unassigned.counts.all_count, 42, 'meta is the same whatever assignee_type');
      assert.deepEqual(
        unassigned.conversations.map((c) => c.id),
        [21, 42, 3, 24, 45, 14, 35, 56, 17, 33, 7, 57, 31, 52],
      );
      assert.equal(unassigned.totalPages, 1);
      assert.equal(unassigned.hasMore, false);
      const mine = await alice.listConversations(1, { assigneeType: 'me' });
      assert.deepEqual(
        mine.conversations.map((c) => c.id),
        [11, 32, 53, 4, 25, 46],
      );
      assert.equal(mine.totalPages, 1);
    });

    it('passes status, inbox, team and label filters', async () => {
      const all3 = await alice.listConversations(1, { status: 'all', page: 3 });
      assert.deepEqual(
        all3.conversations.map((c) => c.id),
        [57, 44, 31, 18, 5, 52, 39, 26, 13, 60],
      );
      assert.equal(all3.totalPages, 3);
      const resolved = await alice.listConversations(1, { status: 'resolved' });
      assert.deepEqual(
        resolved.conversations.map((c) => c.id),
        [50, 40, 30, 20, 10, 60],
      );
      const team = await alice.listConversations(1, { teamId: 1 });
      assert.deepEqual(
        team.conversations.map((c) => c.id),
        [16, 24, 32, 56, 4, 12, 36, 44, 52],
      );
      const vip = await alice.listConversations(1, { labels: ['vip'] });
      assert.deepEqual(
        vip.conversations.map((c) => c.id),
        [55, 45, 35, 25, 15, 5],
      );
      const inbox = await alice.listConversations(1, { inboxId: 3 });
      assert.deepEqual(inbox.counts, { mine_count: 0, assigned_count: 7, unassigned_count: 7, all_count: 14 });
      const last = ctx.fake.requests.at(-1)!;
      assert.equal(last.query.inbox_id, '3');
      assert.equal(last.query.status, 'open');
    });

    it('sends labels in Rails array syntax and q without a status filter', async () => {
      await alice.listConversations(1, { labels: ['vip', 'billing'] });
      assert.deepEqual(ctx.fake.requests.at(-1)!.query.labels, ['vip', 'billing']);
      const found = await alice.listConversations(1, { q: 'order #1021' });
      assert.deepEqual(
        found.conversations.map((c) => c.id),
        [21],
      );
      assert.equal(ctx.fake.requests.at(-1)!.query.status, undefined);
    });

    it("shows only an agent's inbox conversations", async () => {
      const page = await bob.listConversations(1);
      assert.deepEqual(page.counts, { mine_count: 3, assigned_count: 21, unassigned_count: 7, all_count: 28 });
      assert.equal(page.totalPages, 2);
      const none = await ctx.client(SEED_TOKENS.ivan).listConversations(1);
      assert.equal(none.conversations.length, 0);
      assert.equal(none.totalPages, 0);
      assert.equal(none.hasMore, false);
    });

    it('gets the counts alone from conversations/meta', async () => {
      assert.deepEqual(await alice.getConversationCounts(1), { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 });
      assert.deepEqual(await alice.getConversationCounts(1, { status: 'resolved' }), { mine_count: 1, assigned_count: 5, unassigned_count: 1, all_count: 6 });
    });
  });

  describe('conversation by display id', () => {
    it('reads the per-account display id, so #1 differs between accounts', async () => {
      const a1 = await alice.getConversation(1, 1);
      const a2 = await alice.getConversation(2, 1);
      assert.equal(a1.id, 1);
      assert.equal(a1.account_id, 1);
      assert.equal(a2.account_id, 2);
      assert.notEqual(a1.uuid, a2.uuid);
    });

    it('exposes assignee, bot assignee and team as the server renders them', async () => {
      const c21 = await alice.getConversation(1, 21);
      assert.equal(c21.meta.assignee, undefined, 'unassigned: key absent');
      assert.equal(c21.meta.team, undefined);
      const c4 = await alice.getConversation(1, 4);
      assert.equal(c4.meta.assignee?.name, 'Alice Anderson');
      assert.equal(c4.meta.assignee_type, 'User');
      assert.equal(c4.meta.team?.name, 'sales');
      const c33 = await alice.getConversation(1, 33);
      assert.equal(c33.meta.assignee_type, 'AgentBot');
      assert.equal(c33.meta.assignee?.name, 'Triage Bot');
    });
  });

  describe('pickers', () => {
    it('lists agents (admins included, by name) with availability', async () => {
      const agents = await alice.listAgents(1);
      assert.deepEqual(
        agents.map((a) => a.name),
        ['Alice Anderson', 'Bob Brown', 'Carol Chen', 'Dave Diaz', 'Erin Evans', 'Frank Fischer', 'Ivan Ivanov'],
      );
      const carol = agents.find((a) => a.id === 3)!;
      assert.equal(carol.available_name, 'Caz');
      assert.equal(carol.availability_status, 'busy');
    });

    it('lists teams with is_member per caller', async () => {
      const teams = await bob.listTeams(1);
      assert.deepEqual(
        teams.map((t) => [t.name, t.is_member]),
        [
          ['sales', true],
          ['billing', false],
          ['vip support', false],
        ],
      );
    });

    it('lists inboxes (admins all, agents their own) and labels', async () => {
      assert.equal((await alice.listInboxes(1)).length, 3);
      assert.deepEqual((await bob.listInboxes(1)).map((i) => i.name).sort(), ['Support Email', 'Website Chat']);
      assert.deepEqual((await listLabels(alice, 1)).map((l) => l.title).sort(), ['billing', 'vip']);
    });

    it('lists assignable agents with inbox_ids[] (members of every inbox, then admins)', async () => {
      const one = await alice.listAssignableAgents(1, [1]);
      assert.deepEqual(
        one.map((a) => a.id),
        [2, 3, 4, 1, 6],
      );
      const two = await alice.listAssignableAgents(1, [1, 2]);
      assert.deepEqual(
        two.map((a) => a.id),
        [2, 1, 6],
      );
      assert.deepEqual(ctx.fake.requests.at(-1)!.query.inbox_ids, ['1', '2']);
      await assert.rejects(() => alice.listAssignableAgents(1, []), RangeError);
    });
  });

  describe('assignments', () => {
    it('assigns an agent: agent JSON back, and the re-read shows it', async () => {
      const result = await assignAgent(alice, 1, 21, 2);
      assert.equal(result.kind, 'agent');
      assert.equal(result.kind === 'agent' && result.agent?.name, 'Bob Brown');
      assert.equal((await alice.getConversation(1, 21)).meta.assignee?.id, 2);
    });

    it('unassigns with assignee_id null: body null', async () => {
      const result = await unassign(alice, 1, 1);
      assert.deepEqual(result, { kind: 'agent', target: { kind: 'unassign' }, agent: null });
      assert.equal((await alice.getConversation(1, 1)).meta.assignee, undefined);
    });

    it('an agent of another account comes back null: the server unassigned instead', async () => {
      const result = await assignAgent(alice, 1, 1, 7);
      assert.equal(result.kind === 'agent' && result.agent, null);
      assert.equal((await alice.getConversation(1, 1)).meta.assignee, undefined);
    });

    it('assigns a team: raw team JSON back (ISO times, no is_member); the agent may be auto-picked', async () => {
      const result = await assignTeam(alice, 1, 5, 1);
      assert.equal(result.kind, 'team');
      const team = result.kind === 'team' ? result.team : null;
      assert.equal(team?.name, 'sales');
      assert.equal(team?.created_at, '2025-12-01T09:00:00.000Z');
      assert.equal(team !== null && 'is_member' in team, false);
      const after = await alice.getConversation(1, 5);
      assert.equal(after.meta.team?.id, 1);
      assert.equal(after.meta.assignee?.name, 'Bob Brown', 'Erin cleared, Bob auto-picked');
    });

    it('removes the team with team_id null and keeps the assignee', async () => {
      const result = await removeTeam(alice, 1, 4);
      assert.deepEqual(result, { kind: 'team', target: { kind: 'remove-team' }, team: null });
      const after = await alice.getConversation(1, 4);
      assert.equal(after.meta.team, undefined);
      assert.equal(after.meta.assignee?.id, 1);
    });

    it('team then agent: two calls, the agent set last survives the team rule', async () => {
      const [team, agent] = await assignTeamThenAgent(alice, 1, 21, 2, 2);
      assert.equal(team.kind === 'team' && team.team?.name, 'billing');
      assert.equal(agent.kind === 'agent' && agent.agent?.id, 2);
      const after = await alice.getConversation(1, 21);
      assert.equal(after.meta.team?.name, 'billing');
      assert.equal(after.meta.assignee?.name, 'Bob Brown');
    });

    it('never sends assignee_id and team_id together', async () => {
      await assignAgent(alice, 1, 21, 2);
      await unassign(alice, 1, 21);
      await assignTeam(alice, 1, 21, 1);
      await removeTeam(alice, 1, 21);
      await assignTeamThenAgent(alice, 1, 22, 1, 4);
      await alice.bulkAssign(1, [23, 24], { kind: 'team', teamId: 2 });
      await alice.bulkAssign(1, [23, 24], { kind: 'agent', agentId: 3 });
      const bodies = ctx.fake.requests.filter((r) => r.method === 'POST').map((r) => r.body as Record<string, unknown>);
      assert.equal(bodies.length, 8);
      for (const body of bodies) {
        const fields = (body.fields ?? body) as Record<string, unknown>;
        const keys = ['assignee_id', 'team_id'].filter((k) => k in fields);
        assert.equal(keys.length, 1, `exactly one key in ${JSON.stringify(body)}`);
      }
    });

    it('refuses ids that would silently unassign (0, NaN, negative) before any request', async () => {
      const before = ctx.fake.requests.length;
      await assert.rejects(() => assignAgent(alice, 1, 21, 0), RangeError);
      await assert.rejects(() => assignTeam(alice, 1, 21, Number.NaN), RangeError);
      await assert.rejects(() => alice.getConversation(1, -1), RangeError);
      assert.equal(ctx.fake.requests.length, before);
    });
  });

  describe('bulk actions', () => {
    it('accepts the empty 200 body and applies the job', async () => {
      await alice.bulkAssign(1, [21, 24], { kind: 'agent', agentId: 2 });
      const posted = ctx.fake.requests.at(-1)!;
      assert.deepEqual(posted.body, { type: 'Conversation', ids: [21, 24], fields: { assignee_id: 2 } });
      assert.equal((await alice.getConversation(1, 21)).meta.assignee?.id, 2);
      assert.equal((await alice.getConversation(1, 24)).meta.assignee?.id, 2);
    });

    it('in deferred jobs mode nothing changes until the job runs', async () => {
      await ctx.control('POST', 'config', { jobs: 'deferred' });
      await alice.bulkAssign(1, [21], { kind: 'agent', agentId: 2 });
      assert.equal((await alice.getConversation(1, 21)).meta.assignee, undefined);
      await ctx.control('POST', 'jobs/drain');
      assert.equal((await alice.getConversation(1, 21)).meta.assignee?.id, 2);
    });

    it('sends nothing for an empty selection', async () => {
      const before = ctx.fake.requests.length;
      await alice.bulkAssign(1, [], { kind: 'unassign' });
      assert.equal(ctx.fake.requests.length, before);
    });
  });
});
