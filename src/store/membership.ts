/**
 * Which of the open lists (Mine / Unassigned / All) a conversation belongs to, and how Chatwoot's
 * four counts move when a conversation changes. Pure, so a patch can be checked in plain Node and
 * the tree never has to re-read a list to learn that a row moved.
 */
import type { Conversation, ConversationCounts } from '../api';
import { countFor } from '../api/counts';
import { humanAssignee } from '../util/present';

/** The open lists the tree and the conversation picker show. */
export type ListKind = 'mine' | 'unassigned' | 'all';
export const LIST_KINDS: readonly ListKind[] = ['mine', 'unassigned', 'all'];

/** The `assignee_type` query value of each list. */
export const ASSIGNEE_TYPE = { mine: 'me', unassigned: 'unassigned', all: 'all' } as const satisfies Record<ListKind, string>;

/** Lists hold open conversations only (a resolved, pending or snoozed one leaves them). */
export function belongsTo(kind: ListKind, c: Conversation, me: number | undefined): boolean {
  if (c.status !== 'open') return false;
  const human = humanAssignee(c);
  switch (kind) {
    case 'all':
      return true;
    case 'unassigned':
      // A bot holds it: Chatwoot counts that as unassigned.
      return human === undefined;
    case 'mine':
      return human !== undefined && human.id === me;
  }
}

/** The server's count for a list. */
export function countOf(counts: ConversationCounts, kind: ListKind): number {
  return countFor(counts, ASSIGNEE_TYPE[kind]);
}

function contribution(c: Conversation | undefined, me: number | undefined): ConversationCounts {
  const open = c !== undefined && c.status === 'open';
  const human = open ? humanAssignee(c) : undefined;
  return {
    all_count: open ? 1 : 0,
    unassigned_count: open && !human ? 1 : 0,
    assigned_count: human ? 1 : 0,
    mine_count: human && human.id === me ? 1 : 0,
  };
}

/** The counts after `before` became `after` (either undefined: not in the open lists at all). */
export function shiftCounts(counts: ConversationCounts, before: Conversation | undefined, after: Conversation | undefined, me: number | undefined): ConversationCounts {
  const was = contribution(before, me);
  const now = contribution(after, me);
  const shift = (key: keyof ConversationCounts) => Math.max(0, counts[key] - was[key] + now[key]);
  return { mine_count: shift('mine_count'), assigned_count: shift('assigned_count'), unassigned_count: shift('unassigned_count'), all_count: shift('all_count') };
}

export function sameCounts(a: ConversationCounts, b: ConversationCounts): boolean {
  return a.mine_count === b.mine_count && a.unassigned_count === b.unassigned_count && a.all_count === b.all_count && a.assigned_count === b.assigned_count;
}

/** Chatwoot's default order: latest activity first. */
export function newerFirst(a: Conversation, b: Conversation): number {
  return b.last_activity_at - a.last_activity_at;
}

/** The newer of two copies of one conversation (`updated_at` when both have it), for dropping stale news. */
export function isOlder(incoming: Conversation, known: Conversation): boolean {
  if (incoming.updated_at !== undefined && known.updated_at !== undefined) return incoming.updated_at < known.updated_at;
  return false;
}
