// POST conversations/filter (API-FACTS-LIVE §6, AF §5.6): Conversations::FilterService.
// Keys and operators follow lib/filters/filter_keys.yml; the 422 texts are en.yml's.
// `query_operator` joins a condition to the next one and is pasted into SQL, so AND binds
// tighter than OR and a trailing operator is a syntax error (500). Comparisons follow SQL:
// NULL never satisfies IN / NOT IN / ILIKE. No implicit status filter; agents see only
// conversations of their inboxes; last_activity_at desc, always 25 per page (Kaminari's
// default, not CONVERSATION_RESULTS_PER_PAGE).

import { isUnassigned, paginate } from '../finder';
import { STATUSES, type Conversation } from '../model/types';
import { isRecord, scalarString } from '../params';
import { visibleInboxIds } from '../policies';
import { Errors, json } from '../reply';
import { conversationJson } from '../serializers/conversation';
import { shortCounts } from './conversations';
import { accountOf, memberOf, viewerId, type Handler } from './context';

const EQ = ['equal_to', 'not_equal_to'];
const EQ_PRESENT = ['equal_to', 'not_equal_to', 'is_present', 'is_not_present'];
const EQ_LIKE = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'];
const DATE = ['is_greater_than', 'is_less_than', 'days_before'];

/** Conversation keys of filter_keys.yml in file order (the order of the 422 text is unverified). */
const KEYS: Readonly<Record<string, readonly string[]>> = {
  status: EQ,
  assignee_id: EQ_PRESENT,
  inbox_id: EQ_PRESENT,
  team_id: EQ_PRESENT,
  priority: EQ,
  display_id: EQ_LIKE,
  campaign_id: EQ_PRESENT,
  labels: EQ_PRESENT,
  browser_language: EQ,
  conversation_language: EQ,
  referer: EQ_LIKE,
  created_at: DATE,
  last_activity_at: DATE,
  mail_subject: EQ_LIKE,
};

/** Keys stored in `additional_attributes`, which the fake never fills (always NULL). */
const ADDITIONAL = new Set(['browser_language', 'conversation_language', 'referer', 'mail_subject']);

interface Condition {
  key: string;
  operator: string;
  values: unknown[];
  /** Joins this condition to the next one. */
  join: 'AND' | 'OR' | null;
}

const invalid = (error: string) => Errors.unprocessable({ error });

/** Ruby `blank?` on the `values` param. */
function blankValues(raw: unknown): boolean {
  if (raw === undefined || raw === null || raw === false) return true;
  if (typeof raw === 'string') return raw.trim() === '';
  if (Array.isArray(raw)) return raw.length === 0;
  if (isRecord(raw)) return Object.keys(raw).length === 0;
  return false;
}

function parseConditions(payload: unknown): Condition[] {
  // `params[:payload].each` on nil or a non-list crashes (500).
  if (!Array.isArray(payload)) throw Errors.internal();
  const items = payload.map((item): Record<string, unknown> => {
    if (!isRecord(item)) throw Errors.internal();
    return item;
  });
  // validate_query_operator runs over every condition before any query is built.
  const joins = items.map((item): Condition['join'] => {
    const raw = item.query_operator;
    if (raw === undefined || raw === null) return null;
    const text = (scalarString(raw) ?? '').toUpperCase();
    if (text === '') return null;
    if (text !== 'AND' && text !== 'OR') throw invalid('Query operator must be either "AND" or "OR".');
    return text;
  });
  return items.map((item, index) => {
    const key = scalarString(item.attribute_key) ?? '';
    const operators = Object.prototype.hasOwnProperty.call(KEYS, key) ? KEYS[key] : undefined;
    if (!operators) {
      throw invalid(`Invalid attribute key - [${key}]. The key should be one of [${Object.keys(KEYS).join(',')}] or a custom attribute defined in the account.`);
    }
    const operator = scalarString(item.filter_operator) ?? '';
    if (!operators.includes(operator)) throw invalid(`Invalid operator. The allowed operators for ${key} are [${operators.join(',')}].`);
    const raw = item.values;
    if (operator !== 'is_present' && operator !== 'is_not_present' && blankValues(raw)) {
      throw invalid(`Invalid value. The values provided for ${key} are invalid`);
    }
    const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    const values = list.map((v): unknown => (isRecord(v) && 'id' in v ? v.id : v));
    return { key, operator, values, join: joins[index] };
  });
}

/** PostgreSQL's cast of a bound value to an integer column; anything else is a query error (500). */
function sqlInt(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw Errors.internal();
}

/** `'<value>'::date` / timestamp literal → Unix seconds (unparsable → 500). */
function sqlTime(value: unknown): number {
  const parsed = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : Number.NaN;
  if (!Number.isFinite(parsed)) throw Errors.internal();
  return parsed / 1000;
}

/** `IN (values)` / `NOT IN (values)` over a nullable column; NULLs make NOT IN unknown. */
function inList(column: string | number | null, wanted: Array<string | number | null>, negate: boolean): boolean {
  if (column === null) return false;
  const hit = wanted.some((v) => v === column);
  if (negate) return !hit && !wanted.includes(null);
  return hit;
}

function matches(c: Conversation, cond: Condition, today: number): boolean {
  const { key, operator, values } = cond;
  const negate = operator === 'not_equal_to';
  if (key === 'labels') {
    const wanted = values.map((v) => String(v));
    const any = c.labels.some((l) => wanted.includes(l));
    if (operator === 'is_present') return c.labels.length > 0;
    if (operator === 'is_not_present') return c.labels.length === 0;
    return negate ? !any : any;
  }
  if (ADDITIONAL.has(key)) return false; // NULL ->> 'key': nothing matches, not even NOT IN.
  if (key === 'created_at' || key === 'last_activity_at') {
    const column = key === 'created_at' ? c.createdAt : c.lastActivityAt;
    if (operator === 'days_before') return column < today - 86400 * sqlInt(values[0]);
    const bound = sqlTime(values[0]);
    return operator === 'is_greater_than' ? column > bound : column < bound;
  }
  if (key === 'display_id' && (operator === 'contains' || operator === 'does_not_contain')) {
    // ILIKE on an integer column: "operator does not exist: integer ~~* unknown".
    throw Errors.internal();
  }
  let column: string | number | null;
  let wanted: Array<string | number | null>;
  switch (key) {
    case 'status':
      column = c.status;
      // `all` expands to every status; unknown names become NULL (match nothing).
      wanted = values.some((v) => v === 'all') ? [...STATUSES] : values.map((v) => ((STATUSES as readonly unknown[]).includes(v) ? (v as string) : null));
      break;
    case 'priority':
      column = c.priority;
      wanted = values.map((v) => scalarString(v) ?? null);
      break;
    case 'campaign_id':
      column = null;
      wanted = [];
      break;
    default:
      column = key === 'assignee_id' ? c.assigneeId : key === 'inbox_id' ? c.inboxId : key === 'team_id' ? c.teamId : c.displayId;
      wanted = operator === 'is_present' || operator === 'is_not_present' ? [] : values.map(sqlInt);
  }
  if (operator === 'is_present') return column !== null;
  if (operator === 'is_not_present') return column === null;
  return inList(column, wanted, negate);
}

/** `a AND b OR c AND d` = `(a AND b) OR (c AND d)`. */
function evaluate(c: Conversation, conditions: Condition[], today: number): boolean {
  let any = false;
  let group = true;
  conditions.forEach((cond, i) => {
    group = group && matches(c, cond, today);
    if (i === conditions.length - 1 || cond.join === 'OR') {
      any = any || group;
      group = true;
    }
  });
  return any;
}

/** Kaminari's default page size: the filter never uses CONVERSATION_RESULTS_PER_PAGE. */
export const FILTER_PAGE_SIZE = 25;

export const filter: Handler = (ctx) => {
  const { world } = ctx;
  const accountId = accountOf(ctx).id;
  const member = memberOf(ctx);
  const conditions = parseConditions(ctx.params.payload);
  // Operators are pasted between the conditions: one after the last, or none between two,
  // is an SQL syntax error (500).
  if (conditions.some((cond, i) => (i === conditions.length - 1) !== (cond.join === null))) throw Errors.internal();
  const now = world.clock.now();
  const today = now - (now % 86400);
  const visible = visibleInboxIds(world.store, accountId, member);
  const rows = world.store.accountConversations(accountId).filter((c) => visible.has(c.inboxId) && (conditions.length === 0 || evaluate(c, conditions, today)));
  const counts = { mine: 0, assigned: 0, unassigned: 0, all: rows.length };
  for (const c of rows) {
    if (c.assigneeId === member.userId) counts.mine += 1;
    if (isUnassigned(world, c)) counts.unassigned += 1;
  }
  rows.sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.dbId - a.dbId);
  const viewer = viewerId(ctx);
  return json({
    meta: shortCounts(counts),
    payload: paginate(rows, ctx.params.page, FILTER_PAGE_SIZE).map((c) => conversationJson(world, c, viewer)),
  });
};
