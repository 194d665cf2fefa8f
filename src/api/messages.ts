/**
 * A conversation's messages: reading them newest-first in windows of 20 and posting a message or a
 * private note (API-FACTS-LIVE §3, §4). Schemas follow the REST message item
 * (`_message.json.jbuilder`), which differs from the push data in schemas.ts `Message`: `sender`
 * and `attachments` are ABSENT when there are none, `content_attributes` holds email and deletion
 * details. Email HTML (`content_attributes.email.html_content`) is deliberately not kept: the
 * extension only ever shows the plain-text `content`.
 */
import * as z from 'zod';
import { requireId } from './assignment';
import type { CallOptions, Transport } from './http';
import { conversation, conversationResource } from './paths';

const id = z.number().int();
const openEnum = <const T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.string()]);

/** 0 incoming (contact), 1 outgoing (agent, bot, private note), 2 activity, 3 template. */
export const MESSAGE_TYPE = { incoming: 0, outgoing: 1, activity: 2, template: 3 } as const;

/** Chatwoot's page for `GET …/messages` (`message_finder.rb`): 20 without or with `before`. */
export const MESSAGES_PER_PAGE = 20;

/**
 * Who wrote a message: a contact, user, agent bot or Captain assistant push data; `type` tells them
 * apart (`contact`, `user`, `agent_bot`, `captain_assistant`).
 */
export const MessageSender = z.object({
  id,
  name: z.string().nullable().optional(),
  available_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone_number: z.string().nullable().optional(),
  thumbnail: z.string().nullable().optional(),
  type: z.string().optional(),
});
export type MessageSender = z.infer<typeof MessageSender>;

/** `attachment.rb#push_event_data`: file-like attachments carry `data_url` and `file_size`. */
export const Attachment = z.object({
  id,
  message_id: id.optional(),
  file_type: openEnum(['image', 'audio', 'video', 'file', 'location', 'fallback', 'share', 'story_mention', 'contact', 'ig_reel', 'ig_post', 'ig_story', 'embed']),
  account_id: id.optional(),
  extension: z.string().nullable().optional(),
  data_url: z.string().nullable().optional(),
  thumb_url: z.string().nullable().optional(),
  file_size: z.number().nullable().optional(),
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  /** location/fallback attachments. */
  fallback_title: z.string().nullable().optional(),
  external_url: z.string().nullable().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

/** The parts of `content_attributes` the extension uses (the rest, email HTML included, is dropped). */
export const ContentAttributes = z.object({
  deleted: z.boolean().optional(),
  email: z.object({ subject: z.string().nullable().optional() }).nullable().optional(),
});

/** One item of `GET …/messages` and the answer of `POST …/messages`. */
export const ConversationMessage = z.object({
  id,
  content: z.string().nullable().optional(),
  inbox_id: id.optional(),
  echo_id: z.string().nullable().optional(),
  /** The conversation's display id. */
  conversation_id: id.optional(),
  message_type: z.number().int(),
  content_type: openEnum([
    'text',
    'input_text',
    'input_textarea',
    'input_email',
    'input_select',
    'cards',
    'form',
    'article',
    'incoming_email',
    'input_csat',
    'integrations',
    'sticker',
    'voice_call',
  ])
    .nullable()
    .optional(),
  status: openEnum(['sent', 'delivered', 'read', 'failed']).nullable().optional(),
  content_attributes: ContentAttributes.nullable().optional(),
  created_at: z.number(),
  private: z.boolean().optional(),
  source_id: z.string().nullable().optional(),
  sender: MessageSender.optional(),
  attachments: z.array(Attachment).optional(),
});
export type ConversationMessage = z.infer<typeof ConversationMessage>;

/** `meta` of `GET …/messages`: `assignee` only for a human assignee; last-seen times are ISO strings here. */
export const MessageListMeta = z.object({
  labels: z.array(z.string()).optional(),
  contact: MessageSender.nullable().optional(),
  assignee: MessageSender.nullable().optional(),
  agent_last_seen_at: z.string().nullable().optional(),
  assignee_last_seen_at: z.string().nullable().optional(),
});
export type MessageListMeta = z.infer<typeof MessageListMeta>;

export const MessageListResponse = z.object({ meta: MessageListMeta, payload: z.array(ConversationMessage) });

export interface ListMessagesParams {
  /** A message DATABASE id: only messages older than it (`id < before`). */
  before?: number;
}

export interface MessagePage {
  /** Oldest first, as Chatwoot sends them. */
  messages: ConversationMessage[];
  /**
   * False when Chatwoot certainly has nothing older (fewer than 20 came back). Chatwoot sends no
   * flag, so after a full window this is true and the next call may come back empty.
   */
  hasOlder: boolean;
  /** Pass as `before` to read the previous window (the smallest id of this one). */
  olderCursor: number | undefined;
  meta: MessageListMeta;
}

export interface NewMessage {
  content: string;
  /** A private note: visible to agents only, never sent to the contact. */
  private?: boolean;
  /** Chatwoot echoes it back (and in `message.created`), so a live update can be matched to this post. */
  echoId?: string;
}

/** Longest content Chatwoot accepts (`message.rb:79`); longer is a 422 anyway, refused here first. */
export const MAX_MESSAGE_LENGTH = 150_000;

export async function listMessages(http: Transport, accountId: number, displayId: number, params: ListMessagesParams = {}, opts?: CallOptions): Promise<MessagePage> {
  const before = params.before === undefined ? undefined : requireId(params.before, 'message id');
  const body = await http.call(
    'GET',
    `${conversation(accountId, displayId)}/messages`,
    { schema: MessageListResponse },
    { ...opts, query: { before }, resource: conversationResource(accountId, displayId) },
  );
  const messages = body.payload;
  const olderCursor = messages.length ? Math.min(...messages.map((m) => m.id)) : undefined;
  return { messages, hasOlder: messages.length >= MESSAGES_PER_PAGE, olderCursor, meta: body.meta };
}

/**
 * Posts a message (a private note with `private: true`). NOT idempotent: never retried; a failure
 * after sending says `maybeProcessed`, and the caller re-reads the messages (or matches `echoId`)
 * before offering to post again.
 */
export async function createMessage(http: Transport, accountId: number, displayId: number, message: NewMessage, opts?: CallOptions): Promise<ConversationMessage> {
  if (message.content.length > MAX_MESSAGE_LENGTH) throw new RangeError(`A message may have at most ${MAX_MESSAGE_LENGTH} characters (this one has ${message.content.length})`);
  const body: Record<string, unknown> = { content: message.content, private: message.private ?? false };
  if (message.echoId !== undefined) body.echo_id = message.echoId;
  return http.call(
    'POST',
    `${conversation(accountId, displayId)}/messages`,
    { schema: ConversationMessage },
    { ...opts, body, idempotent: false, resource: conversationResource(accountId, displayId) },
  );
}
