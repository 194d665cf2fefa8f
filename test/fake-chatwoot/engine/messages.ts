// Creating a message through the API (API-FACTS-LIVE §4, message.rb:310-421): validations,
// the conversation columns a message moves, and the after-commit events (`message.created`,
// plus `first.reply.created` / `conversation.updated` for a first public reply), queued as
// one job like the conversation after-save work so `deferred` mode keeps the real order.
// Mentioned users become participants; notifications and conversation.mentioned are not
// created here (see README "Messages and notes").

import type { Caller, Conversation, Message, MessageType, SenderRef } from '../model/types';
import { botPushData, userPushData } from '../serializers/agent';
import { conversationPushData } from '../serializers/conversation';
import { messagePushData } from '../serializers/message';
import type { World } from '../world';
import { addParticipant } from './after-save';
import { saveConversation } from './save';

/** message.rb:79 */
export const MAX_CONTENT_LENGTH = 150_000;
/** CONVERSATION_MESSAGE_PER_MINUTE_LIMIT default (lib/limits.rb:14-16). */
export const MESSAGES_PER_MINUTE = 200;

export interface NewMessage {
  content: string;
  private: boolean;
  messageType: MessageType;
  contentType: string;
  contentAttributes?: Record<string, unknown>;
  sender: SenderRef | null;
  echoId?: string;
}

/** `performer` of events raised inside an API request (LIVE §1.6): the caller's push data. */
function performerOf(world: World, accountId: number, caller: Caller): Record<string, unknown> | undefined {
  if (caller.kind === 'user') return userPushData(world, accountId, caller.user);
  if (caller.kind === 'bot') return botPushData(caller.bot);
  return undefined;
}

/**
 * Appends the message and applies its side effects; returns the message, or the text of
 * the 422 error (`Validation failed: …`) when a model validation fails.
 */
export function createMessage(world: World, conversation: Conversation, input: NewMessage, caller: Caller): Message | string {
  const now = world.clock.now();
  if (input.content.length > MAX_CONTENT_LENGTH) return `Validation failed: Content is too long (maximum is ${MAX_CONTENT_LENGTH} characters)`;
  const recent = conversation.messages.filter((m) => m.createdAt >= now - 60).length;
  if (recent >= MESSAGES_PER_MINUTE) return 'Validation failed: Too many messages';

  const message = world.store.addMessage(conversation, {
    accountId: conversation.accountId,
    inboxId: conversation.inboxId,
    conversationDbId: conversation.dbId,
    messageType: input.messageType,
    content: input.content,
    private: input.private,
    sender: input.sender,
    createdAt: now,
    updatedAt: now,
    contentType: input.contentType,
    contentAttributes: input.contentAttributes ?? {},
    status: 'sent',
    sourceId: null,
  });
  // set_conversation_activity: last_activity_at = created_at; the touch moves updated_at. No event.
  conversation.lastActivityAt = now;
  conversation.updatedAt = now;

  const humanReply = input.messageType === 1 && !input.private && input.sender?.type === 'User';
  let conversationChanged = false;
  let firstReply = false;
  if (humanReply) {
    // Only a public human reply counts as first reply and clears waiting_since (:210-219, :324-341).
    if (conversation.firstReplyCreatedAt === null) {
      conversation.firstReplyCreatedAt = now;
      firstReply = true;
      conversationChanged = true;
    }
    if (conversation.waitingSince !== null) {
      conversation.waitingSince = null;
      conversationChanged = true;
    }
  } else if (input.messageType === 0 && conversation.waitingSince === null) {
    conversation.waitingSince = now;
    conversationChanged = true;
  }

  // Mentions in a note add the mentioned users as participants (notifications: not here).
  if (input.private) for (const id of mentionedUserIds(world, conversation, input.content)) addParticipant(conversation, id);

  const performer = performerOf(world, conversation.accountId, caller);
  const accountId = conversation.accountId;
  world.jobs.enqueue(`message ${accountId}/${conversation.displayId}#${message.id} after_create`, () => {
    const data = { ...messagePushData(world, conversation, message, input.echoId), account_id: accountId, performer };
    world.events.record({ event: 'message.created', account_id: accountId, data });
    if (firstReply) {
      world.events.record({ event: 'first.reply.created', account_id: accountId, data: { ...messagePushData(world, conversation, message), account_id: accountId, performer } });
    }
    if (conversationChanged) world.events.record({ event: 'conversation.updated', account_id: accountId, data: conversationPushData(world, conversation) });
  });

  // Only an incoming message reopens a resolved or snoozed conversation (:384-391).
  const contact = world.store.contacts.get(conversation.contactId);
  if (input.messageType === 0 && (conversation.status === 'resolved' || conversation.status === 'snoozed') && !contact?.blocked) {
    saveConversation(world, conversation, { status: 'open' }, null);
  }
  return message;
}

/**
 * Users a note mentions (`[@Name](mention://user/<id>/<name>)`, or every member of a
 * `mention://team/<id>/…`) who are administrators or members of the conversation's inbox
 * (mention_service.rb:4-68). Exported for the notification side (not applied here).
 */
export function mentionedUserIds(world: World, conversation: Conversation, content: string): number[] {
  const { store } = world;
  const ids = new Set<number>();
  for (const match of content.matchAll(/\(mention:\/\/(user|team)\/(\d+)\/[^)]*\)/g)) {
    const id = Number.parseInt(match[2], 10);
    if (match[1] === 'user') ids.add(id);
    else for (const member of store.teamInAccount(conversation.accountId, id)?.memberIds ?? []) ids.add(member);
  }
  const inbox = store.inboxes.get(conversation.inboxId);
  return [...ids].filter((id) => {
    const member = store.membership(conversation.accountId, id);
    return member !== undefined && (member.role === 'administrator' || (inbox?.memberSet.has(id) ?? false));
  });
}
