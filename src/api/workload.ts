/**
 * Workload: open conversations per agent or per team, from
 * `GET /api/v2/accounts/{id}/live_reports/grouped_conversation_metrics` (API-FACTS-LIVE §5.1).
 * Administrators only (others get 401 "not authorized to do this action"). Only groups with at
 * least one OPEN conversation are listed: a missing agent has 0, not "unknown" (`openCount` fills
 * that in). The `null` group holds unassigned and bot-assigned conversations.
 */
import * as z from 'zod';
import { requireId } from './assignment';
import type { CallOptions, Transport } from './http';
import { accountResource, accountV2 } from './paths';

export type WorkloadGroupBy = 'assignee_id' | 'team_id';

const count = z.number().int();
const groupId = z.number().int().nullable();

export const AssigneeMetrics = z.array(z.object({ open: count, unattended: count, unassigned: count, assignee_id: groupId }));
export const TeamMetrics = z.array(z.object({ open: count, unattended: count, unassigned: count, team_id: groupId }));

export interface WorkloadGroup {
  /** Agent or team id; `null` = no agent (unassigned or bot) / no team. */
  id: number | null;
  open: number;
  /** Open and waiting for a (first) reply. */
  unattended: number;
  /** Open and without a human agent (non-zero only in the `null` group when grouping by agent). */
  unassigned: number;
}

export interface WorkloadParams {
  /** Only conversations of this team (404 if the team does not exist). */
  teamId?: number;
}

export async function getWorkload(http: Transport, accountId: number, groupBy: WorkloadGroupBy, params: WorkloadParams = {}, opts?: CallOptions): Promise<WorkloadGroup[]> {
  const teamId = params.teamId === undefined ? undefined : requireId(params.teamId, 'team id');
  const path = `${accountV2(accountId)}/live_reports/grouped_conversation_metrics`;
  const resource = teamId === undefined ? accountResource(accountId) : `account ${accountId} or its team ${teamId}`;
  const init = { ...opts, query: { group_by: groupBy, team_id: teamId }, resource };
  if (groupBy === 'assignee_id') {
    const rows = await http.call('GET', path, { schema: AssigneeMetrics }, init);
    return rows.map((r) => ({ id: r.assignee_id, open: r.open, unattended: r.unattended, unassigned: r.unassigned }));
  }
  const rows = await http.call('GET', path, { schema: TeamMetrics }, init);
  return rows.map((r) => ({ id: r.team_id, open: r.open, unattended: r.unattended, unassigned: r.unassigned }));
}

/** Open conversations of one agent or team: 0 when the report has no row for it. */
export function openCount(groups: readonly WorkloadGroup[], id: number | null): number {
  return groups.find((g) => g.id === id)?.open ?? 0;
}
