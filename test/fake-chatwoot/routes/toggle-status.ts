// POST conversations/{display_id}/toggle_status (§6.10).

import type { ConversationStatus } from '../model/types';
import { STATUSES } from '../model/types';
import { given } from '../params';
import { authorizeConversation } from '../policies';
import { Errors, json } from '../reply';
import { saveConversation } from '../engine/save';
import { isValidSeconds, isoOrNull } from '../util/time';
import { actorOf, findConversation, type Handler } from './context';

/** Rails `present?`: nil, false and blank strings are not present. */
function present(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Enum assignment: names or their integer values; anything else raises → 500. */
function parseStatus(value: unknown): ConversationStatus {
  if (typeof value === 'string' && (STATUSES as readonly string[]).includes(value)) return value as ConversationStatus;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < STATUSES.length) return STATUSES[value];
  throw Errors.internal();
}

/** `DateTime.strptime(value.to_s, '%s')`: whole Unix seconds, anything else raises → 500. */
function parseUnix(value: unknown): number {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!/^-?\d+$/.test(text)) throw Errors.internal();
  const seconds = Number.parseInt(text, 10);
  if (!isValidSeconds(seconds)) throw Errors.internal();
  return seconds;
}

export const toggleStatus: Handler = (ctx) => {
  const { world, params, caller } = ctx;
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(world.store, caller, ctx.member, conversation);
  world.clock.tick();
  const actor = actorOf(caller);

  let status: ConversationStatus;
  let snoozedUntil: number | undefined;
  if (present(params.status)) {
    status = parseStatus(params.status);
    if (given(params, 'snoozed_until')) snoozedUntil = parseUnix(params.snoozed_until);
  } else {
    status = conversation.status === 'open' ? 'resolved' : 'open';
  }
  // First save: status (and inbox auto-assignment when it becomes open, §7.1 step 5).
  saveConversation(world, conversation, { status, snoozedUntil }, actor);
  // Second save: an *agent* reopening a conversation takes it (admins and bots do not).
  if (conversation.status === 'open' && caller.kind === 'user' && ctx.member?.role === 'agent') {
    saveConversation(world, conversation, { assigneeId: caller.user.id }, actor);
  }
  return json({
    meta: {},
    payload: {
      success: true,
      conversation_id: conversation.displayId,
      current_status: conversation.status,
      snoozed_until: isoOrNull(conversation.snoozedUntil),
    },
  });
};
