/**
 * The undo recipe of API-FACTS-LIVE §8.1, case by case: the requests in order (team first, assignee
 * last, with the shortcuts), refusal when the conversation changed since the assignment, and the
 * sentences about what Chatwoot cannot take back (§8.2).
 */
import * as assert from 'node:assert/strict';
import { planUndo, stateOf, targetOf, type AssigneeState, type AssignmentState, type UndoInput, type UndoPlan } from '../../../src/assign/undo/recipe';

const none: AssigneeState = { kind: 'none' };
const alice: AssigneeState = { kind: 'user', id: 1, name: 'Alice' };
const bob: AssigneeState = { kind: 'user', id: 2, name: 'Bob' };
const bot: AssigneeState = { kind: 'bot', id: 7, name: 'Triage' };
const sales = { id: 1, name: 'sales' };
const billing = { id: 2, name: 'billing' };

const state = (assignee: AssigneeState, team: { id: number; name: string } | null): AssignmentState => ({ assignee, team });

function plan(before: AssignmentState, after: AssignmentState, extra: Partial<UndoInput> = {}): UndoPlan {
  return planUndo({ before, after, current: after, actorId: 1, ...extra });
}

const bodies = (p: UndoPlan) => p.steps.map((s) => s.body);

describe('undo recipe (§8.1)', () => {
  it('same team, other assignee: one assignee request', () => {
    const p = plan(state(bob, sales), state(alice, sales));
    assert.equal(p.outcome, 'restore');
    assert.deepEqual(bodies(p), [{ assignee_id: 2 }]);
  });

  it('same team, was unassigned: assignee_id null', () => {
    const p = plan(state(none, null), state(bob, null));
    assert.deepEqual(bodies(p), [{ assignee_id: null }]);
    assert.deepEqual(targetOf(p.steps[0]), { kind: 'unassign' });
  });

  it('same team, was a bot: assignee_id with assignee_type AgentBot', () => {
    const p = plan(state(bot, sales), state(bob, sales));
    assert.deepEqual(bodies(p), [{ assignee_id: 7, assignee_type: 'AgentBot' }]);
    assert.equal(targetOf(p.steps[0]), undefined, 'the client target has no bot form: send the body');
  });

  it('team changed (to T0 ≠ none): team first, then the assignee, marked skippable if already A0', () => {
    const p = plan(state(bob, sales), state(alice, billing));
    assert.deepEqual(bodies(p), [{ team_id: 1 }, { assignee_id: 2 }]);
    assert.equal(p.steps[1].kind === 'assignee' && p.steps[1].skipIfAlready, true);
    assert.deepEqual(targetOf(p.steps[0]), { kind: 'team', teamId: 1 });
  });

  it('only the team changed: team first and still the assignee (the team step may clear or auto-pick)', () => {
    const p = plan(state(none, sales), state(none, billing));
    assert.deepEqual(bodies(p), [{ team_id: 1 }, { assignee_id: null }]);
    assert.ok(p.cannotRestore.some((s) => /may auto-assign an online member of that team/.test(s)));
  });

  it('there was no team: team_id null first; the assignee only if it changed (removing a team never touches it)', () => {
    assert.deepEqual(bodies(plan(state(bob, null), state(bob, sales))), [{ team_id: null }]);
    assert.deepEqual(bodies(plan(state(bob, null), state(alice, sales))), [{ team_id: null }, { assignee_id: 2 }]);
    assert.deepEqual(targetOf(plan(state(bob, null), state(bob, sales)).steps[0]), { kind: 'remove-team' });
  });

  it('A0 is a member of T0: assignee first, then team (no auto-pick in between)', () => {
    const p = plan(state(bob, sales), state(alice, billing), { assigneeInTeamBefore: true });
    assert.deepEqual(bodies(p), [{ assignee_id: 2 }, { team_id: 1 }]);
    assert.equal(
      p.cannotRestore.some((s) => /may auto-assign an online member/.test(s)),
      false,
    );
    assert.equal(
      plan(state(bob, sales), state(alice, billing)).cannotRestore.some((s) => /may auto-assign an online member/.test(s)),
      true,
      'but team-first may',
    );
  });

  it('the actor reaches the conversation only through T1: assignee first, and the report says access may end', () => {
    const p = plan(state(bob, sales), state(alice, billing), { accessOnlyThroughTeam: true });
    assert.deepEqual(bodies(p), [{ assignee_id: 2 }, { team_id: 1 }]);
    assert.ok(p.cannotRestore.some((s) => /no longer be able to open it/.test(s)));
    assert.ok(p.cannotRestore.some((s) => /clears or replaces the assignee/.test(s)));
  });

  it('nothing to undo when the assignment changed nothing, or the conversation already shows the state before', () => {
    const same = plan(state(bob, sales), state(bob, sales));
    assert.equal(same.outcome, 'nothing');
    assert.deepEqual(same.steps, []);
    assert.deepEqual(same.cannotRestore, []);
    const undone = planUndo({ before: state(bob, sales), after: state(alice, sales), current: state(bob, sales) });
    assert.equal(undone.outcome, 'nothing');
    assert.ok(undone.cannotRestore.length > 0, 'the timeline still shows both changes');
  });
});

describe('undo refusal', () => {
  it('refuses when the assignee changed since the assignment, naming both states', () => {
    const p = planUndo({ before: state(bob, sales), after: state(alice, sales), current: state({ kind: 'user', id: 3, name: 'Carol' }, sales) });
    assert.equal(p.outcome, 'refuse');
    assert.ok(p.outcome === 'refuse');
    assert.equal(p.reason, 'changed-since');
    assert.equal(
      p.message,
      'The conversation changed since the assignment: it now shows Carol, team sales, not Alice, team sales. Undo would overwrite that change, so nothing was done.',
    );
    assert.deepEqual(p.steps, []);
  });

  it('refuses when the team changed since, or a bot took over (same id, other kind)', () => {
    assert.equal(planUndo({ before: state(bob, sales), after: state(alice, sales), current: state(alice, billing) }).outcome, 'refuse');
    assert.equal(planUndo({ before: state(bob, null), after: state({ kind: 'user', id: 7 }, null), current: state(bot, null) }).outcome, 'refuse');
  });

  it('refuses when A0 left the account or T0 was deleted (Chatwoot would silently unassign / drop the team)', () => {
    const gone = planUndo({ before: state(bob, sales), after: state(alice, sales), current: state(alice, sales), agentIds: new Set([1, 3]) });
    assert.ok(gone.outcome === 'refuse');
    assert.equal(gone.reason, 'target-gone');
    assert.match(gone.message, /Bob is no longer an agent of this account/);
    const noTeam = planUndo({ before: state(bob, sales), after: state(bob, billing), current: state(bob, billing), teamIds: new Set([2]) });
    assert.ok(noTeam.outcome === 'refuse' && noTeam.reason === 'target-gone');
    assert.equal(planUndo({ before: state(bob, sales), after: state(alice, sales), current: state(alice, sales), agentIds: new Set([1, 2]) }).outcome, 'restore');
  });
});

describe('what undo cannot take back (§8.2)', () => {
  it('always: the timeline activity messages and the list position', () => {
    const p = plan(state(bob, sales), state(alice, sales));
    assert.ok(p.cannotRestore.some((s) => /activity messages/.test(s)));
    assert.ok(p.cannotRestore.some((s) => /last activity time/.test(s)));
    assert.ok(p.cannotRestore.some((s) => /Webhooks, automation rules and agent bots/.test(s)));
  });

  it('the wrong assignee was notified (not on self-assignment) and stays a participant; the restored one is notified again', () => {
    const toCarol = plan(state(bob, sales), state({ kind: 'user', id: 3, name: 'Carol' }, sales));
    assert.ok(toCarol.cannotRestore.includes('Carol was already notified of the assignment; that notification cannot be taken back.'));
    assert.ok(toCarol.cannotRestore.some((s) => s.startsWith('Carol stays a participant')));
    assert.ok(toCarol.cannotRestore.includes('Bob will be notified again when the conversation is assigned back.'));
    const self = plan(state(none, sales), state(alice, sales));
    assert.equal(
      self.cannotRestore.some((s) => /notified/.test(s)),
      false,
      'Alice assigned herself, and nobody is restored',
    );
  });

  it('a bot assignee and a team change: the bot edge is reported', () => {
    const p = plan(state(bot, sales), state(bob, billing));
    assert.deepEqual(bodies(p), [{ team_id: 1 }, { assignee_id: 7, assignee_type: 'AgentBot' }]);
    assert.ok(p.cannotRestore.some((s) => /human assignee next to the bot/.test(s)));
  });
});

describe('stateOf', () => {
  const base = { id: 1, account_id: 1, inbox_id: 1, status: 'open', messages: [], created_at: 0, last_activity_at: 0 };
  it('reads assignee (user or bot) and team from meta; absent means none', () => {
    const user = stateOf({
      ...base,
      meta: {
        sender: { id: 1 },
        assignee: { id: 2, name: 'Bob Brown', available_name: 'Bob', availability_status: 'online' },
        assignee_type: 'User',
        team: { id: 1, name: 'sales' },
      },
    });
    assert.deepEqual(user, { assignee: { kind: 'user', id: 2, name: 'Bob' }, team: { id: 1, name: 'sales' } });
    const botState = stateOf({ ...base, meta: { sender: { id: 1 }, assignee: { id: 7, name: 'Triage' }, assignee_type: 'AgentBot' } });
    assert.deepEqual(botState, { assignee: { kind: 'bot', id: 7, name: 'Triage' }, team: null });
    assert.deepEqual(stateOf({ ...base, meta: { sender: { id: 1 } } }), { assignee: { kind: 'none' }, team: null });
  });
});
