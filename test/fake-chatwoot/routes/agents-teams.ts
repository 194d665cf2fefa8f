// GET agents (§6.12), teams and teams/{id} (§6.13), teams/{id}/team_members (§6.14).
// Any member of the account may read them.

import type { User } from '../model/types';
import { Errors, json } from '../reply';
import { agentJson } from '../serializers/agent';
import { teamJson } from '../serializers/team';
import { pathId } from '../util/ruby';
import { accountOf, viewerId, type Handler, type RouteContext } from './context';

export const agents: Handler = (ctx) => {
  const account = accountOf(ctx);
  const { store } = ctx.world;
  const users = store
    .accountMembers(account.id)
    .map((m) => store.users.get(m.userId))
    .filter((u): u is User => u !== undefined)
    // ORDER BY lower(name); equal names keep id order.
    .sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()) || a.id - b.id);
  return json(users.map((u) => agentJson(ctx.world, account.id, u)));
};

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function findTeam(ctx: RouteContext, segment: string) {
  const team = ctx.world.store.teamInAccount(accountOf(ctx).id, pathId(segment));
  if (!team) throw Errors.notFound();
  return team;
}

export const teams: Handler = (ctx) => {
  const viewer = viewerId(ctx);
  return json(ctx.world.store.accountTeams(accountOf(ctx).id).map((t) => teamJson(t, viewer)));
};

export const team: Handler = (ctx) => json(teamJson(findTeam(ctx, ctx.path.id), viewerId(ctx)));

export const teamMembers: Handler = (ctx) => {
  const found = findTeam(ctx, ctx.path.team_id);
  const accountId = accountOf(ctx).id;
  const { store } = ctx.world;
  const members = found.memberIds.map((id) => store.users.get(id)).filter((u): u is User => u !== undefined);
  return json(members.map((u) => agentJson(ctx.world, accountId, u)));
};
