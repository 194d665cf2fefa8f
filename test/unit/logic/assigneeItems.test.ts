/**
 * The words of the assignee step and of bulk assignment, built from real fake answers: which
 * actions the step offers for one or several conversations, how the current assignee and team are
 * marked, and the confirmation and "recorded" checks of bulk assignment.
 */
import '../../support/vscode/install';
import * as assert from 'node:assert/strict';
import type { Agent, ChatwootClient, Conversation, Profile, Team } from '../../../src/api';
import type { AssigneeChoice } from '../../../src/assign/choice';
import { confirmation, plural, recorded } from '../../../src/assign/bulk';
import { assigneeItems } from '../../../src/assign/pickAssignee';
import { SEED_TOKENS, useFake, type FakeContext } from '../helpers/fakeServer';

// vscode.QuickPickItemKind.Separator (the stub's value, as VS Code's).
const SEPARATOR = -1 as number;

describe('assigneeItems (the assignee step)', () => {
  let ctx: FakeContext;
  let alice: ChatwootClient;
  let me: Profile;
  let agents: Agent[];
  let teams: Team[];
  const c: Record<number, Conversation> = {};

  before(async () => {
    ctx = await useFake();
    alice = ctx.client(SEED_TOKENS.alice);
    [me, agents, teams] = await Promise.all([alice.getProfile(), alice.listAgents(1), alice.listTeams(1)]);
    // #1 Bob, no team; #4 Alice, team sales; #21 nobody; #33 held by Triage Bot.
    for (const id of [1, 4, 21, 33]) c[id] = await alice.getConversation(1, id);
  });
  after(() => ctx.close());

  const items = (...ids: number[]) =>
    assigneeItems(
      ids.map((id) => c[id]),
      me,
      agents,
      teams,
    );
  const row = (list: ReturnType<typeof items>, label: string) => {
    const found = list.find((i) => i.label === label);
    assert.ok(found, `${label} not among ${JSON.stringify(list.map((i) => i.label))}`);
    return found;
  };

  it('an unassigned conversation: Assign to me, then the agents (online first), then the teams; nothing to remove', () => {
    const list = items(21);
    assert.deepEqual(
      list.map((i) => i.label),
      ['Assign to me', 'Agents', 'Alice Anderson', 'Bob Brown', 'Ivan Ivanov', 'Caz', 'Dave Diaz', 'Erin Evans', 'Frank Fischer', 'Teams', 'sales', 'billing', 'vip support'],
    );
    assert.deepEqual(
      list.filter((i) => (i.kind as number | undefined) === SEPARATOR).map((i) => [i.label, i.choice]),
      [
        ['Agents', undefined],
        ['Teams', undefined],
      ],
    );
    assert.ok(
      list.filter((i) => (i.kind as number | undefined) !== SEPARATOR).every((i) => i.choice),
      'every pickable item carries its choice',
    );
    assert.deepEqual(row(list, 'Assign to me'), {
      label: 'Assign to me',
      description: 'Alice Anderson',
      iconPath: row(list, 'Assign to me').iconPath,
      choice: { kind: 'agent', agentId: 1, name: 'Alice Anderson', isMe: true },
    });
    assert.deepEqual(
      [row(list, 'Caz').description, row(list, 'Caz').detail, row(list, 'Caz').choice],
      ['busy', 'Carol Chen', { kind: 'agent', agentId: 3, name: 'Caz', isMe: false }],
    );
    assert.equal(row(list, 'Alice Anderson').description, 'online · you');
    assert.deepEqual([row(list, 'sales').description, row(list, 'sales').choice], ['auto-assigns', { kind: 'team', teamId: 1, name: 'sales' }]);
    assert.equal(row(list, 'billing').description, '');
  });

  it('my own conversation with a team: "you are the assignee", Unassign and Remove team name what is current', () => {
    const list = items(4);
    assert.equal(row(list, 'Assign to me').description, 'you are the assignee');
    assert.deepEqual(row(list, 'Unassign').choice, { kind: 'unassign' });
    assert.equal(row(list, 'Unassign').description, 'currently Alice Anderson');
    assert.deepEqual([row(list, 'Remove team').description, row(list, 'Remove team').choice], ['currently sales', { kind: 'remove-team' }]);
    assert.equal(row(list, 'Alice Anderson').description, 'online · current assignee · you');
    assert.equal(row(list, 'sales').description, 'current team · auto-assigns');
    assert.deepEqual(
      list.slice(0, 4).map((i) => i.label),
      ['Assign to me', 'Unassign', 'Remove team', 'Agents'],
    );
  });

  it('a bot holds it: Unassign is offered and names the bot', () => {
    const list = items(33);
    assert.equal(row(list, 'Unassign').description, 'currently Triage Bot (bot)');
    assert.ok(!list.some((i) => i.label === 'Remove team'));
    assert.equal(row(list, 'Assign to me').description, 'Alice Anderson');
  });

  it('several conversations: counts instead of names, "of some" marks', () => {
    const list = items(1, 4, 21);
    assert.equal(row(list, 'Assign to me').description, 'Alice Anderson', 'not all of them are mine');
    assert.equal(row(list, 'Unassign').description, '2 of 3 assigned');
    assert.equal(row(list, 'Remove team').description, '1 of 3 with a team');
    assert.equal(row(list, 'Bob Brown').description, 'online · assignee of some');
    assert.equal(row(list, 'sales').description, 'team of some · auto-assigns');
    assert.equal(assigneeItems([c[4], c[4]], me, agents, teams)[0].description, 'you are the assignee of all');
  });
});

describe('bulk assignment wording', () => {
  const bob: AssigneeChoice = { kind: 'agent', agentId: 2, name: 'Bob Brown' };
  const sales: AssigneeChoice = { kind: 'team', teamId: 1, name: 'sales' };

  it('confirmation: the question and the button, singular and plural', () => {
    assert.deepEqual(confirmation(bob, 7), { message: 'Assign 7 conversations to Bob Brown?', button: 'Assign' });
    assert.deepEqual(confirmation(bob, 1), { message: 'Assign 1 conversation to Bob Brown?', button: 'Assign' });
    assert.deepEqual(confirmation(sales, 2), { message: 'Assign 2 conversations to team sales?', button: 'Assign' });
    assert.deepEqual(confirmation({ kind: 'unassign' }, 3), { message: 'Unassign 3 conversations?', button: 'Unassign' });
    assert.deepEqual(confirmation({ kind: 'remove-team' }, 1), { message: 'Remove the team from 1 conversation?', button: 'Remove Team' });
    assert.equal(plural(0), '0 conversations');
  });

  it('recorded: whether a re-read conversation shows what was asked (a bot is not an assignee)', async () => {
    const ctx = await useFake();
    try {
      const alice = ctx.client(SEED_TOKENS.alice);
      const [c1, c4, c21, c33] = await Promise.all([1, 4, 21, 33].map((id) => alice.getConversation(1, id)));
      assert.deepEqual(
        [c1, c4, c21, c33].map((x) => recorded(bob, x)),
        [true, false, false, false],
      );
      assert.deepEqual(
        [c1, c4, c21, c33].map((x) => recorded({ kind: 'unassign' }, x)),
        [false, false, true, true],
      );
      assert.deepEqual(
        [c1, c4, c21, c33].map((x) => recorded(sales, x)),
        [false, true, false, false],
      );
      assert.deepEqual(
        [c1, c4, c21, c33].map((x) => recorded({ kind: 'remove-team' }, x)),
        [true, false, true, true],
      );
    } finally {
      await ctx.close();
    }
  });
});
