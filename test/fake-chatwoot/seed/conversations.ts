// Seed contacts, conversations and messages: the deterministic rules of
// FAKE-SERVER-SPEC §4.3–§4.4 (mirrored by seed_expectations.py). Also used by the
// large-account generator, which feeds its own per-conversation facts to buildConversation.

import type { Contact, Conversation, ConversationStatus, Priority } from '../model/types';
import type { Store } from '../store';
import { T0, seconds } from '../util/time';

export interface ConversationFacts {
  dbId: number;
  accountId: number;
  displayId: number;
  inboxId: number;
  contactId: number;
  status: ConversationStatus;
  assigneeId: number | null;
  botId: number | null;
  teamId: number | null;
  labels: string[];
  priority: Priority | null;
  snoozedUntil: number | null;
  createdAt: number;
  lastActivityAt: number;
  /** `n` in "Hi, I need help with order #<1000+n>". */
  orderNumber: number;
}

const SNOOZED_UNTIL = seconds('2026-01-03T00:00:00.000Z');
const ACME_ASSIGNEE_BY_MOD7: ReadonlyArray<number | null> = [null, 2, 3, null, 1, 5, 4];
const BETA_ASSIGNEE: ReadonlyArray<number | null> = [1, 8, null, 8, null, 1, 8, null];

export function seedContacts(store: Store): void {
  const createdAt = T0 - 172800;
  for (let i = 1; i <= 20; i += 1) {
    const nn = String(i).padStart(2, '0');
    store.addContact(contact(i, 1, `Customer ${nn}`, `customer${nn}@example.com`, i === 20, createdAt));
  }
  for (let i = 1; i <= 6; i += 1) {
    store.addContact(contact(20 + i, 2, `Beta Customer ${i}`, `betacustomer${i}@example.com`, false, createdAt));
  }
}

export function contact(id: number, accountId: number, name: string, email: string, blocked: boolean, createdAt: number): Contact {
  return { id, accountId, name, email, phoneNumber: null, identifier: null, blocked, createdAt, lastActivityAt: null };
}

/** Account 1, display ids 1…60 (db ids 1…60), §4.4. */
export function acmeFacts(n: number): ConversationFacts {
  const mod10 = n % 10;
  const status: ConversationStatus = mod10 === 0 ? 'resolved' : mod10 === 9 ? 'pending' : mod10 === 8 ? 'snoozed' : 'open';
  const bot = n === 33 || n === 57 ? 1 : null;
  let teamId: number | null = n % 4 === 0 ? 1 : n % 4 === 2 ? 2 : null;
  if (n === 7 || n === 19 || n === 31) teamId = 3;
  const labels: string[] = [];
  if (n % 7 === 0) labels.push('billing');
  if (n % 5 === 0) labels.push('vip');
  const priority: Priority | null = n === 42 ? 'urgent' : n % 8 === 0 ? 'high' : n % 8 === 3 ? 'low' : null;
  return {
    dbId: n,
    accountId: 1,
    displayId: n,
    inboxId: [1, 2, 3][(n - 1) % 3],
    contactId: ((n - 1) % 20) + 1,
    status,
    assigneeId: bot ? null : ACME_ASSIGNEE_BY_MOD7[n % 7],
    botId: bot,
    teamId,
    labels,
    priority,
    snoozedUntil: status === 'snoozed' ? SNOOZED_UNTIL : null,
    createdAt: T0 - 86400 + 60 * n,
    lastActivityAt: T0 + 300 * ((37 * n) % 60),
    orderNumber: n,
  };
}

/** Account 2, display ids 1…8 (db ids 61…68), §4.4. */
export function betaFacts(n: number): ConversationFacts {
  return {
    dbId: 60 + n,
    accountId: 2,
    displayId: n,
    inboxId: n % 2 === 1 ? 4 : 5,
    contactId: 21 + ((n - 1) % 6),
    status: n === 8 ? 'resolved' : 'open',
    assigneeId: BETA_ASSIGNEE[n - 1],
    botId: null,
    teamId: n === 2 ? 4 : n === 6 ? 5 : null,
    labels: [],
    priority: null,
    snoozedUntil: null,
    createdAt: T0 + 60 * n,
    lastActivityAt: T0 + 7200 + 900 * n,
    orderNumber: n,
  };
}

/**
 * Creates the conversation and its two messages (ids follow the store's sequence, which
 * yields 2·db_id−1 and 2·db_id for the seed): an incoming one at created_at+10 and, at
 * last_activity_at, an outgoing reply from the human assignee or a second incoming one.
 */
export function buildConversation(store: Store, f: ConversationFacts): Conversation {
  const inbox = store.inboxes.get(f.inboxId);
  const customer = store.contacts.get(f.contactId);
  if (!inbox || !customer) throw new Error(`seed: missing inbox/contact for conversation ${f.dbId}`);
  const contactInbox = store.contactInboxFor(customer, inbox, f.createdAt);
  const replied = f.assigneeId !== null;
  const conversation: Conversation = {
    dbId: f.dbId,
    accountId: f.accountId,
    displayId: f.displayId,
    uuid: `00000000-0000-4000-8000-${String(f.dbId).padStart(12, '0')}`,
    inboxId: f.inboxId,
    contactId: f.contactId,
    contactInboxId: contactInbox.id,
    status: f.status,
    assigneeId: f.assigneeId,
    assigneeAgentBotId: f.botId,
    teamId: f.teamId,
    labels: f.labels,
    priority: f.priority,
    snoozedUntil: f.snoozedUntil,
    createdAt: f.createdAt,
    updatedAt: f.lastActivityAt + 0.25,
    lastActivityAt: f.lastActivityAt,
    agentLastSeenAt: f.displayId % 2 === 0 ? f.lastActivityAt : f.createdAt + 5,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    firstReplyCreatedAt: replied ? f.lastActivityAt : null,
    waitingSince: replied ? null : f.createdAt + 10,
    messages: [],
  };
  store.addConversation(conversation);
  const base = { accountId: f.accountId, inboxId: f.inboxId, conversationDbId: f.dbId, private: false };
  const firstAt = f.createdAt + 10;
  store.addMessage(conversation, {
    ...base,
    messageType: 0,
    content: `Hi, I need help with order #${1000 + f.orderNumber}`,
    sender: { type: 'Contact', id: f.contactId },
    createdAt: firstAt,
    updatedAt: firstAt,
  });
  if (replied && f.assigneeId !== null) {
    store.addMessage(conversation, {
      ...base,
      messageType: 1,
      content: 'Thanks, looking into it.',
      sender: { type: 'User', id: f.assigneeId },
      createdAt: f.lastActivityAt,
      updatedAt: f.lastActivityAt,
    });
  } else {
    store.addMessage(conversation, {
      ...base,
      messageType: 0,
      content: 'Any update?',
      sender: { type: 'Contact', id: f.contactId },
      createdAt: f.lastActivityAt,
      updatedAt: f.lastActivityAt,
    });
  }
  // Contact last_activity_at = latest incoming message time of its conversations (§4.3).
  const latestIncoming = replied ? firstAt : f.lastActivityAt;
  if (customer.lastActivityAt === null || latestIncoming > customer.lastActivityAt) customer.lastActivityAt = latestIncoming;
  return conversation;
}

export function seedConversations(store: Store): void {
  for (let n = 1; n <= 60; n += 1) buildConversation(store, acmeFacts(n));
  for (let n = 1; n <= 8; n += 1) buildConversation(store, betaFacts(n));
}
