// Internal data model of the fake (FAKE-SERVER-SPEC §4.1). Times are Unix seconds
// (numbers); serializers decide whether they leave as ints, floats or ISO strings (§8).

export type Role = 'agent' | 'administrator';
export type Availability = 'online' | 'busy' | 'offline';
export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type ChannelType = 'Channel::WebWidget' | 'Channel::Email' | 'Channel::Api';

/** Rails enum order; toggle_status also accepts the integer values (§6.10). */
export const STATUSES: readonly ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];
/** Conversation priority enum values (low=1 … urgent=4) used by the priority sorts. */
export const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 1, medium: 2, high: 3, urgent: 4 };

export interface Account {
  id: number;
  name: string;
  locale: string;
  status: 'active' | 'suspended';
  domain: string | null;
  supportEmail: string | null;
  createdAt: number;
}

export interface User {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  pubsubToken: string;
  customAttributes: Record<string, unknown>;
}

export interface AccountUser {
  accountId: number;
  userId: number;
  role: Role;
  availability: Availability;
  autoOffline: boolean;
  activeAt: number | null;
}

/** Who owns an access token; `platform_app` exists only for the edge tests of §3 step 2. */
export type TokenOwner = { kind: 'user'; id: number } | { kind: 'bot'; id: number } | { kind: 'platform_app'; id: number };

export interface AgentBot {
  id: number;
  name: string;
  description: string;
  /** null for system bots: the slim JSON then omits the key (§8.5). */
  outgoingUrl: string | null;
  /** null = system (global) bot. */
  accountId: number | null;
  inboxIds: number[];
}

export interface Inbox {
  id: number;
  accountId: number;
  name: string;
  channelType: ChannelType;
  channelId: number;
  enableAutoAssignment: boolean;
  autoAssignmentConfig: { max_assignment_limit?: number };
  /** Membership order matters (inbox_members, rotation queue). */
  memberIds: number[];
  memberSet: Set<number>;
  /** Channel details used only by the inbox serializer (§8.8). */
  channel: {
    websiteUrl?: string;
    widgetColor?: string;
    websiteToken?: string;
    hmacToken?: string;
    email?: string;
    inboxIdentifier?: string;
  };
}

export interface Team {
  id: number;
  accountId: number;
  name: string;
  description: string;
  allowAutoAssign: boolean;
  createdAt: number;
  updatedAt: number;
  memberIds: number[];
  memberSet: Set<number>;
}

export interface Label {
  id: number;
  accountId: number;
  title: string;
  description: string;
  color: string;
  showOnSidebar: boolean;
}

export interface Contact {
  id: number;
  accountId: number;
  name: string;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  blocked: boolean;
  createdAt: number;
  lastActivityAt: number | null;
}

/** contact_inboxes row: gives the `source_id` used in message/conversation push data. */
export interface ContactInbox {
  id: number;
  contactId: number;
  inboxId: number;
  sourceId: string;
  pubsubToken: string;
  createdAt: number;
}

export interface SenderRef {
  type: 'Contact' | 'User' | 'AgentBot';
  id: number;
}

/** 0 incoming, 1 outgoing, 2 activity, 3 template — emitted as integers. */
export type MessageType = 0 | 1 | 2 | 3;

/** An attachment row (attachment.rb); the serializer derives extension/data_url from fileName. */
export interface Attachment {
  id: number;
  fileType: 'image' | 'audio' | 'video' | 'file' | 'location' | 'fallback';
  fileName: string;
  fileSize: number;
  width: number | null;
  height: number | null;
  /** location/fallback only */
  fallbackTitle?: string;
  coordinatesLat?: number;
  coordinatesLong?: number;
  externalUrl?: string;
}

export interface Message {
  id: number;
  accountId: number;
  inboxId: number;
  conversationDbId: number;
  messageType: MessageType;
  content: string;
  private: boolean;
  sender: SenderRef | null;
  createdAt: number;
  updatedAt: number;
  /** Optional columns (seed threads, created messages); absent = text / {} / sent / null / none. */
  contentType?: string;
  contentAttributes?: Record<string, unknown>;
  status?: 'sent' | 'delivered' | 'read' | 'failed';
  sourceId?: string | null;
  attachments?: Attachment[];
}

export interface Conversation {
  /** Database id: never exposed by the API, only by /__fake/state. */
  dbId: number;
  accountId: number;
  displayId: number;
  uuid: string;
  inboxId: number;
  contactId: number;
  contactInboxId: number;
  status: ConversationStatus;
  assigneeId: number | null;
  assigneeAgentBotId: number | null;
  teamId: number | null;
  labels: string[];
  priority: Priority | null;
  snoozedUntil: number | null;
  createdAt: number;
  /** Float seconds (seed: last_activity_at + 0.25). */
  updatedAt: number;
  lastActivityAt: number;
  agentLastSeenAt: number | null;
  assigneeLastSeenAt: number | null;
  contactLastSeenAt: number | null;
  firstReplyCreatedAt: number | null;
  waitingSince: number | null;
  /** Messages in id order. */
  messages: Message[];
  /** conversation_participants user ids in creation order (absent = none yet; LIVE §8.2). */
  participantIds?: number[];
}

/** The authenticated owner of the request token (§3 step 2). */
export type Caller = { kind: 'user'; user: User } | { kind: 'bot'; bot: AgentBot } | { kind: 'platform' };

/** Whoever the activity messages name (§7.2): a user or a bot, by `name`. */
export interface Actor {
  id: number;
  name: string;
}
