// Who receives an event (API-FACTS-LIVE §1.5): the ActionCable stream names an event is
// broadcast to, derived from the event name and its data, so every record of the EventLog
// (ours or another route's) reaches the same recipients as on a real server.

import type { EventRecord } from '../events';
import { isRecord } from '../params';
import type { Store } from '../store';

/** Events for "agents of the inbox + contact" (the contact's ContactInbox token). */
const WITH_CONTACT = new Set(['conversation.created', 'conversation.updated', 'conversation.status_changed']);
/** Events for "agents of the inbox" only. */
const AGENTS_ONLY = new Set(['assignee.changed', 'team.changed', 'conversation.read', 'conversation.contact_changed', 'first.reply.created']);
/** Message events: + contact unless private or activity. */
const MESSAGE_EVENTS = new Set(['message.created', 'message.updated']);

/**
 * `user_tokens(account, inbox.members)`: pubsub tokens of the inbox's members plus every
 * administrator of the account, de-duplicated (team membership adds nobody).
 */
export function inboxAgentStreams(store: Store, accountId: number, inboxId: number): string[] {
  const tokens = new Set<string>();
  const inbox = store.inboxes.get(inboxId);
  if (inbox) {
    for (const userId of inbox.memberIds) {
      const user = store.users.get(userId);
      if (user) tokens.add(user.pubsubToken);
    }
  }
  for (const member of store.accountMembers(accountId)) {
    if (member.role !== 'administrator') continue;
    const user = store.users.get(member.userId);
    if (user) tokens.add(user.pubsubToken);
  }
  return [...tokens];
}

/** Every agent and administrator of the account (account.cache_invalidated). */
export function accountUserStreams(store: Store, accountId: number): string[] {
  const tokens: string[] = [];
  for (const member of store.accountMembers(accountId)) {
    const user = store.users.get(member.userId);
    if (user) tokens.push(user.pubsubToken);
  }
  return tokens;
}

export function userStream(store: Store, userId: number): string[] {
  const user = store.users.get(userId);
  return user ? [user.pubsubToken] : [];
}

/** The streams a record goes to: its explicit `streams`, else the §1.5 rule for its name. */
export function streamsFor(store: Store, entry: EventRecord): string[] {
  if (entry.streams) return entry.streams;
  const data = isRecord(entry.data) ? entry.data : {};
  const accountId = entry.account_id;
  const inboxId = typeof data.inbox_id === 'number' ? data.inbox_id : null;
  if (WITH_CONTACT.has(entry.event) || AGENTS_ONLY.has(entry.event)) {
    if (inboxId === null) return [];
    const streams = inboxAgentStreams(store, accountId, inboxId);
    const contactToken = isRecord(data.contact_inbox) ? data.contact_inbox.pubsub_token : undefined;
    if (WITH_CONTACT.has(entry.event) && typeof contactToken === 'string') streams.push(contactToken);
    return streams;
  }
  if (MESSAGE_EVENTS.has(entry.event)) {
    if (inboxId === null) return [];
    const streams = inboxAgentStreams(store, accountId, inboxId);
    if (data.private !== true && data.message_type !== 2 && typeof data.conversation_id === 'number') {
      const conversation = store.conversationByDisplay(accountId, data.conversation_id);
      const row = conversation ? store.contactInboxes.get(conversation.contactInboxId) : undefined;
      if (row) streams.push(row.pubsubToken);
    }
    return streams;
  }
  if (entry.event.startsWith('contact.')) return [`account_${accountId}`];
  if (entry.event === 'account.cache_invalidated') return accountUserStreams(store, accountId);
  // Webhook-style records (conversation_updated) and anything unknown go nowhere.
  return [];
}
