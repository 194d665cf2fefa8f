// Notification side effects (API-FACTS-LIVE §7.1): a `conversation_assignment` row for the
// new human assignee, then RemoveDuplicateNotificationJob (one notification per user per
// conversation), each with its cable event to that user's stream only.

import type { Actor, Conversation } from '../model/types';
import type { NotificationType } from '../model/notification';
import { notificationDeletedData, notificationEventData } from '../serializers/notification';
import type { World } from '../world';
import { userStream } from '../cable/recipients';
import type { Snapshot } from './save';

/**
 * Decided at save time (the self-assignment check runs in the request): the user to notify,
 * or null when the assignee is blank, unchanged, the actor (ids compared, like the activity
 * text), the conversation is pending, or the contact is blocked. Inbox membership is irrelevant.
 */
export function assignmentNotificationTarget(world: World, conversation: Conversation, before: Snapshot, after: Snapshot, actor: Actor | null): number | null {
  const { store } = world;
  const assigneeId = after.assigneeId;
  if (assigneeId === null || assigneeId === before.assigneeId) return null;
  if (actor && actor.id === assigneeId) return null;
  if (after.status === 'pending') return null;
  if (store.contacts.get(conversation.contactId)?.blocked) return null;
  return store.users.has(assigneeId) ? assigneeId : null;
}

/** NotificationBuilder + the dedupe job: create, emit `notification.created`, delete older ones. */
export function createNotification(world: World, conversation: Conversation, userId: number, type: NotificationType): void {
  const { store } = world;
  const now = world.clock.now();
  const row = store.notifications.add({
    accountId: conversation.accountId,
    userId,
    type,
    conversationDbId: conversation.dbId,
    readAt: null,
    snoozedUntil: null,
    createdAt: now,
    lastActivityAt: now,
  });
  const streams = userStream(store, userId);
  world.events.record({ event: 'notification.created', account_id: row.accountId, data: notificationEventData(world, row, conversation), streams });
  const older = store.notifications.rows.filter((n) => n.userId === userId && n.conversationDbId === conversation.dbId && n.id !== row.id);
  for (const n of older) {
    store.notifications.remove(n.id);
    world.events.record({ event: 'notification.deleted', account_id: n.accountId, data: notificationDeletedData(world, n), streams });
  }
}
