/**
 * The conversation tab's header: title, the facts (contact, inbox, status, assignee, team, labels)
 * and the action buttons. Rendered whole on every live update (it is small) and swapped in place by
 * the page script, which keeps the focused button focused.
 */
import type { Conversation } from '../../api';
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
  const labels = c.labels?.length ? `<ul class="labels">${c.labels.map((l) => `<li class="label">${escapeHtml(l)}</li>`).join('')}</ul>` : '<span class="none">None</span>';
  const contact = c.meta.sender;
  const contactExtra = [contact.email, contact.phone_number].filter((x): x is string => Boolean(x) && x !== contactName(c));
  const status = escapeHtml(statusText(c));
  const number = `#${c.id}`;
  return (
    `<h1 id="conversation-title"><span class="number">${escapeHtml(number)}</span> ${escapeHtml(contactName(c))}</h1>` +
    `<dl class="facts">` +
    fact('Contact', `${escapeHtml(contactName(c))}${contactExtra.length ? ` <span class="muted">${escapeHtml(contactExtra.join(' · '))}</span>` : ''}`) +
    fact('Inbox', escapeHtml(ctx.inboxName ?? `Inbox ${c.inbox_id}`)) +
    fact('Status', `<span class="status status-${escapeHtml(c.status.replace(/[^a-z]/gi, ''))}">${status}</span>`) +
    fact('Assignee', escapeHtml(assigneeText(c))) +
    fact('Team', c.meta.team ? escapeHtml(c.meta.team.name) : '<span class="none">None</span>') +
    fact('Labels', labels) +
    `</dl>` +
    `<div class="actions" role="group" aria-label="${escapeHtml(`Actions for conversation ${number}`)}">` +
    button('assign', 'Assign…', `Assign conversation ${number} to an agent or team`) +
    button('assignToMe', 'Assign to Me', `Assign conversation ${number} to me`, mine) +
    button('unassign', 'Unassign', `Unassign conversation ${number}`, !assigned) +
    button('addNote', 'Add Note…', `Add a private note to conversation ${number}`) +
    button('openInChatwoot', 'Open in Chatwoot', `Open conversation ${number} in Chatwoot`) +
    `</div>`
  );
}
