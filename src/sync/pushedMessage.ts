/**
 * A pushed message (`message.created` / `message.updated`) in the shape the conversation tab shows.
 * The push carries less than `GET …/messages` (no attachments in the fields we validate): the tab
 * shows the text at once; reopening it reads the full message.
 */
import type { ConversationMessage, PushMessage } from '../api';

export function conversationMessageFromPush(push: PushMessage): ConversationMessage {
  const sender = push.sender && push.sender.id !== undefined ? { id: push.sender.id, name: push.sender.name ?? null, type: push.sender.type } : undefined;
  return {
    id: push.id,
    content: push.content ?? null,
    conversation_id: push.conversation_id,
    inbox_id: push.inbox_id,
    message_type: push.message_type,
    content_type: push.content_type ?? null,
    status: push.status ?? null,
    created_at: push.created_at,
    private: push.private ?? false,
    ...(sender ? { sender } : {}),
  };
}
