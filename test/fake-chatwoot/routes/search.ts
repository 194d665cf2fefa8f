// GET search/conversations (§6.6): display id or contact name/email/phone/identifier
// (ILIKE substring), visible inboxes only, newest created first, 15 per page.

import { paginate } from '../finder';
import type { Conversation } from '../model/types';
import { scalarString } from '../params';
import { visibleInboxIds } from '../policies';
import { json } from '../reply';
import { searchConversationJson } from '../serializers/conversation';
import { ilikeContains } from '../util/ruby';
import { accountOf, memberOf, type Handler } from './context';

const SEARCH_PER_PAGE = 15;

export const conversations: Handler = (ctx) => {
  const { store } = ctx.world;
  const accountId = accountOf(ctx).id;
  const visible = visibleInboxIds(store, accountId, memberOf(ctx));
  // "%#{params[:q]}%": a missing q matches everything.
  const q = scalarString(ctx.params.q) ?? '';
  const rows: Conversation[] = [];
  for (const c of store.accountConversations(accountId)) {
    if (!visible.has(c.inboxId)) continue;
    const contact = store.contacts.get(c.contactId);
    const hit =
      ilikeContains(String(c.displayId), q) || (contact !== undefined && [contact.name, contact.email, contact.phoneNumber, contact.identifier].some((v) => ilikeContains(v, q)));
    if (hit) rows.push(c);
  }
  rows.sort((a, b) => b.createdAt - a.createdAt || b.dbId - a.dbId);
  const page = paginate(rows, ctx.params.page, SEARCH_PER_PAGE);
  return json({ payload: { conversations: page.map((c) => searchConversationJson(ctx.world, c)) } });
};
