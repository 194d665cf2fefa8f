// Notification shapes (API-FACTS-LIVE §7.2-§7.3): the REST list item and the cable
// `notification.*` payloads, whose `push_message_title` holds the body text (a Chatwoot TODO).

import type { Conversation, Message } from '../model/types';
import type { Notification } from '../model/notification';
import type { World } from '../world';
import { isoOrNull } from '../util/time';
import { userPushData } from './agent';
import { conversationPushData } from './conversation';
import { senderName } from './message';

const TITLES: Readonly<Record<string, string>> = {
  conversation_creation: 'A conversation (#%{display_id}) has been created in %{inbox_name}',
  conversation_assignment: 'A conversation (#%{display_id}) has been assigned to you',
  assigned_conversation_new_message: 'A new message is created in conversation (#%{display_id})',
  participating_conversation_new_message: 'A new message is created in conversation (#%{display_id})',
  conversation_mention: 'You have been mentioned in conversation (#%{display_id})',
};

export function notificationTitle(world: World, n: Notification, conversation: Conversation): string {
  const inbox = world.store.inboxes.get(conversation.inboxId);
  return (TITLES[n.type] ?? '').replace('%{display_id}', String(conversation.displayId)).replace('%{inbox_name}', inbox ? inbox.name : '');
}

/** ActiveSupport `truncate_words(10)`: the first 10 words + "..." when longer. */
function truncateWords(text: string, count: number): string {
  const words = text.trim().split(/\s+/);
  if (words.length <= count) return text;
  return `${words.slice(0, count).join(' ')}...`;
}

/** `message_body(messages.incoming.last || messages.outgoing.last)`: "<sender name>: <first 10 words>". */
export function notificationBody(world: World, conversation: Conversation): string {
  const last = (type: number): Message | undefined => [...conversation.messages].reverse().find((m) => m.messageType === type);
  const message = last(0) ?? last(1);
  if (!message) return ': ';
  return `${senderName(world, message) ?? ''}: ${truncateWords(message.content, 10)}`;
}

/** `push_event_data` of the conversation without the listener-merged account_id. */
function primaryActor(world: World, conversation: Conversation, reread: boolean): Record<string, unknown> {
  const data = conversationPushData(world, conversation, { reread });
  delete data.account_id;
  return data;
}

function userData(world: World, n: Notification, reread: boolean): Record<string, unknown> | null {
  const user = world.store.users.get(n.userId);
  if (!user) return null;
  const data = userPushData(world, n.accountId, user);
  return reread ? { ...data, availability_status: null } : data;
}

/** Item of `GET …/notifications` (rendered in the request: availability is computed). */
export function notificationJson(world: World, n: Notification, conversation: Conversation): Record<string, unknown> {
  return {
    id: n.id,
    notification_type: n.type,
    push_message_title: notificationTitle(world, n, conversation),
    push_message_body: notificationBody(world, conversation),
    primary_actor_type: 'Conversation',
    primary_actor_id: conversation.dbId,
    primary_actor: primaryActor(world, conversation, false),
    read_at: isoOrNull(n.readAt),
    secondary_actor: null,
    user: userData(world, n, false),
    created_at: Math.trunc(n.createdAt),
    last_activity_at: Math.trunc(n.lastActivityAt),
    snoozed_until: isoOrNull(n.snoozedUntil),
    meta: {},
  };
}

/** Counts with the finder's default filters (unread, not snoozed): both are equal. */
function counts(world: World, n: Notification): { unread_count: number; count: number } {
  const visible = world.store.notifications.visible(n.accountId, n.userId);
  return { unread_count: visible.filter((v) => v.readAt === null).length, count: visible.length };
}

/** `notification.created` / `.updated` data (built in a job: availability null). */
export function notificationEventData(world: World, n: Notification, conversation: Conversation): Record<string, unknown> {
  const body = notificationBody(world, conversation);
  return {
    notification: {
      id: n.id,
      notification_type: n.type,
      primary_actor_type: 'Conversation',
      primary_actor_id: conversation.dbId,
      read_at: isoOrNull(n.readAt),
      secondary_actor: null,
      user: userData(world, n, true),
      created_at: Math.trunc(n.createdAt),
      last_activity_at: Math.trunc(n.lastActivityAt),
      snoozed_until: isoOrNull(n.snoozedUntil),
      meta: {},
      account_id: n.accountId,
      primary_actor: primaryActor(world, conversation, true),
      push_message_title: body,
      push_message_body: body,
    },
    ...counts(world, n),
    account_id: n.accountId,
  };
}

/** `notification.deleted` data. */
export function notificationDeletedData(world: World, n: Notification): Record<string, unknown> {
  return { notification: { id: n.id }, ...counts(world, n), account_id: n.accountId };
}
