// Team partial (§8.3) and the raw model JSON returned by team assignment (§8.4).

import type { Team } from '../model/types';
import { iso } from '../util/time';

export function teamJson(team: Team, viewerUserId: number | null): Record<string, unknown> {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: team.accountId,
    is_member: viewerUserId !== null && team.memberSet.has(viewerUserId),
  };
}

/** `render json: @team` — schema column order, ISO timestamps, no is_member. */
export function rawTeamJson(team: Team): Record<string, unknown> {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    allow_auto_assign: team.allowAutoAssign,
    account_id: team.accountId,
    created_at: iso(team.createdAt),
    updated_at: iso(team.updatedAt),
  };
}

export function teamPushData(team: Team): Record<string, unknown> {
  return { id: team.id, name: team.name };
}
