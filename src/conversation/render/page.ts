/**
 * The whole conversation page: one HTML document with a strict Content Security Policy. Nothing runs
 * or styles without the per-render nonce, nothing remote loads except https/data images (none are
 * emitted today; the allowance is for future avatars), no frames, forms, plugins or base URL (`frame-ancestors` is not used: a `<meta>` policy ignores it).
 * Landmarks: the header (banner) with the actions, `main` with the message list, a polite live
 * region for announcements and a status line for notices.
 */
import { randomBytes } from 'node:crypto';
import type { Conversation, ConversationMessage } from '../../api';
import * as l10n from '../../util/l10n';
import { escapeHtml, type Html } from './escape';
import { safeLocale } from './format';
import { conversationTitle, renderHeader, type HeaderContext } from './header';
import { renderMessage, sortOldestFirst, type RenderContext } from './message';
import { pageScript } from './script';
import { PAGE_CSS } from './styles';

export interface PageInput extends RenderContext, HeaderContext {
  conversation: Conversation;
  /** Any order; shown oldest first. */
  messages: readonly ConversationMessage[];
  /** Whether "Load older messages" is offered. */
  hasOlder: boolean;
  /** Fresh for every render (`makeNonce`). */
  nonce: string;
}

/** 128 random bits, base64 (a valid CSP nonce). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy, exactly. `style-src` has no 'unsafe-inline': `style` attributes are refused too. */
export function contentSecurityPolicy(nonce: string): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) throw new RangeError('The CSP nonce must be at least 16 base64 characters');
  return [`default-src 'none'`, `img-src https: data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}

export function renderConversationPage(input: PageInput): Html {
  const csp = contentSecurityPolicy(input.nonce);
  const nonce = escapeHtml(input.nonce);
  const messages = sortOldestFirst(input.messages)
    .map((m) => renderMessage(m, input))
    .join('');
  const title = conversationTitle(input.conversation);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(safeLocale(input.locale))}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${PAGE_CSS}</style>
</head>
<body>
<header id="conversation-header" class="conv-header" aria-labelledby="conversation-title">${renderHeader(input.conversation, input)}</header>
<main id="conversation-main" aria-labelledby="messages-heading">
<h2 id="messages-heading" class="visually-hidden">${escapeHtml(l10n.t('Messages, oldest first'))}</h2>
<div class="older"><button type="button" id="load-older" data-action="loadOlder" aria-label="${escapeHtml(l10n.t('Load older messages'))}"${input.hasOlder ? '' : ' hidden'}>${escapeHtml(l10n.t('Load older messages'))}</button> <span id="older-status" role="status"></span></div>
<ol id="messages" class="messages" aria-labelledby="messages-heading">${messages}</ol>
<p id="empty" class="empty"${input.messages.length ? ' hidden' : ''}>${escapeHtml(l10n.t('No messages yet.'))}</p>
<p id="notice" class="notice" aria-live="polite"></p>
</main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
<script nonce="${nonce}">${pageScript()}</script>
</body>
</html>`;
}
