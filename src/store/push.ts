/**
 * Turns Chatwoot's push payloads (cable events) into the REST shape the store holds. They differ
 * (API-FACTS-LIVE §1.7): `meta.assignee` / `meta.team` are null instead of absent, the team is only
 * `{id,name}`, the assignee has no email or role and, in re-read events, `availability_status: null`;
 * the sender is slim. A push for a conversation the store holds is merged into that copy (what the
 * push lacks is kept); one for an unknown conversation becomes a full row only when it carries
 * what a row needs (inbox, times, contact), else the caller reads it.
 */
import type { Agent, AgentBot, Conversation, Message, Team } from '../api';
import type { PushAssignee, PushConversation, PushMessage, PushTeam } from '../live';

function agentFrom(push: PushAssignee, known: Agent | undefined): Agent {
  const name = push.name ?? known?.name ?? push.available_name ?? `Agent ${push.id}`;
  return {
    ...known,
    id: push.id,
    name,
    available_name: push.available_name ?? known?.available_name ?? name,
    // Re-read events say null: keep what is known rather than calling everyone offline.
    availability_status: push.availability_status ?? known?.availability_status ?? 'offline',
    thumbnail: push.thumbnail ?? known?.thumbnail,
  };
}

function botFrom(push: PushAssignee): AgentBot {
  return { id: push.id, name: push.name ?? push.available_name ?? `Bot ${push.id}`, thumbnail: push.thumbnail };
}

function teamFrom(push: PushTeam, known: Team | undefined): Team {
  return known && known.id === push.id ? { ...known, name: push.name } : { id: push.id, name: push.name };
}

export function messageFrom(push: PushMessage): Message {
  return {
    id: push.id,
    content: push.content ?? null,
    message_type: push.message_type,
    created_at: Math.trunc(push.created_at),
    private: push.private ?? false,
    sender_type: push.sender_type ?? null,
    ...(push.sender?.name ? { sender: { name: push.sender.name } } : {}),
  };
}

/** The push merged into `known`; a full row from the push alone; or undefined when it lacks what a row needs. */
export function conversationFromPush(push: PushConversation, known: Conversation | undefined): Conversation | undefined {
  const meta = push.meta;
  const assigneePush = meta?.assignee;
  const isBot = meta?.assignee_type === 'AgentBot' || assigneePush?.type === 'agent_bot';
  const knownAgent = known?.meta.assignee && 'available_name' in known.meta.assignee && known.meta.assignee.id === assigneePush?.id ? known.meta.assignee : undefined;
  const assignee =
    meta === undefined || !('assignee' in meta) ? known?.meta.assignee : assigneePush ? (isBot ? botFrom(assigneePush) : agentFrom(assigneePush, knownAgent)) : undefined;
  const assigneeType = assignee === undefined ? undefined : isBot ? 'AgentBot' : 'User';
  const team = meta === undefined || !('team' in meta) ? known?.meta.team : meta.team ? teamFrom(meta.team, known?.meta.team) : undefined;
  const inboxId = push.inbox_id ?? known?.inbox_id;
  const last = push.messages?.[push.messages.length - 1];
  // A push carries the newest PUBLIC non-activity message only: a newer one held (a private note,
  // an activity message) stays the preview.
  const newestKnown = known?.messages[0];
  const messages = last && !(newestKnown && newestKnown.id > last.id) ? [messageFrom(last)] : (known?.messages ?? []);

  if (known) {
    return {
      ...known,
      status: push.status ?? known.status,
      labels: push.labels ?? known.labels,
      priority: push.priority !== undefined ? push.priority : known.priority,
      snoozed_until: push.snoozed_until !== undefined ? push.snoozed_until : known.snoozed_until,
      unread_count: push.unread_count ?? known.unread_count,
      last_activity_at: push.last_activity_at !== undefined ? Math.trunc(push.last_activity_at) : known.last_activity_at,
      timestamp: push.timestamp !== undefined ? Math.trunc(push.timestamp) : known.timestamp,
      updated_at: push.updated_at ?? known.updated_at,
      messages,
      meta: { ...known.meta, assignee, assignee_type: assigneeType, team },
    };
  }
  const sender = meta?.sender;
  if (inboxId === undefined || push.last_activity_at === undefined || push.created_at === undefined || !sender || sender.id === undefined || !push.status) return undefined;
  return {
    id: push.id,
    account_id: push.account_id,
    inbox_id: inboxId,
    status: push.status,
    messages,
    labels: push.labels ?? [],
    priority: push.priority ?? null,
    snoozed_until: push.snoozed_until ?? null,
    unread_count: push.unread_count,
    created_at: Math.trunc(push.created_at),
    updated_at: push.updated_at,
    timestamp: push.timestamp !== undefined ? Math.trunc(push.timestamp) : undefined,
    last_activity_at: Math.trunc(push.last_activity_at),
    meta: { sender: { id: sender.id, name: sender.name ?? undefined }, assignee, assignee_type: assigneeType, team },
  };
}

/** The conversation after a new message: its preview and last activity follow (lists reorder). */
export function withMessage(known: Conversation, push: PushMessage): Conversation {
  const message = messageFrom(push);
  const person = message.message_type !== 2;
  return {
    ...known,
    messages: [message],
    last_non_activity_message: person ? message : known.last_non_activity_message,
    last_activity_at: Math.max(known.last_activity_at, message.created_at),
  };
}
