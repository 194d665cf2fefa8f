// Message shapes: push data (§8.9, used for conversation previews and events), the item of
// GET …/messages and POST …/messages (_message.json.jbuilder, LIVE §3.2), attachments, the
// slim form of /conversations/search and the multi-search form of /search/conversations (§8.6).

import type { Attachment, Conversation, Message } from '../model/types';
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

/** Rails' default FRONTEND_URL: attachment URLs point at the Chatwoot host, never at the fake. */
export const FILES_HOST = 'http://localhost:3000';

/** `ActiveStorage` URLs: a signed blob id, then the escaped file name. */
function blobUrl(kind: 'blobs' | 'representations', attachment: Attachment): string {
  const signed = `eyJfcmFpbHMiOnsiZGF0YSI6${attachment.id}LCJwdXIiOiJibG9iX2lkIn19--${String(attachment.id * 7919).padStart(8, '0')}`;
  return `${FILES_HOST}/rails/active_storage/${kind}/redirect/${signed}/${encodeURIComponent(attachment.fileName)}`;
}

/** `Attachment#push_event_data` (attachment.rb): base keys, then per-type keys. */
export function attachmentJson(message: Message, attachment: Attachment): Record<string, unknown> {
  const base = { id: attachment.id, message_id: message.id, file_type: attachment.fileType, account_id: message.accountId };
  if (attachment.fileType === 'location') {
    return {
      ...base,
      coordinates_lat: attachment.coordinatesLat ?? null,
      coordinates_long: attachment.coordinatesLong ?? null,
      fallback_title: attachment.fallbackTitle ?? null,
      data_url: attachment.externalUrl ?? null,
    };
  }
  if (attachment.fileType === 'fallback') return { ...base, fallback_title: attachment.fallbackTitle ?? null, data_url: attachment.externalUrl ?? null };
  const file = {
    ...base,
    extension: null,
    data_url: blobUrl('blobs', attachment),
    thumb_url: attachment.fileType === 'image' ? blobUrl('representations', attachment) : '',
    file_size: attachment.fileSize,
    width: attachment.width,
    height: attachment.height,
  };
  return attachment.fileType === 'audio' ? { ...file, transcribed_text: '' } : file;
}

function attachmentsJson(message: Message): Record<string, unknown>[] | undefined {
  const list = message.attachments ?? [];
  return list.length > 0 ? list.map((a) => attachmentJson(message, a)) : undefined;
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
export function messagePushData(world: World, conversation: Conversation, message: Message, echoId?: string): Record<string, unknown> {
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
    status: message.status ?? 'sent',
    source_id: message.sourceId ?? null,
    content_type: message.contentType ?? 'text',
    content_attributes: message.contentAttributes ?? {},
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
    echo_id: echoId,
    attachments: attachmentsJson(message),
    sender: senderPushData(world, message),
  };
}

/**
 * `_message.json.jbuilder` (LIVE §3.2): `echo_id` only when given (create response),
 * `sender` only when there is one, `attachments` only when non-empty.
 */
export function messageJson(world: World, conversation: Conversation, message: Message, echoId?: string): Record<string, unknown> {
  return {
    id: message.id,
    content: message.content,
    inbox_id: message.inboxId,
    echo_id: echoId,
    conversation_id: conversation.displayId,
    message_type: message.messageType,
    content_type: message.contentType ?? 'text',
    status: message.status ?? 'sent',
    content_attributes: message.contentAttributes ?? {},
    created_at: Math.trunc(message.createdAt),
    private: message.private,
    source_id: message.sourceId ?? null,
    sender: senderPushData(world, message),
    attachments: attachmentsJson(message),
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
    content_type: message.contentType ?? 'text',
    status: message.status ?? 'sent',
    content_attributes: message.contentAttributes ?? {},
    created_at: Math.trunc(message.createdAt),
    private: message.private,
    source_id: message.sourceId ?? null,
    sender: senderPushData(world, message),
  };
}
