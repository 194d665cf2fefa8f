// Message shapes: push data (§8.9, used for conversation previews and events), the slim
// form of /conversations/search and the multi-search form of /search/conversations (§8.6).

import type { Conversation, Message } from '../model/types';
import type { World } from '../world';
import { iso } from '../util/time';
import { botPushData, userPushData } from './agent';
import { contactPushData } from './contact';

/** Incoming messages newer than agent_last_seen_at (all of them when never seen). */
export function unreadIncoming(conversation: Conversation): number {
  const seen = conversation.agentLastSeenAt;
  let count = 0;
  for (const m of conversation.messages) {
    if (m.messageType === 0 && (seen === null || m.createdAt > seen)) count += 1;
  }
  return count;
}

function senderPushData(world: World, message: Message): Record<string, unknown> | undefined {
  const ref = message.sender;
  if (!ref) return undefined;
  if (ref.type === 'Contact') {
    const contact = world.store.contacts.get(ref.id);
    return contact ? contactPushData(contact) : undefined;
  }
  if (ref.type === 'User') {
    const user = world.store.users.get(ref.id);
    return user ? userPushData(world, message.accountId, user) : undefined;
  }
  const bot = world.store.bots.get(ref.id);
  return bot ? botPushData(bot) : undefined;
}

export function senderName(world: World, message: Message): string | undefined {
  const ref = message.sender;
  if (!ref) return undefined;
  if (ref.type === 'Contact') return world.store.contacts.get(ref.id)?.name;
  if (ref.type === 'User') return world.store.users.get(ref.id)?.name;
  return world.store.bots.get(ref.id)?.name;
}

/** `Message#push_event_data`: columns in schema order with int created_at, ISO updated_at. */
export function messagePushData(world: World, conversation: Conversation, message: Message): Record<string, unknown> {
  const contactInbox = world.store.contactInboxes.get(conversation.contactInboxId);
  return {
    id: message.id,
    content: message.content,
    account_id: message.accountId,
    inbox_id: message.inboxId,
    conversation_id: conversation.displayId,
    message_type: message.messageType,
    created_at: Math.trunc(message.createdAt),
    updated_at: iso(message.updatedAt),
    private: message.private,
    status: 'sent',
    source_id: null,
    content_type: 'text',
    content_attributes: {},
    sender_type: message.sender ? message.sender.type : null,
    sender_id: message.sender ? message.sender.id : null,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: message.content,
    sentiment: {},
    conversation: {
      assignee_id: conversation.assigneeId,
      unread_count: unreadIncoming(conversation),
      last_activity_at: Math.trunc(conversation.lastActivityAt),
      contact_inbox: { source_id: contactInbox ? contactInbox.sourceId : null },
    },
    sender: senderPushData(world, message),
  };
}

/** Message inside the slim conversation of /conversations/search. */
export function slimMessageJson(world: World, message: Message): Record<string, unknown> {
  return {
    content: message.content,
    id: message.id,
    sender_name: senderName(world, message),
    message_type: message.messageType,
    created_at: Math.trunc(message.createdAt),
  };
}

/** Message form of /search/conversations. */
export function searchMessageJson(world: World, conversation: Conversation, message: Message): Record<string, unknown> {
  return {
    id: message.id,
    content: message.content,
    inbox_id: message.inboxId,
    conversation_id: conversation.displayId,
    message_type: message.messageType,
    content_type: 'text',
    status: 'sent',
    content_attributes: {},
    created_at: Math.trunc(message.createdAt),
    private: message.private,
    source_id: null,
    sender: senderPushData(world, message),
  };
}
