// One ActiveRecord-style save of a conversation: apply the changes, run the model
// callbacks (§7.1), and when something changed bump updated_at and schedule the
// after-commit work of §7.2 (activity messages, events) on the job queue.

import type { Actor, Conversation, ConversationStatus } from '../model/types';
import type { World } from '../world';
import { scheduleAfterSave } from './after-save';
import { ensureAssigneeFromTeam, runInboxAutoAssignment } from './autoassign';

export interface ConversationChanges {
  status?: ConversationStatus;
  snoozedUntil?: number | null;
  assigneeId?: number | null;
  assigneeAgentBotId?: number | null;
  teamId?: number | null;
  labels?: string[];
}

/** The attributes whose changes are observable (activity, events, webhook). */
export interface Snapshot {
  status: ConversationStatus;
  assigneeId: number | null;
  assigneeAgentBotId: number | null;
  teamId: number | null;
  priority: string | null;
  snoozedUntil: number | null;
  labels: string[];
  updatedAt: number;
}

export function snapshot(c: Conversation): Snapshot {
  return {
    status: c.status,
    assigneeId: c.assigneeId,
    assigneeAgentBotId: c.assigneeAgentBotId,
    teamId: c.teamId,
    priority: c.priority,
    snoozedUntil: c.snoozedUntil,
    labels: [...c.labels],
    updatedAt: c.updatedAt,
  };
}

export function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  return (
    a.status === b.status &&
    a.assigneeId === b.assigneeId &&
    a.assigneeAgentBotId === b.assigneeAgentBotId &&
    a.teamId === b.teamId &&
    a.priority === b.priority &&
    a.snoozedUntil === b.snoozedUntil &&
    a.labels.length === b.labels.length &&
    a.labels.every((l, i) => l === b.labels[i])
  );
}

/** Returns true when the save changed something (and was therefore "committed"). */
export function saveConversation(world: World, conversation: Conversation, changes: ConversationChanges, actor: Actor | null): boolean {
  const before = snapshot(conversation);
  if (changes.status !== undefined) conversation.status = changes.status;
  if (changes.snoozedUntil !== undefined) conversation.snoozedUntil = changes.snoozedUntil;
  if (changes.teamId !== undefined) conversation.teamId = changes.teamId;
  if (changes.labels !== undefined) conversation.labels = [...changes.labels];
  if (changes.assigneeAgentBotId !== undefined) conversation.assigneeAgentBotId = changes.assigneeAgentBotId;
  if (changes.assigneeId !== undefined) {
    conversation.assigneeId = changes.assigneeId;
    // A human assignee and a bot assignee never coexist (§4.1).
    if (changes.assigneeId !== null) conversation.assigneeAgentBotId = null;
  }
  // ensure_snooze_until_reset: only snoozed conversations keep snoozed_until.
  if (conversation.status !== 'snoozed') conversation.snoozedUntil = null;
  if (conversation.teamId !== before.teamId) ensureAssigneeFromTeam(world.store, conversation);
  if (conversation.status === 'open' && before.status !== 'open') runInboxAutoAssignment(world.store, conversation);

  const after = snapshot(conversation);
  if (sameSnapshot(before, after)) return false;
  conversation.updatedAt = world.clock.now();
  scheduleAfterSave(world, conversation, before, { ...after, updatedAt: conversation.updatedAt }, actor);
  return true;
}
