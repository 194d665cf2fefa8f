// Seed accounts, users, memberships, tokens, inboxes, teams, bots and labels.
// Values copied from FAKE-SERVER-SPEC §4.2–§4.3 (and /work/shared/chatwoot/tools/
// seed_expectations.py, the executable reference); the fake never reads those files.

import type { ChannelType, Inbox, Role, Availability, Team } from '../model/types';
import type { Store } from '../store';
import { T0, seconds } from '../util/time';

/** 24-character access tokens of §4.2. */
export const SEED_TOKENS = Object.freeze({
  alice: 'aLiceTkn2222222222222222',
  bob: 'bobTkn333333333333333333',
  carol: 'carolTkn3333333333333333',
  dave: 'daveTkn44444444444444444',
  erin: 'erinTkn55555555555555555',
  frank: 'frankTkn6666666666666666',
  grace: 'graceTkn7777777777777777',
  heidi: 'heidiTkn5555555555555555',
  ivan: 'ivanTkn44444444444444444',
  triageBot: 'triageBotTkn777777777777',
  betaBot: 'betaBotTkn88888888888888',
  systemBot: 'systemBotTkn999999999999',
  platform: 'platformTkn1111111111111',
});

type SeedTokenName = keyof typeof SEED_TOKENS;

const ACCOUNTS = [
  { id: 1, name: 'Acme Support', status: 'active', domain: 'acme.test', supportEmail: 'support@acme.test' },
  { id: 2, name: 'Beta Labs', status: 'active', domain: 'beta.test', supportEmail: 'support@beta.test' },
  { id: 3, name: 'Gamma Archive', status: 'suspended', domain: null, supportEmail: null },
] as const;

const USERS: ReadonlyArray<{ id: number; name: string; displayName: string | null; email: string; token: SeedTokenName }> = [
  { id: 1, name: 'Alice Anderson', displayName: null, email: 'alice@acme.test', token: 'alice' },
  { id: 2, name: 'Bob Brown', displayName: null, email: 'bob@acme.test', token: 'bob' },
  { id: 3, name: 'Carol Chen', displayName: 'Caz', email: 'carol@acme.test', token: 'carol' },
  { id: 4, name: 'Dave Diaz', displayName: null, email: 'dave@acme.test', token: 'dave' },
  { id: 5, name: 'Erin Evans', displayName: null, email: 'erin@acme.test', token: 'erin' },
  { id: 6, name: 'Frank Fischer', displayName: null, email: 'frank@acme.test', token: 'frank' },
  { id: 7, name: 'Grace Garcia', displayName: null, email: 'grace@beta.test', token: 'grace' },
  { id: 8, name: 'Heidi Hughes', displayName: null, email: 'heidi@beta.test', token: 'heidi' },
  { id: 9, name: 'Ivan Ivanov', displayName: null, email: 'ivan@acme.test', token: 'ivan' },
];

const DEFAULT_ACTIVE_AT = seconds('2025-12-31T08:00:00Z');

/** [account, user, role, availability, auto_offline, active_at] in membership order (§4.2). */
const MEMBERSHIPS: ReadonlyArray<[number, number, Role, Availability, boolean, number | null]> = [
  [1, 1, 'administrator', 'online', false, seconds('2026-01-01T08:00:00Z')],
  [2, 1, 'agent', 'online', false, seconds('2025-12-20T08:00:00Z')],
  [3, 1, 'administrator', 'online', false, null],
  [1, 2, 'agent', 'online', false, DEFAULT_ACTIVE_AT],
  [1, 3, 'agent', 'busy', false, DEFAULT_ACTIVE_AT],
  [1, 4, 'agent', 'online', true, DEFAULT_ACTIVE_AT],
  [1, 5, 'agent', 'offline', false, DEFAULT_ACTIVE_AT],
  [1, 6, 'administrator', 'online', true, DEFAULT_ACTIVE_AT],
  [2, 7, 'administrator', 'online', false, DEFAULT_ACTIVE_AT],
  [2, 8, 'agent', 'busy', false, DEFAULT_ACTIVE_AT],
  [1, 9, 'agent', 'online', false, DEFAULT_ACTIVE_AT],
];

const INBOXES: ReadonlyArray<[number, number, string, ChannelType, number, number[], boolean]> = [
  [1, 1, 'Website Chat', 'Channel::WebWidget', 1, [2, 3, 4], true],
  [2, 1, 'Support Email', 'Channel::Email', 1, [2, 5], true],
  [3, 1, 'API Inbox', 'Channel::Api', 1, [3], false],
  [4, 2, 'Beta Chat', 'Channel::WebWidget', 2, [1, 8], true],
  [5, 2, 'Beta Email', 'Channel::Email', 2, [8], true],
];

const TEAMS: ReadonlyArray<[number, number, string, boolean, number[], string]> = [
  [1, 1, 'sales', true, [2, 4], 'Pre-sales questions'],
  [2, 1, 'billing', false, [3], 'Invoices and refunds'],
  [3, 1, 'vip support', true, [5], 'Key accounts'],
  [4, 2, 'escalations', true, [1], 'Escalated tickets'],
  [5, 2, 'onboarding', false, [8], 'New customers'],
];
const TEAM_TIME = seconds('2025-12-01T09:00:00.000Z');

export function seedBase(store: Store): void {
  for (const a of ACCOUNTS) {
    store.addAccount({ ...a, locale: 'en', createdAt: T0 - 180 * 86400 + a.id * 86400 });
  }
  for (const u of USERS) {
    store.addUser({ id: u.id, name: u.name, displayName: u.displayName, email: u.email, pubsubToken: pubsubToken(u.id), customAttributes: {} }, SEED_TOKENS[u.token]);
  }
  for (const [accountId, userId, role, availability, autoOffline, activeAt] of MEMBERSHIPS) {
    store.addMembership({ accountId, userId, role, availability, autoOffline, activeAt });
  }
  for (const [id, accountId, name, channelType, channelId, members, auto] of INBOXES) {
    store.addInbox(makeInbox(id, accountId, name, channelType, channelId, members, auto));
  }
  for (const [id, accountId, name, allowAutoAssign, members, description] of TEAMS) {
    store.addTeam(makeTeam(id, accountId, name, description, allowAutoAssign, members, TEAM_TIME));
  }
  store.addBot(
    { id: 1, name: 'Triage Bot', description: 'Routes new conversations', outgoingUrl: 'https://bots.acme.test/triage', accountId: 1, inboxIds: [3] },
    SEED_TOKENS.triageBot,
  );
  store.addBot({ id: 2, name: 'Beta Bot', description: 'Beta Labs helper', outgoingUrl: 'https://bots.beta.test/hook', accountId: 2, inboxIds: [4] }, SEED_TOKENS.betaBot);
  store.addBot({ id: 3, name: 'Global Helper', description: 'System bot', outgoingUrl: null, accountId: null, inboxIds: [] }, SEED_TOKENS.systemBot);
  // Owned by neither a user nor a bot: exercises the "anything else" rule of §3 step 2.
  store.addToken(SEED_TOKENS.platform, { kind: 'platform_app', id: 1 });
  store.addLabel({ id: 1, accountId: 1, title: 'vip', description: 'Key customers', color: '#FFD700', showOnSidebar: true });
  store.addLabel({ id: 2, accountId: 1, title: 'billing', description: 'Billing questions', color: '#1F93FF', showOnSidebar: true });
}

export function pubsubToken(userId: number): string {
  return `pubsub${String(userId).padStart(6, '0')}`.padEnd(24, 'P');
}

export function makeInbox(id: number, accountId: number, name: string, channelType: ChannelType, channelId: number, memberIds: number[], enableAutoAssignment: boolean): Inbox {
  const tag = String(id).padStart(4, '0');
  const channel: Inbox['channel'] = {};
  if (channelType === 'Channel::WebWidget') {
    channel.websiteUrl = `https://www.${accountId === 1 ? 'acme' : 'beta'}.test`;
    channel.widgetColor = '#1F93FF';
    channel.websiteToken = `widgetTkn${tag}`.padEnd(24, 'W');
    channel.hmacToken = `hmacTkn${tag}`.padEnd(24, 'H');
  } else if (channelType === 'Channel::Email') {
    channel.email = `inbox${id}@${accountId === 2 ? 'beta' : 'acme'}.test`;
  } else {
    channel.inboxIdentifier = `apiInbox${tag}`.padEnd(24, 'A');
    channel.hmacToken = `hmacTkn${tag}`.padEnd(24, 'H');
  }
  return {
    id,
    accountId,
    name,
    channelType,
    channelId,
    enableAutoAssignment,
    autoAssignmentConfig: {},
    memberIds: [...memberIds],
    memberSet: new Set(memberIds),
    channel,
  };
}

export function makeTeam(id: number, accountId: number, name: string, description: string, allowAutoAssign: boolean, memberIds: number[], time: number): Team {
  // Team names are stored lower-cased (§4.3).
  return {
    id,
    accountId,
    name: name.toLowerCase(),
    description,
    allowAutoAssign,
    createdAt: time,
    updatedAt: time,
    memberIds: [...memberIds],
    memberSet: new Set(memberIds),
  };
}
