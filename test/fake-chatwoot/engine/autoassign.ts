// Deterministic replacement for Chatwoot's Redis round robin (§7.3) and the two places
// that use it: team auto-assignment (§7.1 steps 1–2) and inbox auto-assignment when a
// conversation is reopened (§7.1 step 5).

import type { Conversation, Inbox } from '../model/types';
import type { Store } from '../store';

/** Enterprise capacity rule: `max_assignment_limit` open conversations per agent in the inbox. */
function hasCapacity(store: Store, inbox: Inbox, userId: number): boolean {
  const limit = inbox.enableAutoAssignment ? inbox.autoAssignmentConfig.max_assignment_limit : undefined;
  if (typeof limit !== 'number' || limit <= 0) return true;
  let open = 0;
  for (const c of store.accountConversations(inbox.accountId)) {
    if (c.inboxId === inbox.id && c.status === 'open' && c.assigneeId === userId) open += 1;
  }
  return open < limit;
}

/**
 * Takes the first queue entry that is an inbox member, passes `allowed`, is "online"
 * (presence-aware availability) and has capacity; moves it to the back of the queue.
 */
export function pickFromRotation(store: Store, inbox: Inbox, allowed: (userId: number) => boolean): number | null {
  let queue = store.rotation.get(inbox.id);
  if (!queue) {
    queue = [...inbox.memberIds];
    store.rotation.set(inbox.id, queue);
  }
  for (let i = 0; i < queue.length; i += 1) {
    const userId = queue[i];
    if (!inbox.memberSet.has(userId) || !allowed(userId)) continue;
    if (store.availabilityStatus(inbox.accountId, userId) !== 'online') continue;
    if (!hasCapacity(store, inbox, userId)) continue;
    queue.splice(i, 1);
    queue.push(userId);
    return userId;
  }
  return null;
}

/** §7.1 steps 1–3: runs inside a save whose team_id changed. */
export function ensureAssigneeFromTeam(store: Store, conversation: Conversation): void {
  const team = store.teamInAccount(conversation.accountId, conversation.teamId);
  if (!team) return; // no team never touches the assignee
  if (conversation.assigneeId !== null && !team.memberSet.has(conversation.assigneeId)) conversation.assigneeId = null;
  if (conversation.assigneeId !== null || !team.allowAutoAssign) return;
  const inbox = store.inboxes.get(conversation.inboxId);
  if (!inbox) return;
  const picked = pickFromRotation(store, inbox, (userId) => team.memberSet.has(userId));
  if (picked !== null) {
    conversation.assigneeId = picked;
    conversation.assigneeAgentBotId = null;
  }
}

/** §7.1 step 5: status changed to open on an auto-assigning inbox without a member assignee. */
export function runInboxAutoAssignment(store: Store, conversation: Conversation): void {
  const inbox = store.inboxes.get(conversation.inboxId);
  if (!inbox || !inbox.enableAutoAssignment) return;
  if (conversation.assigneeId !== null && inbox.memberSet.has(conversation.assigneeId)) return;
  const picked = pickFromRotation(store, inbox, () => true);
  if (picked !== null) {
    conversation.assigneeId = picked;
    conversation.assigneeAgentBotId = null;
  }
}
