/**
 * The cable events the extension uses, validated with zod. Push payloads differ from the REST list
 * (null instead of absent `meta.assignee`/`meta.team`, team as `{id,name}`, no `email`/`role` on the
 * assignee, `availability_status` null in re-read events), so these schemas are separate from
 * src/api/schemas.ts and lenient where Chatwoot is inconsistent. `z.object` strips unknown keys:
 * the conversation's `contact_inbox` (which carries the CONTACT's pubsub token) never passes.
 *
 * Every event carries `data.account_id`: token-addressed events of all the user's accounts arrive
 * on one subscription, so the owner routes by `accountId`.
 */
import * as z from 'zod';
import { describeZodError } from '../api/zodIssues';
import { CONVERSATION_EVENTS, type ConversationEventName } from './eventNames';

export { CONVERSATION_EVENTS, type ConversationEventName };

const id = z.number().int();
const openEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.string()]);
const optionalString = z.string().nullable().optional();

export const PushConversationStatus = openEnum(['open', 'resolved', 'pending', 'snoozed']);
export const PushAvailability = openEnum(['online', 'busy', 'offline']);

/** `User#push_event_data` or `AgentBot#push_event_data` (`type` tells which). */
export const PushAssignee = z.object({
  id,
  name: optionalString,
  available_name: optionalString,
  type: z.string().optional(),
  availability_status: PushAvailability.nullable().optional(),
  thumbnail: optionalString,
});
export type PushAssignee = z.infer<typeof PushAssignee>;

export const PushTeam = z.object({ id, name: z.string() });
export type PushTeam = z.infer<typeof PushTeam>;

/** Message push data (`message.created`, a conversation's `messages[0]`). `conversation_id` is the display id. */
export const PushMessage = z.object({
  id,
  account_id: id.optional(),
  inbox_id: id.optional(),
  conversation_id: id,
  content: optionalString,
  message_type: z.number().int(),
  content_type: optionalString,
  created_at: z.number(),
  private: z.boolean().optional(),
  status: optionalString,
  sender_type: optionalString,
  sender: z.object({ id: id.optional(), name: optionalString, type: z.string().optional() }).nullable().optional(),
});
export type PushMessage = z.infer<typeof PushMessage>;

const conversationShape = {
  /** The display id. */
  id,
  inbox_id: id.optional(),
  status: PushConversationStatus.optional(),
  meta: z
    .object({
      sender: z.object({ id: id.optional(), name: optionalString }).nullable().optional(),
      assignee: PushAssignee.nullable().optional(),
      assignee_type: optionalString,
      team: PushTeam.nullable().optional(),
    })
    .optional(),
  labels: z.array(z.string()).optional(),
  priority: optionalString,
  snoozed_until: optionalString,
  unread_count: z.number().int().optional(),
  messages: z.array(PushMessage).optional(),
  can_reply: z.boolean().optional(),
  created_at: z.number().optional(),
  timestamp: z.number().optional(),
  last_activity_at: z.number().optional(),
  /** Float seconds; the dashboard ignores an event older than what it holds. */
  updated_at: z.number().optional(),
};

/** Conversation push data (`Conversations::EventDataPresenter`) plus the merged `account_id`. */
export const PushConversation = z.object({ ...conversationShape, account_id: id });
export type PushConversation = z.infer<typeof PushConversation>;

/** The notification of `notification.created`/`.updated`; `primary_actor_id` is the DATABASE id. */
export const PushNotification = z.object({
  id,
  notification_type: z.string(),
  primary_actor_type: optionalString,
  primary_actor_id: id.nullable().optional(),
  primary_actor: z
    .object({ ...conversationShape, account_id: id.optional() })
    .nullable()
    .optional(),
  read_at: optionalString,
  snoozed_until: optionalString,
  created_at: z.number().optional(),
  last_activity_at: z.number().optional(),
  /** In the cable shape this holds the BODY text (Chatwoot TODO); build titles from the type. */
  push_message_title: optionalString,
  push_message_body: optionalString,
});
export type PushNotification = z.infer<typeof PushNotification>;

export type LiveEvent =
  | { name: ConversationEventName; accountId: number; conversation: PushConversation }
  | { name: 'message.created' | 'message.updated'; accountId: number; message: PushMessage }
  | { name: 'notification.created' | 'notification.updated'; accountId: number; notification: PushNotification; unreadCount: number | undefined }
  | { name: 'notification.deleted'; accountId: number; notificationId: number; unreadCount: number | undefined }
  | { name: 'presence.update'; accountId: number; users: Record<string, string>; contacts: Record<string, string> }
  | { name: 'account.cache_invalidated'; accountId: number; cacheKeys: Record<string, unknown> };
export type LiveEventName = LiveEvent['name'];

const withAccount = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, account_id: id });
const NotificationData = withAccount({ notification: PushNotification, unread_count: z.number().int().optional() });
const NotificationDeletedData = withAccount({ notification: z.object({ id }), unread_count: z.number().int().optional() });
const PresenceData = withAccount({ users: z.record(z.string(), z.string()), contacts: z.record(z.string(), z.string()).optional() });
const CacheData = withAccount({ cache_keys: z.record(z.string(), z.unknown()).optional() });
const MessageData = PushMessage.extend({ account_id: id });

/** Events we know and deliberately do not use (ignored quietly, at trace level). */
const QUIET_EVENTS = new Set([
  'conversation.typing_on',
  'conversation.typing_off',
  'first.reply.created',
  'contact.created',
  'contact.updated',
  'contact.merged',
  'contact.deleted',
  'copilot.message.created',
]);

export type ParsedEvent = { ok: true; event: LiveEvent } | { ok: false; quiet: boolean; why: string };

/** Validates one broadcast `message` (`{event, data}`). Never throws; the reason never quotes values. */
export function parseLiveEvent(message: Record<string, unknown>): ParsedEvent {
  const name = typeof message.event === 'string' ? message.event : '';
  const data = message.data;
  const invalid = (error: z.ZodError): ParsedEvent => {
    const d = describeZodError(error);
    return { ok: false, quiet: false, why: `"${name}" has an unexpected shape at ${d.path || 'data'}: ${d.first}` };
  };
  if ((CONVERSATION_EVENTS as readonly string[]).includes(name)) {
    const r = PushConversation.safeParse(data);
    return r.success ? { ok: true, event: { name: name as ConversationEventName, accountId: r.data.account_id, conversation: r.data } } : invalid(r.error);
  }
  switch (name) {
    case 'message.created':
    case 'message.updated': {
      const r = MessageData.safeParse(data);
      if (!r.success) return invalid(r.error);
      const { account_id, ...rest } = r.data;
      return { ok: true, event: { name, accountId: account_id, message: { ...rest, account_id } } };
    }
    case 'notification.created':
    case 'notification.updated': {
      const r = NotificationData.safeParse(data);
      return r.success ? { ok: true, event: { name, accountId: r.data.account_id, notification: r.data.notification, unreadCount: r.data.unread_count } } : invalid(r.error);
    }
    case 'notification.deleted': {
      const r = NotificationDeletedData.safeParse(data);
      return r.success ? { ok: true, event: { name, accountId: r.data.account_id, notificationId: r.data.notification.id, unreadCount: r.data.unread_count } } : invalid(r.error);
    }
    case 'presence.update': {
      const r = PresenceData.safeParse(data);
      return r.success ? { ok: true, event: { name, accountId: r.data.account_id, users: r.data.users, contacts: r.data.contacts ?? {} } } : invalid(r.error);
    }
    case 'account.cache_invalidated': {
      const r = CacheData.safeParse(data);
      return r.success ? { ok: true, event: { name, accountId: r.data.account_id, cacheKeys: r.data.cache_keys ?? {} } } : invalid(r.error);
    }
  }
  if (QUIET_EVENTS.has(name)) return { ok: false, quiet: true, why: `"${name}" is not used` };
  return { ok: false, quiet: false, why: `unknown event "${name.slice(0, 60)}"` };
}
