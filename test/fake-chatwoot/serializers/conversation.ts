// Conversation shapes: the full partial of list/show/filter (§8.1), the push data of
// events (§8.9), the slim item of /conversations/search and the item of
// /search/conversations (§6.5, §6.6, §8.6).

import type { Conversation, Message } from '../model/types';
import { isRecord } from '../params';
import type { World } from '../world';
import { rubyFloat } from '../util/json';
import { iso, isoOrNull } from '../util/time';
import { agentJson, availableName, botPushData, botSlim, userPushData } from './agent';
import { contactJson, contactPushData, searchContactJson } from './contact';
import { messagePushData, searchMessageJson, slimMessageJson, unreadIncoming } from './message';
import { teamJson, teamPushData } from './team';

const int = (seconds: number | null): number => (seconds === null ? 0 : Math.trunc(seconds));

function lastNonActivity(conversation: Conversation): Message | undefined {
  for (let i = conversation.messages.length - 1; i >= 0; i -= 1) {
    if (conversation.messages[i].messageType !== 2) return conversation.messages[i];
  }
  return undefined;
}

function lastChat(conversation: Conversation): Message | undefined {
  for (let i = conversation.messages.length - 1; i >= 0; i -= 1) {
    const m = conversation.messages[i];
    if (m.messageType !== 2 && !m.private) return m;
  }
  return undefined;
}

/** meta.assignee/assignee_type are *absent* (not null) when there is nothing to show. */
function assigneeMeta(world: World, conversation: Conversation): Record<string, unknown> {
  const { store } = world;
  if (conversation.assigneeId !== null) {
    const user = store.users.get(conversation.assigneeId);
    // Only a member of this account renders (a bulk-written stranger id renders nothing).
    if (user && store.membership(conversation.accountId, user.id)) {
      return { assignee: agentJson(world, conversation.accountId, user), assignee_type: 'User' };
    }
    return {};
  }
  const bot = conversation.assigneeAgentBotId === null ? undefined : store.bots.get(conversation.assigneeAgentBotId);
  return bot ? { assignee: botSlim(bot), assignee_type: 'AgentBot' } : {};
}

/** `_conversation.json.jbuilder` (list items, show, filter). */
export function conversationJson(world: World, conversation: Conversation, viewerUserId: number | null): Record<string, unknown> {
  const { store } = world;
  const contact = store.contacts.get(conversation.contactId);
  const inbox = store.inboxes.get(conversation.inboxId);
  const team = conversation.teamId === null ? undefined : store.teams.get(conversation.teamId);
  const newest = conversation.messages[conversation.messages.length - 1];
  const nonActivity = lastNonActivity(conversation);
  return {
    meta: {
      sender: contact ? contactJson(contact) : {},
      channel: inbox ? inbox.channelType : null,
      ...assigneeMeta(world, conversation),
      team: team ? teamJson(team, viewerUserId) : undefined,
      hmac_verified: false,
    },
    id: conversation.displayId,
    messages: newest ? [messagePushData(world, conversation, newest)] : [],
    account_id: conversation.accountId,
    uuid: conversation.uuid,
    additional_attributes: {},
    agent_last_seen_at: int(conversation.agentLastSeenAt),
    assignee_last_seen_at: int(conversation.assigneeLastSeenAt),
    can_reply: true,
    contact_last_seen_at: int(conversation.contactLastSeenAt),
    custom_attributes: {},
    inbox_id: conversation.inboxId,
    labels: [...conversation.labels],
    muted: contact ? contact.blocked : false,
    snoozed_until: isoOrNull(conversation.snoozedUntil),
    status: conversation.status,
    created_at: int(conversation.createdAt),
    updated_at: rubyFloat(conversation.updatedAt),
    timestamp: int(conversation.lastActivityAt),
    first_reply_created_at: int(conversation.firstReplyCreatedAt),
    unread_count: Math.min(10, unreadIncoming(conversation)),
    last_non_activity_message: nonActivity ? messagePushData(world, conversation, nonActivity) : null,
    last_activity_at: int(conversation.lastActivityAt),
    priority: conversation.priority,
    waiting_since: int(conversation.waitingSince),
    sla_policy_id: null,
  };
}

function pushAssignee(world: World, conversation: Conversation, reread: boolean): [unknown, string | null] {
  if (conversation.assigneeId !== null) {
    const user = world.store.users.get(conversation.assigneeId);
    // A stranger id (bulk actions) renders null while assignee_type stays "User".
    if (!user) return [null, 'User'];
    const data = userPushData(world, conversation.accountId, user);
    return [reread ? { ...data, availability_status: null } : data, 'User'];
  }
  const bot = conversation.assigneeAgentBotId === null ? undefined : world.store.bots.get(conversation.assigneeAgentBotId);
  return bot ? [botPushData(bot), 'AgentBot'] : [null, null];
}

export interface PushOptions {
  /**
   * Built in a background job (the five re-read events, notifications): `Current.account` is
   * unset there, so every user's `availability_status` is null (API-FACTS-LIVE §1.6).
   */
  reread?: boolean;
}

/** `Conversations::EventDataPresenter#push_data` + account_id (events only). */
export function conversationPushData(world: World, conversation: Conversation, options: PushOptions = {}): Record<string, unknown> {
  const reread = options.reread === true;
  const { store } = world;
  const contact = store.contacts.get(conversation.contactId);
  const inbox = store.inboxes.get(conversation.inboxId);
  const team = conversation.teamId === null ? undefined : store.teams.get(conversation.teamId);
  const ci = store.contactInboxes.get(conversation.contactInboxId);
  const chat = lastChat(conversation);
  const [assignee, assigneeType] = pushAssignee(world, conversation, reread);
  const preview = chat ? messagePushData(world, conversation, chat) : null;
  if (preview && reread && isRecord(preview.sender) && preview.sender.type === 'user') preview.sender = { ...preview.sender, availability_status: null };
  return {
    additional_attributes: {},
    can_reply: true,
    channel: inbox ? inbox.channelType : null,
    contact_inbox: ci
      ? {
          id: ci.id,
          contact_id: ci.contactId,
          inbox_id: ci.inboxId,
          source_id: ci.sourceId,
          created_at: iso(ci.createdAt),
          updated_at: iso(ci.createdAt),
          hmac_verified: false,
          pubsub_token: ci.pubsubToken,
        }
      : null,
    id: conversation.displayId,
    inbox_id: conversation.inboxId,
    messages: preview ? [preview] : [],
    labels: [...conversation.labels],
    meta: {
      sender: contact ? contactPushData(contact) : null,
      assignee,
      assignee_type: assigneeType,
      team: team ? teamPushData(team) : null,
      hmac_verified: false,
    },
    status: conversation.status,
    custom_attributes: {},
    snoozed_until: isoOrNull(conversation.snoozedUntil),
    unread_count: unreadIncoming(conversation),
    first_reply_created_at: isoOrNull(conversation.firstReplyCreatedAt),
    priority: conversation.priority,
    waiting_since: int(conversation.waitingSince),
    agent_last_seen_at: int(conversation.agentLastSeenAt),
    contact_last_seen_at: int(conversation.contactLastSeenAt),
    last_activity_at: int(conversation.lastActivityAt),
    timestamp: int(conversation.lastActivityAt),
    created_at: int(conversation.createdAt),
    updated_at: rubyFloat(conversation.updatedAt),
    account_id: conversation.accountId,
  };
}

/** Slim partial of /conversations/search with the given (matching) messages. */
export function slimConversationJson(world: World, conversation: Conversation, messages: readonly Message[]): Record<string, unknown> {
  const contact = world.store.contacts.get(conversation.contactId);
  const inbox = world.store.inboxes.get(conversation.inboxId);
  return {
    id: conversation.displayId,
    uuid: conversation.uuid,
    created_at: int(conversation.createdAt),
    contact: contact ? { id: contact.id, name: contact.name } : {},
    inbox: inbox ? { id: inbox.id, name: inbox.name, channel_type: inbox.channelType } : {},
    messages: messages.map((m) => slimMessageJson(world, m)),
    account_id: conversation.accountId,
  };
}

/** Item of /search/conversations; `message` is the oldest message. */
export function searchConversationJson(world: World, conversation: Conversation): Record<string, unknown> {
  const { store } = world;
  const contact = store.contacts.get(conversation.contactId);
  const inbox = store.inboxes.get(conversation.inboxId);
  const oldest = conversation.messages[0];
  const assignee = conversation.assigneeId === null ? undefined : store.users.get(conversation.assigneeId);
  const member = assignee ? store.membership(conversation.accountId, assignee.id) : undefined;
  return {
    id: conversation.displayId,
    account_id: conversation.accountId,
    created_at: int(conversation.createdAt),
    message: oldest ? searchMessageJson(world, conversation, oldest) : {},
    contact: contact ? searchContactJson(contact) : {},
    inbox: inbox ? { id: inbox.id, channel_id: inbox.channelId, name: inbox.name, channel_type: inbox.channelType } : {},
    agent: assignee ? { id: assignee.id, available_name: availableName(assignee), email: assignee.email, name: assignee.name, role: member ? member.role : null } : {},
    additional_attributes: {},
  };
}
