/**
 * Every response the fake produces parses with the client's schemas: all users, all accounts, all
 * pages of every status, every conversation by id, every picker list, every assignment answer, in
 * both editions and with the large seed.
 */
import * as assert from 'node:assert/strict';
import { ChatwootError, type ChatwootClient } from '../../../src/api';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { assignAgent, assignTeam, listLabels, removeTeam, unassign } from '../../support/clientExtras';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan'] as const;

/** Reads everything a user can see; returns how many responses were parsed. */
async function readEverything(client: ChatwootClient): Promise<number> {
  let parsed = 0;
  const profile = await client.getProfile();
  parsed++;
  for (const account of profile.accounts.filter((a) => a.status !== 'suspended')) {
    for (const status of ['open', 'resolved', 'pending', 'snoozed', 'all'] as const) {
      for (let page = 1; ; page++) {
        const result = await client.listConversations(account.id, { status, page });
        parsed++;
        for (const c of result.conversations) {
          await client.getConversation(account.id, c.id);
          parsed++;
        }
        if (!result.hasMore) break;
      }
    }
    await client.getConversationCounts(account.id);
    await client.listAgents(account.id);
    await client.listTeams(account.id);
    await listLabels(client, account.id);
    const inboxes = await client.listInboxes(account.id);
    parsed += 5;
    for (const inbox of inboxes) {
      await client.listAssignableAgents(account.id, [inbox.id]);
      parsed++;
    }
  }
  return parsed;
}

describe('client schemas accept every fake response', () => {
  let ctx: FakeContext;
  before(async () => {
    ctx = await useFake();
  });
  after(() => ctx.close());
  beforeEach(() => ctx.control('POST', 'reset'));

  for (const user of USERS) {
    it(`everything ${user} can read parses`, async () => {
      const parsed = await readEverything(ctx.client(SEED_TOKENS[user]));
      assert.ok(parsed > 5);
    });
  }

  it('every kind of assignment answer parses (agent, null, raw team, null team)', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    const results = [
      await assignAgent(alice, 1, 21, 3),
      await assignAgent(alice, 1, 21, 99999),
      await unassign(alice, 1, 22),
      await assignTeam(alice, 1, 5, 1),
      await assignTeam(alice, 1, 4, 1),
      await removeTeam(alice, 1, 4),
    ];
    assert.deepEqual(
      results.map((r) => (r.kind === 'agent' ? (r.agent?.id ?? null) : (r.team?.id ?? null))),
      [3, null, null, 1, 1, null],
    );
  });

  it('the CE edition (no custom_role keys) parses', async () => {
    await ctx.control('POST', 'config', { edition: 'ce' });
    await readEverything(ctx.client(SEED_TOKENS.alice));
  });

  it('the v4.17 profile (bot-assigned counted as assigned) parses', async () => {
    await ctx.control('POST', 'config', { profile: 'v4.17' });
    const counts = await ctx.client(SEED_TOKENS.alice).getConversationCounts(1);
    assert.equal(counts.unassigned_count, 12);
  });

  it('conversations with activity messages as their preview parse', async () => {
    const alice = ctx.client(SEED_TOKENS.alice);
    await assignAgent(alice, 1, 21, 2);
    const c = await alice.getConversation(1, 21);
    assert.equal(c.messages[0]?.message_type, 2);
    assert.equal(c.messages[0]?.content, 'Assigned to Bob Brown by Alice Anderson');
    assert.equal((await alice.listConversations(1)).conversations[0]?.id, 21);
  });

  it('the large seed parses page by page', async () => {
    const large = await useFake({ large: { conversations: 600, agents: 60 } });
    try {
      const alice = large.client(SEED_TOKENS.alice);
      const profile = await alice.getProfile();
      const scale = profile.accounts.find((a) => a.id === 4);
      assert.ok(scale, 'account 4 exists');
      const first = await alice.listConversations(4, { status: 'all' });
      assert.equal(first.conversations.length, 25);
      assert.equal(first.totalPages, Math.ceil(first.counts.all_count / 25));
      assert.equal((await alice.listAgents(4)).length >= 60, true);
    } finally {
      await large.close();
    }
  });

  it('a bot token reading lists fails typed, not with a parse error', async () => {
    await assert.rejects(
      () => ctx.client(SEED_TOKENS.triageBot).listConversations(1),
      (e) => e instanceof ChatwootError && e.kind === 'bot-token',
    );
  });
});
