// GET conversations (§6.3), /meta (§6.4), /search (§6.5) and /{display_id} (§6.8).

import { findConversations, type Counts, type FinderScope } from '../finder';
import { authorizeConversation } from '../policies';
import { json } from '../reply';
import { conversationJson, slimConversationJson } from '../serializers/conversation';
import { ilikeContains } from '../util/ruby';
import { accountOf, findConversation, memberOf, viewerId, type Handler, type RouteContext } from './context';

function scope(ctx: RouteContext): FinderScope {
  return { accountId: accountOf(ctx).id, member: memberOf(ctx) };
}

function fullCounts(counts: Counts): Record<string, number> {
  return { mine_count: counts.mine, assigned_count: counts.assigned, unassigned_count: counts.unassigned, all_count: counts.all };
}

/** search and filter omit assigned_count. */
export function shortCounts(counts: Counts): Record<string, number> {
  return { mine_count: counts.mine, unassigned_count: counts.unassigned, all_count: counts.all };
}

export const index: Handler = (ctx) => {
  const result = findConversations(ctx.world, scope(ctx), ctx.params, true);
  const viewer = viewerId(ctx);
  return json({
    data: {
      meta: fullCounts(result.counts),
      payload: result.rows.map((c) => conversationJson(ctx.world, c, viewer)),
    },
  });
};

export const meta: Handler = (ctx) => {
  const result = findConversations(ctx.world, scope(ctx), ctx.params, false);
  return json({ meta: fullCounts(result.counts) });
};

/** Same finder; each item is the slim partial with only the messages matching `q`. */
export const search: Handler = (ctx) => {
  const result = findConversations(ctx.world, scope(ctx), ctx.params, true);
  const q = result.query;
  return json({
    meta: shortCounts(result.counts),
    payload: result.rows.map((c) => {
      const messages = q === null ? c.messages : c.messages.filter((m) => (m.messageType === 0 || m.messageType === 1) && ilikeContains(m.content, q));
      return slimConversationJson(ctx.world, c, messages);
    }),
  });
};

export const show: Handler = (ctx) => {
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(ctx.world.store, ctx.caller, ctx.member, conversation);
  return json(conversationJson(ctx.world, conversation, viewerId(ctx)));
};
