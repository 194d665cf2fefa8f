// GET/PATCH conversations/{display_id}/participants (API-FACTS-LIVE §8.2): the one part of
// an undo that can be repaired. PATCH sets the exact list; users without access to the
// inbox (not an administrator, not an inbox member) fail ConversationParticipant's
// validation inside find_or_create_by and are skipped silently.

import { isAdministrator, authorizeConversation } from '../policies';
import { json } from '../reply';
import { agentJsonById } from '../serializers/agent';
import { castId } from '../util/ruby';
import type { World } from '../world';
import type { Conversation } from '../model/types';
import { accountOf, findConversation, type Handler } from './context';

function participantsJson(world: World, conversation: Conversation): unknown[] {
  return (conversation.participantIds ?? []).flatMap((id) => {
    const agent = agentJsonById(world, conversation.accountId, id);
    return agent ? [agent] : [];
  });
}

export const show: Handler = (ctx) => {
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(ctx.world.store, ctx.caller, ctx.member, conversation);
  return json(participantsJson(ctx.world, conversation));
};

export const update: Handler = (ctx) => {
  const { world } = ctx;
  const { store } = world;
  const accountId = accountOf(ctx).id;
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(store, ctx.caller, ctx.member, conversation);
  world.clock.tick();
  const raw = ctx.params.user_ids;
  const wanted = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(castId).filter((id): id is number => id !== null && Number.isInteger(id));
  const inbox = store.inboxes.get(conversation.inboxId);
  const current = conversation.participantIds ?? [];
  const added = wanted.filter((id) => {
    if (current.includes(id)) return false;
    const member = store.membership(accountId, id);
    return member !== undefined && (isAdministrator(member) || (inbox?.memberSet.has(id) ?? false));
  });
  conversation.participantIds = [...current.filter((id) => wanted.includes(id)), ...new Set(added)];
  return json(participantsJson(world, conversation));
};
