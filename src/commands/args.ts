/**
 * The one validator of the non-interactive forms of Assign Conversation and Assign Conversations:
 * `{ accountId, conversationId | conversationIds, assigneeId | teamId | unassign: true | removeTeam: true }`,
 * and for one conversation an optional `note` (a private note posted after the assignment: a hand-off).
 * Runs at activation time, before anything is loaded, so it imports nothing heavy.
 */
import type { AssigneeChoice } from '../assign/choice';
import * as l10n from '../util/l10n';

/** Above this, the bulk form refuses (a slip in a script should not reassign a whole account). */
export const BULK_MAX = 5000;
/** Chatwoot's longest message (`message.rb:79`); a longer note would be a 422 after the assignment. */
export const NOTE_MAX = 150_000;

export interface AssignmentArgs {
  accountId: number;
  conversationIds: number[];
  choice: AssigneeChoice;
  /** Single form only: a private note to post after the assignment. */
  note?: string;
}

export type ParsedArgs = { args: AssignmentArgs } | { error: string } | undefined;

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * `single`: `{ accountId, conversationId, … }`; `bulk`: `{ accountId, conversationIds: [...], … }`.
 * Undefined when `arg` is not that form at all (a tree node, nothing), else the args or what is wrong.
 */
export function parseAssignmentArgs(arg: unknown, form: 'single' | 'bulk'): ParsedArgs {
  const key = form === 'single' ? 'conversationId' : 'conversationIds';
  if (typeof arg !== 'object' || arg === null || !(key in arg)) return undefined;
  const a = arg as Record<string, unknown>;
  const title = form === 'single' ? l10n.t('Assign Conversation') : l10n.t('Assign Conversations');
  const target = 'assigneeId, teamId, unassign: true, removeTeam: true';
  const usage =
    form === 'single'
      ? l10n.t('{title}: expected {shape} and exactly one of {target}', { title, shape: '{ accountId, conversationId }', target })
      : l10n.t('{title}: expected {shape} and exactly one of {target}', { title, shape: `{ accountId, conversationIds: [1 to ${BULK_MAX} ids] }`, target });

  let ids: number[];
  if (form === 'single') {
    if (!isPositiveInt(a.accountId) || !isPositiveInt(a.conversationId)) return { error: usage };
    ids = [a.conversationId];
  } else {
    const list = a.conversationIds;
    if (!isPositiveInt(a.accountId) || !Array.isArray(list) || list.length === 0 || list.length > BULK_MAX) return { error: usage };
    if (!list.every(isPositiveInt)) return { error: l10n.t('{title}: {field} must be positive integers', { title, field: 'conversationIds' }) };
    ids = list;
  }
  const given = [a.assigneeId !== undefined, a.teamId !== undefined, a.unassign === true, a.removeTeam === true].filter(Boolean).length;
  if (given !== 1) return { error: usage };
  let note: string | undefined;
  if (a.note !== undefined) {
    if (form === 'bulk') {
      return { error: l10n.t('{title}: {field} is accepted for one conversation only ({command})', { title, field: 'note', command: l10n.t('Assign Conversation') }) };
    }
    if (typeof a.note !== 'string' || a.note.trim() === '' || a.note.length > NOTE_MAX) {
      return { error: l10n.t('{title}: {field} must be a non-empty string of at most {max} characters', { title, field: 'note', max: NOTE_MAX }) };
    }
    note = a.note;
  }
  const accountId = a.accountId;
  const withNote = (args: AssignmentArgs): ParsedArgs => ({ args: note === undefined ? args : { ...args, note } });
  if (a.assigneeId !== undefined) {
    if (!isPositiveInt(a.assigneeId)) return { error: l10n.t('{title}: {field} must be a positive integer', { title, field: 'assigneeId' }) };
    return withNote({ accountId, conversationIds: ids, choice: { kind: 'agent', agentId: a.assigneeId, name: l10n.t('agent {0}', a.assigneeId) } });
  }
  if (a.teamId !== undefined) {
    if (!isPositiveInt(a.teamId)) return { error: l10n.t('{title}: {field} must be a positive integer', { title, field: 'teamId' }) };
    return withNote({ accountId, conversationIds: ids, choice: { kind: 'team', teamId: a.teamId, name: l10n.t('team {0}', a.teamId) } });
  }
  return withNote({ accountId, conversationIds: ids, choice: { kind: a.unassign === true ? 'unassign' : 'remove-team' } });
}
