// What a controller action receives once §3 steps 1–3 have passed, plus the lookups
// (step 4) and caller helpers every action shares.

import type { Account, AccountUser, Actor, Caller, Conversation, User } from '../model/types';
import type { Params } from '../params';
import { Errors, type Reply } from '../reply';
import { pathId } from '../util/ruby';
import type { World } from '../world';

export interface RouteContext {
  world: World;
  params: Params;
  caller: Caller;
  /** Set for account-scoped routes. */
  account: Account | null;
  member: AccountUser | null;
  /** Path segments captured by `:name` placeholders. */
  path: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RouteContext) => Reply;

export function accountOf(ctx: RouteContext): Account {
  if (!ctx.account) throw new Error('route is not account-scoped');
  return ctx.account;
}

/** The user behind a route that bots cannot reach (the pipeline guarantees it). */
export function userOf(ctx: RouteContext): User {
  if (ctx.caller.kind !== 'user') throw Errors.botsNotAllowed();
  return ctx.caller.user;
}

export function memberOf(ctx: RouteContext): AccountUser {
  if (!ctx.member) throw Errors.notAuthorized();
  return ctx.member;
}

export function viewerId(ctx: RouteContext): number | null {
  return ctx.caller.kind === 'user' ? ctx.caller.user.id : null;
}

/** Activity-message actor: the user or bot behind the token (§7.2). */
export function actorOf(caller: Caller): Actor | null {
  if (caller.kind === 'user') return { id: caller.user.id, name: caller.user.name };
  if (caller.kind === 'bot') return { id: caller.bot.id, name: caller.bot.name };
  return null;
}

/** `Current.account.conversations.find_by!(display_id:)` → 404 on a miss. */
export function findConversation(ctx: RouteContext, segment: string): Conversation {
  const displayId = pathId(segment);
  const conversation = displayId === null ? undefined : ctx.world.store.conversationByDisplay(accountOf(ctx).id, displayId);
  if (!conversation) throw Errors.notFound();
  return conversation;
}
