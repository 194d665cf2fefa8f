// Optional "Scale Test" account (id 4) for benchmarks; not part of the spec's seed.
// Everything is derived from the two sizes so runs are reproducible, and generation
// is a single linear pass (10,000 conversations / 500 agents take a few ms).

import type { Availability, ConversationStatus, Priority } from '../model/types';
import type { Store } from '../store';
import { T0 } from '../util/time';
import { makeInbox, makeTeam, pubsubToken } from './base';
import { buildConversation, contact } from './conversations';

export interface LargeOptions {
  conversations: number;
  agents: number;
}

export const SCALE_ACCOUNT_ID = 4;
export const SCALE_FIRST_AGENT_ID = 1001;
export const LARGE_LIMITS = Object.freeze({ conversations: 200_000, agents: 50_000 });

const FIRST_INBOX_ID = 6;
const FIRST_TEAM_ID = 6;
const FIRST_LABEL_ID = 3;
const FIRST_CONTACT_ID = 27;
const FIRST_DB_ID = 69;
const CONTACTS = 100;

/** Deterministic 24-character token of scale agent number `n` (1-based). */
export function scaleAgentToken(n: number): string {
  return `scaleAgent${String(n).padStart(6, '0')}Tkn`.padEnd(24, '0');
}

export function scaleAgentName(n: number): string {
  return `Agent ${String(n).padStart(4, '0')}`;
}

export function validateLarge(value: unknown): LargeOptions | string {
  if (typeof value !== 'object' || value === null) return 'large must be an object {conversations, agents}';
  const { conversations, agents } = value as Record<string, unknown>;
  if (!isCount(conversations, LARGE_LIMITS.conversations)) return `large.conversations must be an integer 0..${LARGE_LIMITS.conversations}`;
  if (!isCount(agents, LARGE_LIMITS.agents)) return `large.agents must be an integer 0..${LARGE_LIMITS.agents}`;
  return { conversations, agents };
}

function isCount(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

export function seedLarge(store: Store, options: LargeOptions): void {
  const accountId = SCALE_ACCOUNT_ID;
  store.addAccount({ id: accountId, name: 'Scale Test', locale: 'en', status: 'active', domain: 'scale.test', supportEmail: 'support@scale.test', createdAt: T0 - 90 * 86400 });
  // Alice administers it, with active_at null so her profile keeps account 1 on top.
  store.addMembership({ accountId, userId: 1, role: 'administrator', availability: 'online', autoOffline: false, activeAt: null });

  const inboxMembers: number[][] = [[], [], []];
  const teamMembers: number[][] = [[], [], [], []];
  const availability: Availability[] = ['online', 'online', 'busy', 'online', 'offline'];
  for (let n = 1; n <= options.agents; n += 1) {
    const id = SCALE_FIRST_AGENT_ID + n - 1;
    const email = `agent${String(n).padStart(4, '0')}@scale.test`;
    store.addUser({ id, name: scaleAgentName(n), displayName: null, email, pubsubToken: pubsubToken(id), customAttributes: {} }, scaleAgentToken(n));
    store.addMembership({ accountId, userId: id, role: 'agent', availability: availability[n % 5], autoOffline: false, activeAt: T0 - 86400 });
    inboxMembers[(n - 1) % 3].push(id);
    if (n % 4 === 0) inboxMembers[n % 3].push(id);
    teamMembers[(n - 1) % 4].push(id);
  }
  const channels = [
    ['Scale Chat', 'Channel::WebWidget'],
    ['Scale Email', 'Channel::Email'],
    ['Scale API', 'Channel::Api'],
  ] as const;
  channels.forEach(([name, type], i) => {
    store.addInbox(makeInbox(FIRST_INBOX_ID + i, accountId, name, type, 10 + i, inboxMembers[i], i !== 2));
  });
  for (let i = 0; i < 4; i += 1) {
    store.addTeam(makeTeam(FIRST_TEAM_ID + i, accountId, `scale team ${i + 1}`, `Generated team ${i + 1}`, i < 2, teamMembers[i], T0 - 30 * 86400));
  }
  store.addLabel({ id: FIRST_LABEL_ID, accountId, title: 'vip', description: 'Key customers', color: '#FFD700', showOnSidebar: true });
  store.addLabel({ id: FIRST_LABEL_ID + 1, accountId, title: 'billing', description: 'Billing questions', color: '#1F93FF', showOnSidebar: true });
  for (let i = 1; i <= CONTACTS; i += 1) {
    const nnn = String(i).padStart(3, '0');
    store.addContact(contact(FIRST_CONTACT_ID + i - 1, accountId, `Scale Customer ${nnn}`, `scale${nnn}@example.com`, false, T0 - 120 * 86400));
  }
  generateConversations(store, options.conversations, inboxMembers);
}

function generateConversations(store: Store, count: number, inboxMembers: number[][]): void {
  const statuses: ConversationStatus[] = ['open', 'open', 'open', 'open', 'open', 'open', 'open', 'snoozed', 'pending', 'resolved'];
  for (let n = 1; n <= count; n += 1) {
    const inboxIndex = (n - 1) % 3;
    const members = inboxMembers[inboxIndex];
    const status = statuses[n % 10];
    const assigneeId = n % 4 === 0 || members.length === 0 ? null : members[(n * 7) % members.length];
    const labels = n % 5 === 0 ? ['vip'] : n % 7 === 0 ? ['billing'] : [];
    const priority: Priority | null = n % 8 === 0 ? 'high' : n % 8 === 3 ? 'low' : null;
    const createdAt = T0 - 30 * 86400 + n * 10;
    buildConversation(store, {
      dbId: FIRST_DB_ID + n - 1,
      accountId: SCALE_ACCOUNT_ID,
      displayId: n,
      inboxId: FIRST_INBOX_ID + inboxIndex,
      contactId: FIRST_CONTACT_ID + ((n - 1) % CONTACTS),
      status,
      assigneeId,
      botId: null,
      teamId: n % 3 === 0 ? null : FIRST_TEAM_ID + (n % 4),
      labels,
      priority,
      snoozedUntil: status === 'snoozed' ? T0 + 2 * 86400 : null,
      createdAt,
      lastActivityAt: createdAt + 600 + ((n * 7919) % 86400),
      orderNumber: n,
    });
  }
}
