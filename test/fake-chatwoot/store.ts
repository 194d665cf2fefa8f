// In-memory tables with the indexes the routes need (by account, by display id,
// memberships by pair) so list requests stay linear even for the large account.

import { NotificationTable } from './model/notification';
import type { Account, AccountUser, AgentBot, Availability, Contact, ContactInbox, Conversation, Inbox, Label, Message, Team, TokenOwner, User } from './model/types';

export class Store {
  readonly accounts = new Map<number, Account>();
  readonly users = new Map<number, User>();
  readonly bots = new Map<number, AgentBot>();
  readonly inboxes = new Map<number, Inbox>();
  readonly teams = new Map<number, Team>();
  readonly contacts = new Map<number, Contact>();
  readonly contactInboxes = new Map<number, ContactInbox>();
  readonly conversations = new Map<number, Conversation>();
  readonly tokens = new Map<string, TokenOwner>();
  /** (account_id, user_id) pairs pinned present by POST /__fake/presence (§7.3); never expire. */
  readonly presence = new Set<string>();
  /** Cable presence (API-FACTS-LIVE §2.2): last subscribe/update_presence per (account, user), virtual seconds. */
  readonly presenceSeen = new Map<string, number>();
  /** Widget presence of contacts per (account, contact), virtual seconds. */
  readonly contactPresenceSeen = new Map<string, number>();
  /** Notifications (API-FACTS-LIVE §7), id order. */
  readonly notifications = new NotificationTable();
  /** Virtual "now" for the presence window; the World wires its clock in. */
  now: () => number = () => 0;
  /** Per-inbox round-robin queue of member ids (§7.3). */
  readonly rotation = new Map<number, number[]>();

  private readonly userTokens = new Map<number, string>();
  private readonly memberships = new Map<string, AccountUser>();
  private readonly membersByAccount = new Map<number, AccountUser[]>();
  private readonly membershipsByUser = new Map<number, AccountUser[]>();
  private readonly inboxesByAccount = new Map<number, Inbox[]>();
  private readonly teamsByAccount = new Map<number, Team[]>();
  private readonly labelsByAccount = new Map<number, Label[]>();
  private readonly contactInboxByPair = new Map<string, ContactInbox>();
  private readonly conversationsByAccount = new Map<number, Conversation[]>();
  private readonly conversationsByDisplay = new Map<string, Conversation>();
  private nextMessageId = 1;

  // ---- writers (seed) -------------------------------------------------------------

  addAccount(account: Account): void {
    this.accounts.set(account.id, account);
  }

  addUser(user: User, token: string): void {
    this.users.set(user.id, user);
    this.addToken(token, { kind: 'user', id: user.id });
    this.userTokens.set(user.id, token);
  }

  addToken(token: string, owner: TokenOwner): void {
    this.tokens.set(token, owner);
  }

  addMembership(member: AccountUser): void {
    this.memberships.set(pairKey(member.accountId, member.userId), member);
    push(this.membersByAccount, member.accountId, member);
    push(this.membershipsByUser, member.userId, member);
  }

  addBot(bot: AgentBot, token: string): void {
    this.bots.set(bot.id, bot);
    this.addToken(token, { kind: 'bot', id: bot.id });
  }

  addInbox(inbox: Inbox): void {
    this.inboxes.set(inbox.id, inbox);
    push(this.inboxesByAccount, inbox.accountId, inbox);
    this.rotation.set(inbox.id, [...inbox.memberIds]);
  }

  addTeam(team: Team): void {
    this.teams.set(team.id, team);
    push(this.teamsByAccount, team.accountId, team);
  }

  addLabel(label: Label): void {
    push(this.labelsByAccount, label.accountId, label);
  }

  addContact(contact: Contact): void {
    this.contacts.set(contact.id, contact);
  }

  /** Finds or creates the contact_inboxes row for a (contact, inbox) pair. */
  contactInboxFor(contact: Contact, inbox: Inbox, createdAt: number): ContactInbox {
    const key = pairKey(contact.id, inbox.id);
    let row = this.contactInboxByPair.get(key);
    if (!row) {
      const id = this.contactInboxes.size + 1;
      row = {
        id,
        contactId: contact.id,
        inboxId: inbox.id,
        // Email channels use the address as source id; widget/API channels a UUID.
        sourceId: inbox.channelType === 'Channel::Email' && contact.email ? contact.email : `5ac1d000-0000-4000-8000-${String(id).padStart(12, '0')}`,
        pubsubToken: `ciPubsub${String(id).padStart(16, '0')}`,
        createdAt,
      };
      this.contactInboxByPair.set(key, row);
      this.contactInboxes.set(id, row);
    }
    return row;
  }

  addConversation(conversation: Conversation): void {
    this.conversations.set(conversation.dbId, conversation);
    push(this.conversationsByAccount, conversation.accountId, conversation);
    this.conversationsByDisplay.set(pairKey(conversation.accountId, conversation.displayId), conversation);
  }

  /** Appends a message (ids are global and increasing, like a DB sequence). */
  addMessage(conversation: Conversation, message: Omit<Message, 'id'>): Message {
    const full: Message = { id: this.nextMessageId, ...message };
    this.nextMessageId += 1;
    conversation.messages.push(full);
    return full;
  }

  // ---- readers ----------------------------------------------------------------

  membership(accountId: number, userId: number): AccountUser | undefined {
    return this.memberships.get(pairKey(accountId, userId));
  }

  accountMembers(accountId: number): readonly AccountUser[] {
    return this.membersByAccount.get(accountId) ?? [];
  }

  userMemberships(userId: number): readonly AccountUser[] {
    return this.membershipsByUser.get(userId) ?? [];
  }

  tokenOfUser(userId: number): string | null {
    return this.userTokens.get(userId) ?? null;
  }

  accountInboxes(accountId: number): readonly Inbox[] {
    return this.inboxesByAccount.get(accountId) ?? [];
  }

  accountTeams(accountId: number): readonly Team[] {
    return this.teamsByAccount.get(accountId) ?? [];
  }

  accountLabels(accountId: number): readonly Label[] {
    return this.labelsByAccount.get(accountId) ?? [];
  }

  accountConversations(accountId: number): readonly Conversation[] {
    return this.conversationsByAccount.get(accountId) ?? [];
  }

  conversationByDisplay(accountId: number, displayId: number): Conversation | undefined {
    return this.conversationsByDisplay.get(pairKey(accountId, displayId));
  }

  inboxInAccount(accountId: number, inboxId: number | null): Inbox | undefined {
    const inbox = inboxId === null ? undefined : this.inboxes.get(inboxId);
    return inbox && inbox.accountId === accountId ? inbox : undefined;
  }

  teamInAccount(accountId: number, teamId: number | null): Team | undefined {
    const team = teamId === null ? undefined : this.teams.get(teamId);
    return team && team.accountId === accountId ? team : undefined;
  }

  /** Pinned by /__fake/presence, or seen on the cable within the last 20 s (strict, API-FACTS-LIVE §2.2). */
  isPresent(accountId: number, userId: number): boolean {
    const key = pairKey(accountId, userId);
    if (this.presence.has(key)) return true;
    const seen = this.presenceSeen.get(key);
    return seen !== undefined && seen > this.now() - PRESENCE_DURATION_S;
  }

  /**
   * §7.3: stored availability when auto_offline is false; otherwise the stored value
   * only while the user is "present", else offline. Non-members are offline.
   */
  availabilityStatus(accountId: number, userId: number): Availability {
    const member = this.membership(accountId, userId);
    if (!member) return 'offline';
    if (!member.autoOffline) return member.availability;
    return this.isPresent(accountId, userId) ? member.availability : 'offline';
  }

  userByPubsubToken(token: string): User | undefined {
    for (const user of this.users.values()) if (user.pubsubToken === token) return user;
    return undefined;
  }

  contactInboxByPubsubToken(token: string): ContactInbox | undefined {
    for (const row of this.contactInboxes.values()) if (row.pubsubToken === token) return row;
    return undefined;
  }
}

/** PRESENCE_DURATION (env, default 20 s, lib/online_status_tracker.rb). */
export const PRESENCE_DURATION_S = 20;

export function pairKey(a: number, b: number): string {
  return `${a}:${b}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
