/** The non-interactive forms of Assign Conversation(s): what parses, and every sentence a wrong call gets. */
import * as assert from 'node:assert/strict';
import { BULK_MAX, parseAssignmentArgs } from '../../../src/commands/args';

const TARGETS = 'exactly one of assigneeId, teamId, unassign: true, removeTeam: true';
const SINGLE_USAGE = `Assign Conversation: expected { accountId, conversationId } and ${TARGETS}`;
const BULK_USAGE = `Assign Conversations: expected { accountId, conversationIds: [1 to ${BULK_MAX} ids] } and ${TARGETS}`;

describe('parseAssignmentArgs', () => {
  it('is not for anything that lacks the form key (a tree node, nothing, the other form)', () => {
    for (const arg of [undefined, null, 42, 'x', {}, { accountId: 1, conversation: { id: 21 } }]) {
      assert.equal(parseAssignmentArgs(arg, 'single'), undefined, JSON.stringify(arg));
      assert.equal(parseAssignmentArgs(arg, 'bulk'), undefined, JSON.stringify(arg));
    }
    assert.equal(parseAssignmentArgs({ accountId: 1, conversationIds: [1], assigneeId: 2 }, 'single'), undefined);
    assert.equal(parseAssignmentArgs({ accountId: 1, conversationId: 1, assigneeId: 2 }, 'bulk'), undefined);
  });

  it('single: each target becomes its choice', () => {
    const base = { accountId: 1, conversationId: 21 };
    assert.deepEqual(parseAssignmentArgs({ ...base, assigneeId: 3 }, 'single'), {
      args: { accountId: 1, conversationIds: [21], choice: { kind: 'agent', agentId: 3, name: 'agent 3' } },
    });
    assert.deepEqual(parseAssignmentArgs({ ...base, teamId: 2 }, 'single'), { args: { accountId: 1, conversationIds: [21], choice: { kind: 'team', teamId: 2, name: 'team 2' } } });
    assert.deepEqual(parseAssignmentArgs({ ...base, unassign: true }, 'single'), { args: { accountId: 1, conversationIds: [21], choice: { kind: 'unassign' } } });
    assert.deepEqual(parseAssignmentArgs({ ...base, removeTeam: true }, 'single'), { args: { accountId: 1, conversationIds: [21], choice: { kind: 'remove-team' } } });
  });

  it('bulk: the ids as given', () => {
    assert.deepEqual(parseAssignmentArgs({ accountId: 2, conversationIds: [5, 3, 7], teamId: 4 }, 'bulk'), {
      args: { accountId: 2, conversationIds: [5, 3, 7], choice: { kind: 'team', teamId: 4, name: 'team 4' } },
    });
    const max = Array.from({ length: BULK_MAX }, (_, i) => i + 1);
    assert.equal(
      (parseAssignmentArgs({ accountId: 1, conversationIds: max, unassign: true }, 'bulk') as { args: { conversationIds: number[] } }).args.conversationIds.length,
      BULK_MAX,
    );
  });

  it('single: the usage sentence for a bad account or conversation id, or not exactly one target', () => {
    const bad: unknown[] = [
      { conversationId: 21, assigneeId: 3 },
      { accountId: 0, conversationId: 21, assigneeId: 3 },
      { accountId: -1, conversationId: 21, assigneeId: 3 },
      { accountId: 1.5, conversationId: 21, assigneeId: 3 },
      { accountId: '1', conversationId: 21, assigneeId: 3 },
      { accountId: 1, conversationId: null, assigneeId: 3 },
      { accountId: 1, conversationId: Number.MAX_SAFE_INTEGER + 2, assigneeId: 3 },
      { accountId: 1, conversationId: 21 },
      { accountId: 1, conversationId: 21, unassign: false },
      { accountId: 1, conversationId: 21, unassign: 'yes' },
      { accountId: 1, conversationId: 21, assigneeId: 3, teamId: 2 },
      { accountId: 1, conversationId: 21, unassign: true, removeTeam: true },
    ];
    for (const arg of bad) assert.deepEqual(parseAssignmentArgs(arg, 'single'), { error: SINGLE_USAGE }, JSON.stringify(arg));
  });

  it('bulk: the usage sentence for no ids, too many, or not a list; its own sentence for a bad id', () => {
    for (const conversationIds of [[], 'all', 21, Array.from({ length: BULK_MAX + 1 }, (_, i) => i + 1)]) {
      assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationIds, assigneeId: 3 }, 'bulk'), { error: BULK_USAGE });
    }
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationIds: [1] }, 'bulk'), { error: BULK_USAGE });
    for (const conversationIds of [[1, 0], [1, '2'], [1.5], [null]]) {
      assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationIds, assigneeId: 3 }, 'bulk'), { error: 'Assign Conversations: conversationIds must be positive integers' });
    }
  });

  it('a target of the wrong type is named', () => {
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationId: 21, assigneeId: 0 }, 'single'), { error: 'Assign Conversation: assigneeId must be a positive integer' });
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationId: 21, assigneeId: null }, 'single'), {
      error: 'Assign Conversation: assigneeId must be a positive integer',
    });
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationId: 21, teamId: '2' }, 'single'), { error: 'Assign Conversation: teamId must be a positive integer' });
    assert.deepEqual(parseAssignmentArgs({ accountId: 1, conversationIds: [21], teamId: -2 }, 'bulk'), { error: 'Assign Conversations: teamId must be a positive integer' });
  });
});
