// GET inboxes (§6.15), inbox_members/{id} (§6.16), assignable_agents (§6.17) and the
// deprecated inboxes/{id}/assignable_agents (§6.18).

import type { Inbox, User } from '../model/types';
import { arrayParam } from '../params';
import { authorizeInbox, canAccessInbox, isAdministrator } from '../policies';
import { Errors, json } from '../reply';
import { agentJson } from '../serializers/agent';
import { inboxJson } from '../serializers/inbox';
import { castId, pathId } from '../util/ruby';
import { compareText } from './agents-teams';
import { accountOf, memberOf, type Handler, type RouteContext } from './context';

export const index: Handler = (ctx) => {
  const member = memberOf(ctx);
  const admin = isAdministrator(member);
  const inboxes = ctx.world.store
    .accountInboxes(accountOf(ctx).id)
    .filter((inbox) => canAccessInbox(member, inbox))
    .sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id);
  return json({ payload: inboxes.map((inbox) => inboxJson(inbox, admin)) });
};

function findInbox(ctx: RouteContext, segment: string): Inbox {
  const inbox = ctx.world.store.inboxInAccount(accountOf(ctx).id, pathId(segment));
  if (!inbox) throw Errors.notFound();
  return inbox;
}

function usersById(ctx: RouteContext, ids: Iterable<number>): User[] {
  const out: User[] = [];
  for (const id of ids) {
    const user = ctx.world.store.users.get(id);
    if (user) out.push(user);
  }
  return out;
}

function payload(ctx: RouteContext, users: User[]) {
  const accountId = accountOf(ctx).id;
  return json({ payload: users.map((u) => agentJson(ctx.world, accountId, u)) });
}

export const members: Handler = (ctx) => {
  const inbox = findInbox(ctx, ctx.path.id);
  authorizeInbox(ctx.member, inbox);
  return payload(ctx, usersById(ctx, inbox.memberIds));
};

/** Members of every listed inbox (user-id order), then the account's other administrators. */
function assignable(ctx: RouteContext, inboxes: Inbox[]): User[] {
  let common: number[] | null = null;
  for (const inbox of inboxes) {
    const ids = [...inbox.memberIds].sort((a, b) => a - b);
    common = common === null ? ids : common.filter((id) => inbox.memberSet.has(id));
  }
  const accountId = accountOf(ctx).id;
  const store = ctx.world.store;
  const listed = (common ?? []).filter((id) => store.membership(accountId, id));
  const seen = new Set(listed);
  const admins = store
    .accountMembers(accountId)
    .filter((m) => m.role === 'administrator' && !seen.has(m.userId))
    .map((m) => m.userId)
    .sort((a, b) => a - b);
  return usersById(ctx, [...listed, ...admins]);
}

export const assignableAgents: Handler = (ctx) => {
  // params.permit(inbox_ids: []): missing, empty or scalar → find(nil) → 404.
  const raw = arrayParam(ctx.params, 'inbox_ids');
  if (!raw || raw.length === 0) throw Errors.notFound();
  const accountId = accountOf(ctx).id;
  const inboxes: Inbox[] = [];
  for (const value of raw) {
    const inbox = ctx.world.store.inboxInAccount(accountId, castId(value));
    if (!inbox) throw Errors.notFound(); // find(ids) raises when any id is missing
    if (!inboxes.includes(inbox)) inboxes.push(inbox);
  }
  for (const inbox of inboxes) authorizeInbox(ctx.member, inbox);
  return payload(ctx, assignable(ctx, inboxes));
};

export const inboxAssignableAgents: Handler = (ctx) => {
  const inbox = findInbox(ctx, ctx.path.id);
  authorizeInbox(ctx.member, inbox);
  return payload(ctx, assignable(ctx, [inbox]));
};
