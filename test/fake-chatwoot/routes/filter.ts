// POST conversations/filter (§6.7), the minimal subset: attribute keys status,
// assignee_id, inbox_id, team_id, priority, display_id, labels; operators equal_to,
// not_equal_to, is_present, is_not_present; AND/OR folded left to right. Comparisons
// follow SQL: a NULL column never satisfies equal_to / not_equal_to.

import { isUnassigned, paginate } from '../finder';
import type { Conversation } from '../model/types';
import { isRecord, scalarString } from '../params';
import { visibleInboxIds } from '../policies';
import { Errors, json } from '../reply';
import { conversationJson } from '../serializers/conversation';
import { castId } from '../util/ruby';
import { shortCounts } from './conversations';
import { accountOf, memberOf, viewerId, type Handler } from './context';

const KEYS = ['status', 'assignee_id', 'inbox_id', 'team_id', 'priority', 'display_id', 'labels'] as const;
type Key = (typeof KEYS)[number];
const OPERATORS = ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'] as const;
type Operator = (typeof OPERATORS)[number];

interface Condition {
  key: Key;
  operator: Operator;
  values: unknown[];
  join: 'AND' | 'OR';
}

const invalid = (error: string) => Errors.unprocessable({ error });

function parseConditions(payload: unknown): Condition[] {
  // The real service iterates params[:payload]; without an array it crashes (500).
  if (!Array.isArray(payload)) throw Errors.internal();
  return payload.map((item) => {
    if (!isRecord(item)) throw invalid('Invalid filter payload');
    const key = scalarString(item.attribute_key) ?? '';
    if (!(KEYS as readonly string[]).includes(key)) throw invalid(`Invalid attribute key - [${key}]`);
    const operator = scalarString(item.filter_operator) ?? '';
    if (!(OPERATORS as readonly string[]).includes(operator)) {
      throw invalid(`Invalid operator. The allowed operators for ${key} are [${OPERATORS.join(',')}].`);
    }
    const rawJoin = item.query_operator;
    const join = rawJoin === null || rawJoin === undefined ? 'AND' : (scalarString(rawJoin) ?? '').toUpperCase();
    if (join !== 'AND' && join !== 'OR') throw invalid('Invalid query operator. The allowed query operators are [AND,OR].');
    const raw = item.values;
    const values = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v): unknown => (isRecord(v) && 'id' in v ? v.id : v));
    return { key: key as Key, operator: operator as Operator, values, join };
  });
}

function columnValue(c: Conversation, key: Exclude<Key, 'labels'>): string | number | null {
  switch (key) {
    case 'status': return c.status;
    case 'assignee_id': return c.assigneeId;
    case 'inbox_id': return c.inboxId;
    case 'team_id': return c.teamId;
    case 'priority': return c.priority;
    case 'display_id': return c.displayId;
  }
}

function matches(c: Conversation, cond: Condition): boolean {
  if (cond.key === 'labels') {
    const wanted = cond.values.map((v) => String(v));
    const any = c.labels.some((l) => wanted.includes(l));
    switch (cond.operator) {
      case 'equal_to': return any;
      case 'not_equal_to': return !any;
      case 'is_present': return c.labels.length > 0;
      case 'is_not_present': return c.labels.length === 0;
    }
  }
  const value = columnValue(c, cond.key);
  if (cond.operator === 'is_present') return value !== null;
  if (cond.operator === 'is_not_present') return value === null;
  if (value === null) return false;
  const numeric = typeof value === 'number';
  const hit = cond.values.some((v) => (numeric ? castId(v) === value : scalarString(v) === value));
  return cond.operator === 'equal_to' ? hit : !hit;
}

export const filter: Handler = (ctx) => {
  const { world } = ctx;
  const accountId = accountOf(ctx).id;
  const member = memberOf(ctx);
  const conditions = parseConditions(ctx.params.payload);
  const visible = visibleInboxIds(world.store, accountId, member);
  const rows = world.store.accountConversations(accountId).filter((c) => {
    if (!visible.has(c.inboxId)) return false;
    if (conditions.length === 0) return true;
    let result = matches(c, conditions[0]);
    for (let i = 1; i < conditions.length; i += 1) {
      result = conditions[i - 1].join === 'AND' ? result && matches(c, conditions[i]) : result || matches(c, conditions[i]);
    }
    return result;
  });
  const counts = { mine: 0, assigned: 0, unassigned: 0, all: rows.length };
  for (const c of rows) {
    if (c.assigneeId === member.userId) counts.mine += 1;
    if (isUnassigned(world, c)) counts.unassigned += 1;
  }
  rows.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.dbId - a.dbId);
  const viewer = viewerId(ctx);
  return json({
    meta: shortCounts(counts),
    payload: paginate(rows, ctx.params.page, world.config.perPage).map((c) => conversationJson(world, c, viewer)),
  });
};
