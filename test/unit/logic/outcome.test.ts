/** The assignment notification is written from what the server recorded, and says when that differs from the request. */
import * as assert from 'node:assert/strict';
import type { AssignmentResult, ChatwootClient } from '../../../src/api';
import type { AssigneeChoice } from '../../../src/assign/choice';
import { describeOutcome, describePosted } from '../../../src/assign/outcome';
import { assignmentSummary, byAvailability, conversationLabel, relativeTime } from '../../../src/util/present';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';
import { assignAgent, assignTeam, removeTeam, unassign } from '../../support/clientExtras';

describe('describeOutcome (against real fake responses)', () => {
  let ctx: FakeContext;
  let alice: ChatwootClient;
  before(async () => {
    ctx = await useFake();
    alice = ctx.client(SEED_TOKENS.alice);
  });
  after(() => ctx.close());
  beforeEach(() => ctx.control('POST', 'reset'));

  async function run(id: number, choice: AssigneeChoice, send: () => Promise<unknown>) {
    const before = await alice.getConversation(1, id);
    await send();
    return describeOutcome(choice, before, await alice.getConversation(1, id));
  }

  it('agent: "Conversation #21 assigned to Bob Brown"', async () => {
    const o = await run(21, { kind: 'agent', agentId: 2, name: 'Bob Brown' }, () => assignAgent(alice, 1, 21, 2));
    assert.deepEqual(o, { message: 'Conversation #21 assigned to Bob Brown', differs: false });
  });
  it('agent with a team: the team is named', async () => {
    const o = await run(16, { kind: 'agent', agentId: 3, name: 'Caz' }, () => assignAgent(alice, 1, 16, 3));
    assert.equal(o.message, 'Conversation #16 assigned to Caz (team sales)');
  });
  it('an agent the server did not record is reported as such', async () => {
    const o = await run(1, { kind: 'agent', agentId: 7, name: 'Grace Garcia' }, () => assignAgent(alice, 1, 1, 7));
    assert.equal(o.differs, true);
    assert.match(o.message, /#1 is Unassigned.*did not record Grace Garcia/);
  });
  it('unassign: "is now Unassigned"', async () => {
    const o = await run(1, { kind: 'unassign' }, () => unassign(alice, 1, 1));
    assert.deepEqual(o, { message: 'Conversation #1 is now Unassigned', differs: false });
  });
  it('team with an auto-picked agent says so', async () => {
    const o = await run(5, { kind: 'team', teamId: 1, name: 'sales' }, () => assignTeam(alice, 1, 5, 1));
    assert.deepEqual(o, { message: 'Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown', differs: true });
  });
  it('team that cleared the agent says so', async () => {
    const o = await run(1, { kind: 'team', teamId: 2, name: 'billing' }, () => assignTeam(alice, 1, 1, 2));
    assert.deepEqual(o, { message: 'Conversation #1 assigned to team billing — Chatwoot removed Bob Brown (not in team billing); now Unassigned', differs: true });
  });
  it('team that kept the agent', async () => {
    const o = await run(15, { kind: 'team', teamId: 1, name: 'sales' }, () => assignTeam(alice, 1, 15, 1));
    assert.deepEqual(o, { message: 'Conversation #15 assigned to team sales (assignee Bob Brown)', differs: false });
  });
  it('remove team', async () => {
    const o = await run(4, { kind: 'remove-team' }, () => removeTeam(alice, 1, 4));
    assert.deepEqual(o, { message: 'Team removed from conversation #4 (assignee Alice Anderson)', differs: false });
  });
  it('labels and summaries used by the tree and pickers', async () => {
    const c33 = await alice.getConversation(1, 33);
    assert.equal(conversationLabel(c33), '#33 Customer 13');
    assert.equal(assignmentSummary(c33), 'Triage Bot (bot)');
    const c4 = await alice.getConversation(1, 4);
    assert.equal(assignmentSummary(c4), 'Alice Anderson · team sales');
    const agents = await alice.listAgents(1);
    assert.deepEqual(
      [...agents].sort(byAvailability).map((a) => a.available_name),
      ['Alice Anderson', 'Bob Brown', 'Ivan Ivanov', 'Caz', 'Dave Diaz', 'Erin Evans', 'Frank Fischer'],
    );
    assert.equal(relativeTime(1000, 1000 * 1000 + 3 * 3600 * 1000), '3 hours ago');
  });

  describe('describePosted (the notification from the POST alone)', () => {
    /** The sentence from the POST's answer, and the one the re-read that follows yields. */
    async function posted(id: number, choice: AssigneeChoice, send: () => Promise<AssignmentResult>) {
      const before = await alice.getConversation(1, id);
      const first = describePosted(choice, before, await send());
      const reread = describeOutcome(choice, before, await alice.getConversation(1, id));
      return { first, reread };
    }

    it('nothing without the conversation as it was', async () => {
      assert.equal(describePosted({ kind: 'unassign' }, undefined, await unassign(alice, 1, 1)), undefined);
    });
    it('an agent: the very sentence of the re-read (so no second notification)', async () => {
      const { first, reread } = await posted(21, { kind: 'agent', agentId: 3, name: 'Caz' }, () => assignAgent(alice, 1, 21, 3));
      assert.deepEqual(first, { message: 'Conversation #21 assigned to Caz', differs: false });
      assert.deepEqual(first, reread);
    });
    it('unassign and remove team: the very sentence of the re-read', async () => {
      const u = await posted(1, { kind: 'unassign' }, () => unassign(alice, 1, 1));
      assert.deepEqual(u.first, { message: 'Conversation #1 is now Unassigned', differs: false });
      assert.deepEqual(u.first, u.reread);
      const r = await posted(4, { kind: 'remove-team' }, () => removeTeam(alice, 1, 4));
      assert.deepEqual(r.first, { message: 'Team removed from conversation #4 (assignee Alice Anderson)', differs: false });
      assert.deepEqual(r.first, r.reread);
    });
    it('an agent the server did not record: said at once', async () => {
      const { first, reread } = await posted(1, { kind: 'agent', agentId: 7, name: 'Grace Garcia' }, () => assignAgent(alice, 1, 1, 7));
      assert.equal(first?.differs, true);
      assert.deepEqual(first, reread);
    });
    it('a team that auto-assigns: tentative, naming no assignee; the re-read tells who', async () => {
      const { first, reread } = await posted(5, { kind: 'team', teamId: 1, name: 'sales' }, () => assignTeam(alice, 1, 5, 1));
      assert.deepEqual(first, { message: 'Conversation #5 assigned to team sales', differs: false, tentative: true });
      assert.equal(reread.message, 'Conversation #5 assigned to team sales — Chatwoot auto-assigned Bob Brown');
    });
    it('a team change on an assigned conversation is tentative too (the agent may be removed)', async () => {
      const { first, reread } = await posted(1, { kind: 'team', teamId: 2, name: 'billing' }, () => assignTeam(alice, 1, 1, 2));
      assert.deepEqual(first, { message: 'Conversation #1 assigned to team billing', differs: false, tentative: true });
      assert.match(reread.message, /Chatwoot removed Bob Brown/);
    });
    it('a team that cannot auto-assign, on an unassigned conversation: final at once', async () => {
      const { first, reread } = await posted(21, { kind: 'team', teamId: 2, name: 'billing' }, () => assignTeam(alice, 1, 21, 2));
      assert.deepEqual(first, { message: 'Conversation #21 assigned to team billing (Unassigned)', differs: false });
      assert.deepEqual(first, reread);
    });
  });
});
