/**
 * The conversation tab's header: title, the facts (contact, inbox, status, assignee, team, labels)
 * and the action buttons. Rendered whole on every live update (it is small) and swapped in place by
 * the page script, which keeps the focused button focused.
 */
import type { Conversation } from '../../api';
import * as l10n from '../../util/l10n';
import { assigneeText, contactName, conversationLabel, humanAssignee, statusText } from '../../util/present';
import type { WebviewAction } from '../protocol';
import { escapeHtml, type Html } from './escape';

export interface HeaderContext {
  /** The inbox's name (the conversation only carries its id). */
  inboxName?: string;
  /** The signed-in user's id: "Assign to Me" is disabled when it is already theirs. */
  viewerId?: number;
}

/** The page (and tab) title. */
export function conversationTitle(c: Conversation): string {
  return conversationLabel(c);
}

function fact(term: string, value: Html): Html {
  return `<div class="fact"><dt>${escapeHtml(term)}</dt><dd>${value}</dd></div>`;
}

function button(action: WebviewAction, text: string, label: string, disabled = false): Html {
  return `<button type="button" data-action="${action}" aria-label="${escapeHtml(label)}"${disabled ? ' disabled' : ''}>${escapeHtml(text)}</button>`;
}

/** Inner HTML of `<header id="conversation-header">`. */
export function renderHeader(c: Conversation, ctx: HeaderContext = {}): Html {
  const human = humanAssignee(c);
  const assigned = c.meta.assignee !== undefined && c.meta.assignee !== null;
  const mine = ctx.viewerId !== undefined && human?.id === ctx.viewerId;
  const none = `<span class="none">${escapeHtml(l10n.t('None'))}</span>`;
  const labels = c.labels?.length ? `<ul class="labels">${c.labels.map((l) => `<li class="label">${escapeHtml(l)}</li>`).join('')}</ul>` : none;
  const contact = c.meta.sender;
  const contactExtra = [contact.email, contact.phone_number].filter((x): x is string => Boolean(x) && x !== contactName(c));
  const status = escapeHtml(statusText(c));
  const number = `#${c.id}`;
  return (
    `<h1 id="conversation-title"><span class="number">${escapeHtml(number)}</span> ${escapeHtml(contactName(c))}</h1>` +
    `<dl class="facts">` +
    fact(l10n.t('Contact'), `${escapeHtml(contactName(c))}${contactExtra.length ? ` <span class="muted">${escapeHtml(contactExtra.join(' · '))}</span>` : ''}`) +
    fact(l10n.t('Inbox'), escapeHtml(ctx.inboxName ?? l10n.t('Inbox {0}', c.inbox_id))) +
    fact(l10n.t('Status'), `<span class="status status-${escapeHtml(c.status.replace(/[^a-z]/gi, ''))}">${status}</span>`) +
    fact(l10n.t('Assignee'), escapeHtml(assigneeText(c))) +
    fact(l10n.t('Team'), c.meta.team ? escapeHtml(c.meta.team.name) : none) +
    fact(l10n.t('Labels'), labels) +
    `</dl>` +
    `<div class="actions" role="group" aria-label="${escapeHtml(l10n.t('Actions for conversation {0}', number))}">` +
    button('assign', l10n.t('Assign…'), l10n.t('Assign conversation {0} to an agent or team', number)) +
    button('assignToMe', l10n.t('Assign to Me'), l10n.t('Assign conversation {0} to me', number), mine) +
    button('unassign', l10n.t('Unassign'), l10n.t('Unassign conversation {0}', number), !assigned) +
    button('addNote', l10n.t('Add Note…'), l10n.t('Add a private note to conversation {0}', number)) +
    button('openInChatwoot', l10n.t('Open in Chatwoot'), l10n.t('Open conversation {0} in Chatwoot', number)) +
    `</div>`
  );
}
