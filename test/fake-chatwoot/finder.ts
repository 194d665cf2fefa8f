// ConversationFinder (§6.3): the list, meta and /conversations/search endpoints share it.
// One linear pass over the account's conversations applies the filters and counts,
// then assignee_type, sort and paging run on the survivors.

import type { AccountUser, Conversation, ConversationStatus } from './model/types';
import { PRIORITY_RANK, STATUSES } from './model/types';
import { given, scalarString, type Params } from './params';
import { visibleInboxIds } from './policies';
import { Errors } from './reply';
import { castId, ilikeContains, rubyToI } from './util/ruby';
import type { World } from './world';

export interface Counts {
  mine: number;
  assigned: number;
  unassigned: number;
  all: number;
}

export interface FinderResult {
  counts: Counts;
  rows: Conversation[];
  /** The `q` text when given (the search endpoint shows only matching messages). */
  query: string | null;
}

export interface FinderScope {
  accountId: number;
  member: AccountUser;
}

/** Bot-assigned rows count as unassigned in 4.10 and as assigned in the v4.17 profile (§10). */
export function isUnassigned(world: World, c: Conversation): boolean {
  return c.assigneeId === null && (world.config.profile === 'v4.10' || c.assigneeAgentBotId === null);
}

export function findConversations(world: World, scope: FinderScope, params: Params, withRows: boolean): FinderResult {
  const { store } = world;
  const userId = scope.member.userId;
  // set_team runs first in the real finder: an unknown team is a 404 whatever the rest.
  let teamId: number | null = null;
  if (given(params, 'team_id')) {
    const team = store.teamInAccount(scope.accountId, castId(params.team_id));
    if (!team) throw Errors.notFound();
    teamId = team.id;
  }
  const inboxIds = inboxScope(world, scope, params);
  const query = given(params, 'q') ? (scalarString(params.q) ?? '') : null;
  const statusFilter = query === null ? statusParam(params) : undefined;
  const labels = given(params, 'labels') ? labelList(params.labels) : null;
  const sourceId = given(params, 'source_id') ? scalarString(params.source_id) : undefined;
  const conversationType = scalarString(params.conversation_type);
  // Seed and fake track no mentions/participants, so those two types yield nothing.
  const nothing = conversationType === 'mention' || conversationType === 'participating';

  const rows: Conversation[] = [];
  const counts: Counts = { mine: 0, assigned: 0, unassigned: 0, all: 0 };
  if (!nothing) {
    for (const c of store.accountConversations(scope.accountId)) {
      if (!inboxIds.has(c.inboxId)) continue;
      if (conversationType === 'unattended' && !(c.firstReplyCreatedAt === null || c.waitingSince !== null)) continue;
      if (statusFilter !== undefined && (statusFilter === null || c.status !== statusFilter)) continue;
      if (teamId !== null && c.teamId !== teamId) continue;
      if (labels !== null && !labels.some((l) => c.labels.includes(l))) continue;
      if (query !== null && !c.messages.some((m) => (m.messageType === 0 || m.messageType === 1) && ilikeContains(m.content, query))) continue;
      if (sourceId !== undefined && store.contactInboxes.get(c.contactInboxId)?.sourceId !== sourceId) continue;
      counts.all += 1;
      if (c.assigneeId === userId) counts.mine += 1;
      if (isUnassigned(world, c)) counts.unassigned += 1;
      rows.push(c);
    }
  }
  counts.assigned = counts.all - counts.unassigned;
  if (!withRows) return { counts, rows: [], query };
  return { counts, rows: pageRows(world, sortRows(filterAssigneeType(world, rows, params, userId), params), params), query };
}

/** Inboxes the caller may list, narrowed by `inbox_id` (inaccessible → empty, no error). */
function inboxScope(world: World, scope: FinderScope, params: Params): Set<number> {
  const visible = visibleInboxIds(world.store, scope.accountId, scope.member);
  if (!given(params, 'inbox_id')) return visible;
  const raw = params.inbox_id;
  const wanted = (Array.isArray(raw) ? raw : [raw]).map(castId);
  return new Set(wanted.filter((id): id is number => id !== null && visible.has(id)));
}

/** undefined = no status filter; null = a value that matches nothing; else the status. */
function statusParam(params: Params): ConversationStatus | null | undefined {
  if (!given(params, 'status')) return 'open';
  const value = params.status;
  if (value === 'all') return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < STATUSES.length) return STATUSES[value];
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value) ? (value as ConversationStatus) : null;
}

/** `labels[]=a&labels[]=b` or `labels=a,b`. */
export function labelList(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value
      .map(scalarString)
      .filter((s): s is string => s !== undefined && s.trim() !== '')
      .map((s) => s.trim());
  }
  const text = scalarString(value);
  return text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
}

function filterAssigneeType(world: World, rows: Conversation[], params: Params, userId: number): Conversation[] {
  switch (params.assignee_type) {
    case 'me':
      return rows.filter((c) => c.assigneeId === userId);
    case 'unassigned':
      return rows.filter((c) => isUnassigned(world, c));
    case 'assigned':
      return rows.filter((c) => !isUnassigned(world, c));
    default:
      return rows;
  }
}

type Comparator = (a: Conversation, b: Conversation) => number;

const byLastActivity =
  (dir: 1 | -1): Comparator =>
  (a, b) =>
    dir * (a.lastActivityAt - b.lastActivityAt);
const byCreated =
  (dir: 1 | -1): Comparator =>
  (a, b) =>
    dir * (a.createdAt - b.createdAt);
/** NULLS LAST, then `then` (SortHandler). */
const nullsLast =
  (key: (c: Conversation) => number | null, dir: 1 | -1, then: Comparator): Comparator =>
  (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? then(a, b) : ka === null ? 1 : -1;
    return ka !== kb ? dir * (ka - kb) : then(a, b);
  };
const priorityKey = (c: Conversation): number | null => (c.priority === null ? null : PRIORITY_RANK[c.priority]);

const SORTS: Readonly<Record<string, Comparator>> = {
  latest: byLastActivity(-1),
  last_activity_at_desc: byLastActivity(-1),
  last_activity_at_asc: byLastActivity(1),
  created_at_asc: byCreated(1),
  sort_on_created_at: byCreated(1),
  created_at_desc: byCreated(-1),
  priority_asc: nullsLast(priorityKey, 1, byLastActivity(-1)),
  priority_desc: nullsLast(priorityKey, -1, byLastActivity(-1)),
  sort_on_priority: nullsLast(priorityKey, -1, byLastActivity(-1)),
  waiting_since_asc: nullsLast((c) => c.waitingSince, 1, byCreated(1)),
  sort_on_waiting_since: nullsLast((c) => c.waitingSince, 1, byCreated(1)),
  waiting_since_desc: nullsLast((c) => c.waitingSince, -1, byCreated(1)),
};

/** Unknown sort_by → default; equal keys → db id descending (§6.3 step 11). */
export function sortRows(rows: Conversation[], params: Params): Conversation[] {
  const key = scalarString(params.sort_by);
  const primary = (key !== undefined && Object.hasOwn(SORTS, key) ? SORTS[key] : undefined) ?? SORTS.last_activity_at_desc;
  return rows.sort((a, b) => primary(a, b) || b.dbId - a.dbId);
}

/** `updated_within` disables paging; otherwise Kaminari pages of `per_page` (§6.3 step 12). */
function pageRows(world: World, rows: Conversation[], params: Params): Conversation[] {
  const within = params.updated_within;
  const present = typeof within === 'number' || (typeof within === 'string' && within.trim() !== '');
  if (present) {
    const since = world.clock.now() - rubyToI(within);
    return rows.filter((c) => c.updatedAt > since);
  }
  return paginate(rows, params.page, world.config.perPage);
}

export function paginate<T>(rows: T[], pageParam: unknown, perPage: number): T[] {
  const page = Math.max(1, rubyToI(pageParam));
  return rows.slice((page - 1) * perPage, page * perPage);
}
