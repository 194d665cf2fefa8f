/**
 * One message of the conversation tab as an `<li>`: who wrote it and in which direction, a
 * "Private note" mark, the text (Markdown, or plain text for emails), attachments as links with name
 * and size, and the time. Activity messages ("Assigned to … by …") are one muted line.
 * Everything from the server is escaped; see markdown.ts for the content.
 */
import type { Attachment, ConversationMessage } from '../../api';
import type { RenderedMessage } from '../protocol';
import * as l10n from '../../util/l10n';
import { escapeHtml, type Html } from './escape';
import { humanSize, timeElement, type TimeContext } from './format';
import { safeLink } from './links';
import { linkTag, renderMarkdown, renderPlainText } from './markdown';

export type RenderContext = TimeContext;

export type MessageKind = 'incoming' | 'outgoing' | 'note' | 'activity';

/** message_type 0 incoming, 1 outgoing, 2 activity, 3 template (outgoing); `private` makes a note. */
export function messageKind(m: ConversationMessage): MessageKind {
  if (m.message_type === 2) return 'activity';
  if (m.private) return 'note';
  return m.message_type === 0 ? 'incoming' : 'outgoing';
}

export function messageDomId(id: number): string {
  return `message-${id}`;
}

/** The sender's role, translated when shown (one message per role). */
const SENDER_ROLE: Record<string, () => string> = {
  contact: () => l10n.t('Contact'),
  user: () => l10n.t('Agent'),
  agent_bot: () => l10n.t('Bot'),
  captain_assistant: () => l10n.t('Assistant'),
};

function senderName(m: ConversationMessage): string {
  const s = m.sender;
  const name = s?.available_name?.trim() || s?.name?.trim() || s?.email || s?.phone_number;
  if (name) return name;
  return m.message_type === 0 ? l10n.t('Contact') : l10n.t('Agent');
}

function isEmail(m: ConversationMessage): boolean {
  return m.content_type === 'incoming_email' || Boolean(m.content_attributes?.email);
}

function body(m: ConversationMessage): Html {
  const text = m.content ?? '';
  if (m.content_attributes?.deleted) return `<p class="deleted">${escapeHtml(text || l10n.t('This message was deleted'))}</p>`;
  if (text.trim() === '') return '';
  // Email HTML is never shown: its plain-text part (`content`) is, verbatim.
  return isEmail(m) ? renderPlainText(text) : renderMarkdown(text);
}

/** Last path segment of an http(s) file URL (Active Storage keeps the original name there), else a generic name. */
export function attachmentName(a: Attachment): string {
  const url = safeLink(a.data_url ?? a.external_url);
  try {
    const segment = url === undefined ? undefined : new URL(url).pathname.split('/').filter(Boolean).pop();
    if (segment) return decodeURIComponent(segment);
  } catch {
    // not a URL: fall through
  }
  if (a.fallback_title) return a.fallback_title;
  return `${a.file_type} ${a.id}${a.extension ? `.${a.extension.replace(/^\./, '')}` : ''}`;
}

function attachmentItem(a: Attachment, locale: string): Html {
  const name = escapeHtml(attachmentName(a));
  const size = humanSize(a.file_size, locale);
  const sizeHtml = size ? ` <span class="size">(${escapeHtml(size)})</span>` : '';
  const safe = safeLink(a.data_url ?? a.external_url);
  const label = a.file_type === 'file' ? '' : `<span class="kind">${escapeHtml(a.file_type)}:</span> `;
  return safe ? `<li>${label}${linkTag(safe, 'link attachment')}${name}</a>${sizeHtml}</li>` : `<li>${label}${name}${sizeHtml}</li>`;
}

export function renderMessage(m: ConversationMessage, ctx: RenderContext): Html {
  const kind = messageKind(m);
  const id = escapeHtml(m.id);
  const time = timeElement(m.created_at, ctx);
  if (kind === 'activity') {
    const text = escapeHtml((m.content ?? '').replace(/\s+/g, ' ').trim());
    return `<li class="message activity" id="${messageDomId(m.id)}" data-message-id="${id}"><p>${text}${time ? ` <span aria-hidden="true">·</span> ${time}` : ''}</p></li>`;
  }
  const name = senderName(m);
  const role = SENDER_ROLE[m.sender?.type ?? '']?.() ?? (kind === 'incoming' ? l10n.t('Contact') : l10n.t('Agent'));
  const note = kind === 'note' ? ` <span class="badge note-badge">${escapeHtml(l10n.t('Private note'))}</span>` : '';
  const subject = m.content_attributes?.email?.subject;
  const subjectHtml = subject ? `<p class="subject"><span class="visually-hidden">${escapeHtml(l10n.t('Subject:'))} </span>${escapeHtml(subject)}</p>` : '';
  const attachments = m.attachments?.length
    ? `<ul class="attachments" aria-label="${escapeHtml(l10n.t('Attachments'))}">${m.attachments.map((a) => attachmentItem(a, ctx.locale)).join('')}</ul>`
    : '';
  const failed = m.status === 'failed' ? ` <span class="badge failed-badge">${escapeHtml(l10n.t('Not delivered'))}</span>` : '';
  const label = kind === 'note' ? l10n.t('Private note by {0}', name) : kind === 'incoming' ? l10n.t('Message from {0}', name) : l10n.t('Message by {0}', name);
  return (
    `<li class="message ${kind}" id="${messageDomId(m.id)}" data-message-id="${id}">` +
    `<article aria-label="${escapeHtml(label)}">` +
    `<header class="message-meta"><span class="sender">${escapeHtml(name)}</span> <span class="role">${escapeHtml(role)}</span>${note}${failed} ${time}</header>` +
    `${subjectHtml}<div class="content">${body(m)}</div>${attachments}` +
    `</article></li>`
  );
}

/** For `appendMessages`: each message rendered, oldest first. */
export function renderMessageItems(messages: readonly ConversationMessage[], ctx: RenderContext): RenderedMessage[] {
  return sortOldestFirst(messages).map((m) => ({ id: m.id, html: renderMessage(m, ctx) }));
}

/** Oldest to newest: by time, then id (Chatwoot orders by `created_at`; ids break ties). */
export function sortOldestFirst<T extends { id: number; created_at: number }>(messages: readonly T[]): T[] {
  return [...messages].sort((a, b) => a.created_at - b.created_at || a.id - b.id);
}
