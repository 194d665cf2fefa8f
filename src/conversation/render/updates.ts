/**
 * Ready-made extension → webview messages for live updates, so the panel only decides WHEN to send
 * and never builds HTML itself.
 */
import type { Conversation, ConversationMessage } from '../../api';
import type { ExtensionToWebview } from '../protocol';
import { conversationTitle, renderHeader, type HeaderContext } from './header';
import { messageKind, renderMessage, renderMessageItems, type RenderContext } from './message';

export function headerUpdate(c: Conversation, ctx: HeaderContext, announce?: string): ExtensionToWebview {
  return { type: 'updateHeader', html: renderHeader(c, ctx), title: conversationTitle(c), announce };
}

/** "New message from Alice", "2 new messages", "New private note from Bob"; activity lines are announced as their text. */
export function announcement(messages: readonly ConversationMessage[]): string | undefined {
  if (messages.length === 0) return undefined;
  if (messages.length > 1) return `${messages.length} new messages`;
  const m = messages[0];
  const kind = messageKind(m);
  if (kind === 'activity') return (m.content ?? '').replace(/\s+/g, ' ').trim() || undefined;
  const who = m.sender?.available_name || m.sender?.name;
  const what = kind === 'note' ? 'New private note' : 'New message';
  return who ? `${what} from ${who}` : what;
}

export function messagesUpdate(messages: readonly ConversationMessage[], position: 'newer' | 'older', ctx: RenderContext): ExtensionToWebview {
  return { type: 'appendMessages', position, messages: renderMessageItems(messages, ctx), announce: position === 'newer' ? announcement(messages) : undefined };
}

export function messageReplacement(m: ConversationMessage, ctx: RenderContext): ExtensionToWebview {
  return { type: 'replaceMessage', message: { id: m.id, html: renderMessage(m, ctx) } };
}
