// Workload endpoints of API-FACTS-LIVE §5 (/api/v2): live_reports conversation_metrics and
// grouped_conversation_metrics, and reports/conversations (type=agent|account). Open
// conversations of the whole account (no inbox filter); administrators only. The callback
// order of live_reports is kept: team lookup (404), group_by (422), then authorization (401).

import type { Conversation } from '../model/types';
import { isAdministrator } from '../policies';
import { Errors, json, type Reply } from '../reply';
import { castId, rubyToI } from '../util/ruby';
import type { World } from '../world';
import { accountOf, type Handler, type RouteContext } from './context';

/** `Conversation.unattended` (conversation.rb:81): no first reply yet, or waiting. */
export function isUnattended(c: Conversation): boolean {
  return c.firstReplyCreatedAt === null || c.waitingSince !== null;
}

/** ReportPolicy#view?: administrators (custom roles with report_manage are not modelled). */
function authorizeReport(ctx: RouteContext): void {
  if (!isAdministrator(ctx.member)) throw Errors.notAuthorized();
}

/** `team_id` present → `Current.account.teams.find` (404), restricting to that team. */
function scopedConversations(ctx: RouteContext): readonly Conversation[] {
  const accountId = accountOf(ctx).id;
  const all = ctx.world.store.accountConversations(accountId);
  const raw = ctx.params.team_id;
  if (raw === undefined || raw === null || raw === '') return all;
  const team = ctx.world.store.teamInAccount(accountId, castId(raw));
  if (!team) throw Errors.notFound();
  return all.filter((c) => c.teamId === team.id);
}

export const conversationMetrics: Handler = (ctx) => {
  const rows = scopedConversations(ctx);
  authorizeReport(ctx);
  const open = rows.filter((c) => c.status === 'open');
  return json({
    open: open.length,
    unattended: open.filter(isUnattended).length,
    unassigned: open.filter((c) => c.assigneeId === null).length,
    pending: rows.filter((c) => c.status === 'pending').length,
  });
};

interface Group {
  key: number | null;
  open: number;
  unattended: number;
  unassigned: number;
}

/**
 * One element per group with at least one open conversation (zero-load agents are absent);
 * the `null` group holds unassigned (and bot-assigned) conversations. PostgreSQL's GROUP BY
 * order is unspecified; the fake sorts ids ascending with null last (do not rely on it).
 */
export const groupedConversationMetrics: Handler = (ctx) => {
  const rows = scopedConversations(ctx);
  const groupBy = ctx.params.group_by;
  if (groupBy !== 'assignee_id' && groupBy !== 'team_id') throw Errors.unprocessable({ error: 'invalid group_by' });
  authorizeReport(ctx);
  const groups = new Map<number | null, Group>();
  for (const c of rows) {
    if (c.status !== 'open') continue;
    const key = groupBy === 'assignee_id' ? c.assigneeId : c.teamId;
    let group = groups.get(key);
    if (!group) {
      group = { key, open: 0, unattended: 0, unassigned: 0 };
      groups.set(key, group);
    }
    group.open += 1;
    if (isUnattended(c)) group.unattended += 1;
    if (c.assigneeId === null) group.unassigned += 1;
  }
  const sorted = [...groups.values()].sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.key - b.key));
  return json(sorted.map((g) => ({ open: g.open, unattended: g.unattended, unassigned: g.unassigned, [groupBy]: g.key })));
};

/** `head :unprocessable_entity`: no body. */
function headUnprocessable(): Reply {
  return { status: 422, contentType: 'application/json', body: '' };
}

const REPORT_PAGE_SIZE = 25;

function agentRows(world: World, accountId: number, page: number): Record<string, unknown>[] {
  const { store } = world;
  const members = store.accountMembers(accountId).slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE);
  const open = store.accountConversations(accountId).filter((c) => c.status === 'open');
  const rows = members.map((member) => {
    const user = store.users.get(member.userId);
    const mine = open.filter((c) => c.assigneeId === member.userId);
    return {
      id: member.userId,
      name: user ? user.name : null,
      email: user ? user.email : null,
      thumbnail: '',
      availability: store.availabilityStatus(accountId, member.userId),
      metric: { open: mine.length, unattended: mine.filter(isUnattended).length },
    };
  });
  // Sorted by open count (descending) within the page only; ties keep account-user order.
  return rows.sort((a, b) => b.metric.open - a.metric.open);
}

/** GET /api/v2/accounts/{id}/reports/conversations?type=agent|account[&page=] (LIVE §5.3). */
export const reportConversations: Handler = (ctx) => {
  authorizeReport(ctx);
  const accountId = accountOf(ctx).id;
  const type = ctx.params.type;
  if (type === 'agent') return json(agentRows(ctx.world, accountId, Math.max(1, rubyToI(ctx.params.page))));
  if (type === 'account') {
    const open = ctx.world.store.accountConversations(accountId).filter((c) => c.status === 'open');
    // `pending` counts open.pending, so it is always 0 (report_builder.rb:135).
    return json({ open: open.length, unattended: open.filter(isUnattended).length, unassigned: open.filter((c) => c.assigneeId === null).length, pending: 0 });
  }
  return headUnprocessable();
};
