// GET and POST conversations/{display_id}/messages (API-FACTS-LIVE §3, §4). The reader is
// MessageFinder: message *database ids* filter the rows, created_at orders them, and the
// window sizes differ (20 newest / 20 before / 100 after / ≤1000 between). The writer is
// the MessageBuilder path of a private note or an outgoing message (engine/messages.ts).

import { createMessage, MAX_CONTENT_LENGTH } from '../engine/messages';
import type { Caller, Conversation, Message, SenderRef } from '../model/types';
import { isRecord, scalarString } from '../params';
import { authorizeConversation } from '../policies';
import { Errors, json } from '../reply';
import { contactPushData } from '../serializers/contact';
import { userPushData } from '../serializers/agent';
import { messageJson } from '../serializers/message';
import { rubyToI } from '../util/ruby';
import { isoOrNull } from '../util/time';
import type { World } from '../world';
import { findConversation, type Handler } from './context';

/** Rails `present?` for a query value: nil, "" and whitespace are blank. */
function present(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

const byCreatedAsc = (a: Message, b: Message): number => a.createdAt - b.createdAt || a.id - b.id;

/** MessageFinder#current_messages (message_finder.rb:17-49). */
export function findMessages(conversation: Conversation, params: Record<string, unknown>): Message[] {
  let rows = conversation.messages;
  if (present(params.filter_internal_messages)) rows = rows.filter((m) => !m.private && m.messageType !== 2);
  const hasAfter = present(params.after);
  const hasBefore = present(params.before);
  const newest = (list: Message[], limit: number): Message[] => [...list].sort(byCreatedAsc).slice(-limit);
  if (hasAfter && hasBefore) {
    const after = rubyToI(params.after);
    const before = rubyToI(params.before);
    return rows
      .filter((m) => m.id >= after && m.id < before)
      .sort(byCreatedAsc)
      .slice(0, 1000);
  }
  if (hasBefore) {
    const before = rubyToI(params.before);
    return newest(
      rows.filter((m) => m.id < before),
      20,
    );
  }
  if (hasAfter) {
    const after = rubyToI(params.after);
    return rows
      .filter((m) => m.id > after)
      .sort(byCreatedAsc)
      .slice(0, 100);
  }
  if (present(params.before_timestamp)) {
    const cutoff = rubyToI(params.before_timestamp);
    return newest(
      rows.filter((m) => m.createdAt < cutoff),
      20,
    );
  }
  return newest(rows, 20);
}

/** messages/index.json.jbuilder `meta`: assignee only for a human assignee; seen-at as ISO strings. */
function indexMeta(world: World, conversation: Conversation): Record<string, unknown> {
  const contact = world.store.contacts.get(conversation.contactId);
  const assignee = conversation.assigneeId === null ? undefined : world.store.users.get(conversation.assigneeId);
  return {
    labels: [...conversation.labels],
    additional_attributes: {},
    contact: contact ? contactPushData(contact) : null,
    assignee: assignee ? userPushData(world, conversation.accountId, assignee) : undefined,
    agent_last_seen_at: isoOrNull(conversation.agentLastSeenAt),
    assignee_last_seen_at: isoOrNull(conversation.assigneeLastSeenAt),
  };
}

export const index: Handler = (ctx) => {
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(ctx.world.store, ctx.caller, ctx.member, conversation);
  const rows = findMessages(conversation, ctx.params);
  return json({
    meta: indexMeta(ctx.world, conversation),
    payload: rows.map((m) => messageJson(ctx.world, conversation, m)),
  });
};

const CONTENT_TYPES = [
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
];
const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'];

/** Rails boolean cast of `private` (ActiveModel::Type::Boolean). */
function castBoolean(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  return !['false', 'f', '0', 'off', 'FALSE', 'F', 'OFF', 'False', 'Off', 0, false].includes(value as string | number | boolean);
}

/** MessageBuilder#sender: incoming messages come from the contact, others from the caller. */
function senderOf(caller: Caller, conversation: Conversation, messageType: string): SenderRef | null {
  if (messageType === 'incoming') return { type: 'Contact', id: conversation.contactId };
  if (caller.kind === 'user') return { type: 'User', id: caller.user.id };
  if (caller.kind === 'bot') return { type: 'AgentBot', id: caller.bot.id };
  return null;
}

/** POST …/messages: any StandardError in build/save → 422 {"error": message} (LIVE §4). */
export const create: Handler = (ctx) => {
  const { world, params } = ctx;
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(world.store, ctx.caller, ctx.member, conversation);
  world.clock.tick();
  const fail = (error: string) => Errors.unprocessable({ error });
  const rawContent = params.content;
  const content = rawContent === null || rawContent === undefined ? '' : (scalarString(rawContent) ?? JSON.stringify(rawContent));
  const contentType = params.content_type === undefined || params.content_type === null ? 'text' : (scalarString(params.content_type) ?? '');
  if (!CONTENT_TYPES.includes(contentType)) throw fail(`'${contentType}' is not a valid content_type`);
  const messageTypeParam = params.message_type === undefined || params.message_type === null ? 'outgoing' : (scalarString(params.message_type) ?? '');
  if (!MESSAGE_TYPES.includes(messageTypeParam)) throw fail(`'${messageTypeParam}' is not a valid message_type`);
  if (content.length > MAX_CONTENT_LENGTH) throw fail(`Validation failed: Content is too long (maximum is ${MAX_CONTENT_LENGTH} characters)`);
  const echoId = params.echo_id === undefined || params.echo_id === null ? undefined : (scalarString(params.echo_id) ?? undefined);
  const contentAttributes = isRecord(params.content_attributes) ? { ...params.content_attributes } : undefined;
  const result = createMessage(
    world,
    conversation,
    {
      content,
      private: castBoolean(params.private),
      messageType: MESSAGE_TYPES.indexOf(messageTypeParam) as 0 | 1 | 2 | 3,
      contentType,
      contentAttributes,
      sender: senderOf(ctx.caller, conversation, messageTypeParam),
      echoId,
    },
    ctx.caller,
  );
  if (typeof result === 'string') throw fail(result);
  return json(messageJson(world, conversation, result, echoId));
};
