// Authorization policies (§5). Denials are 401 "You are not authorized to do this
// action" — Chatwoot never answers 403 on these routes.

import type { AccountUser, Caller, Conversation, Inbox } from './model/types';
import { Errors } from './reply';
import type { Store } from './store';

export function isAdministrator(member: AccountUser | null): boolean {
  return member !== null && member.role === 'administrator';
}

/**
 * ConversationPolicy#show? (show, assignments, toggle_status): administrators and
 * account-linked bots always; agents via inbox membership or team membership.
 */
export function authorizeConversation(store: Store, caller: Caller, member: AccountUser | null, conversation: Conversation): void {
  if (caller.kind === 'bot') return;
  // A platform-app token has no user for Pundit: the real server crashes here (§3 step 2).
  if (caller.kind === 'platform') throw Errors.internal();
  if (isAdministrator(member)) return;
  const userId = caller.user.id;
  const inbox = store.inboxes.get(conversation.inboxId);
  if (inbox && inbox.memberSet.has(userId)) return;
  const team = conversation.teamId === null ? undefined : store.teams.get(conversation.teamId);
  if (team && team.memberSet.has(userId)) return;
  throw Errors.notAuthorized();
}

/** InboxPolicy#show?: administrators see every inbox of the account, agents member inboxes. */
export function canAccessInbox(member: AccountUser | null, inbox: Inbox): boolean {
  if (!member || member.accountId !== inbox.accountId) return false;
  return member.role === 'administrator' || inbox.memberSet.has(member.userId);
}

export function authorizeInbox(member: AccountUser | null, inbox: Inbox): void {
  if (!canAccessInbox(member, inbox)) throw Errors.notAuthorized();
}

/** Inboxes whose conversations the caller may list (team membership adds none, §5). */
export function visibleInboxIds(store: Store, accountId: number, member: AccountUser | null): Set<number> {
  const ids = new Set<number>();
  for (const inbox of store.accountInboxes(accountId)) {
    if (canAccessInbox(member, inbox)) ids.add(inbox.id);
  }
  return ids;
}
