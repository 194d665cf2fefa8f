/**
 * Ready-made extension → webview messages for live updates, so the panel only decides WHEN to send
 * and never builds HTML itself.
 */
import type { Conversation, ConversationMessage } from '../../api';
import * as l10n from '../../util/l10n';
import type { ExtensionToWebview } from '../protocol';
import { conversationTitle, renderHeader, type HeaderContext } from './header';
import { messageKind, renderMessage, renderMessageItems, type RenderContext } from './message';

export function headerUpdate(c: Conversation, ctx: HeaderContext, announce?: string): ExtensionToWebview {
  return { type: 'updateHeader', html: renderHeader(c, ctx), title: conversationTitle(c), announce };
}

/** "New message from Alice", "2 new messages", "New private note from Bob"; activity lines are announced as their text. */
export function announcement(messages: readonly ConversationMessage[]): string | undefined {
  if (messages.length === 0) return undefined;
  // Always more than one here, so the plural sentence (English, Portuguese and Spanish: "other").
  if (messages.length > 1) return l10n.t('{0} new messages', messages.length);
  const m = messages[0];
  const kind = messageKind(m);
  if (kind === 'activity') return (m.content ?? '').replace(/\s+/g, ' ').trim() || undefined;
  const who = m.sender?.available_name || m.sender?.name;
  if (kind === 'note') return who ? l10n.t('New private note from {0}', who) : l10n.t('New private note');
  return who ? l10n.t('New message from {0}', who) : l10n.t('New message');
}

export function messagesUpdate(messages: readonly ConversationMessage[], position: 'newer' | 'older', ctx: RenderContext): ExtensionToWebview {
  return { type: 'appendMessages', position, messages: renderMessageItems(messages, ctx), announce: position === 'newer' ? announcement(messages) : undefined };
}

export function messageReplacement(m: ConversationMessage, ctx: RenderContext): ExtensionToWebview {
  return { type: 'replaceMessage', message: { id: m.id, html: renderMessage(m, ctx) } };
}
