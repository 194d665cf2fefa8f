// POST bulk_actions (§6.11): 200 with an empty body at once, the work in one job.
// No per-conversation authorization and no validation of assignee_id (as in Chatwoot).

import type { Actor, Conversation, ConversationStatus } from '../model/types';
import { STATUSES } from '../model/types';
import { arrayParam, has, isRecord, scalarString, type Params } from '../params';
import { headOk, json } from '../reply';
import { saveConversation, type ConversationChanges } from '../engine/save';
import { camelize, castId } from '../util/ruby';
import { isValidSeconds } from '../util/time';
import type { World } from '../world';
import { accountOf, actorOf, type Handler } from './context';

export const create: Handler = (ctx) => {
  const { world, params } = ctx;
  const type = camelize(scalarString(params.type) ?? '');
  if (type === 'Contact') return headOk(); // contact bulk actions are out of scope (§1.4)
  if (type !== 'Conversation') return json({ success: false }, 422);
  world.clock.tick();
  const accountId = accountOf(ctx).id;
  const actor = actorOf(ctx.caller);
  // params.permit(ids: []): a scalar is dropped, so nothing is updated.
  const ids = (arrayParam(params, 'ids') ?? []).map(castId).filter((id): id is number => id !== null && Number.isInteger(id));
  const job = { ids, labels: params.labels, snoozedUntil: params.snoozed_until, hasSnoozed: has(params, 'snoozed_until'), fields: params.fields };
  world.jobs.enqueue(`bulk_actions ${accountId}`, () => runBulk(world, accountId, actor, job));
  return headOk();
};

interface BulkJob {
  ids: number[];
  labels: unknown;
  snoozedUntil: unknown;
  hasSnoozed: boolean;
  fields: unknown;
}

function runBulk(world: World, accountId: number, actor: Actor | null, job: BulkJob): void {
  const wanted = new Set(job.ids);
  // Conversation.where(account_id:, display_id: ids) — database (db id) order.
  const targets = world.store.accountConversations(accountId).filter((c) => wanted.has(c.displayId));
  const remove = isRecord(job.labels) ? labelArray(job.labels.remove) : undefined;
  const add = isRecord(job.labels) ? labelArray(job.labels.add) : undefined;
  const snoozed = job.hasSnoozed && job.snoozedUntil !== null ? parseTime(job.snoozedUntil) : undefined;
  const fields = isRecord(job.fields) ? fieldChanges(world, accountId, job.fields) : undefined;
  for (const conversation of targets) {
    if (remove) saveConversation(world, conversation, { labels: conversation.labels.filter((l) => !remove.includes(l)) }, actor);
    if (add) saveConversation(world, conversation, { labels: [...conversation.labels, ...add.filter((l) => !conversation.labels.includes(l))] }, actor);
    if (snoozed !== undefined) saveConversation(world, conversation, { snoozedUntil: snoozed }, actor);
    if (fields) applyFields(world, conversation, fields, actor);
  }
}

function labelArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(scalarString).filter((s): s is string => s !== undefined && s !== '');
}

/** Unix seconds or an ISO string; anything else is skipped silently. */
function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return isValidSeconds(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value, 10);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** null = this `update` would fail (invalid value) and is skipped. */
type Fields = ConversationChanges | null;

/** permit(fields: [:status, :assignee_id, :team_id]); status: nil is dropped. */
function fieldChanges(world: World, accountId: number, fields: Params): Fields {
  const changes: ConversationChanges = {};
  if (has(fields, 'status') && fields.status !== null) {
    const status = fields.status;
    if (typeof status === 'string' && (STATUSES as readonly string[]).includes(status)) changes.status = status as ConversationStatus;
    else if (typeof status === 'number' && Number.isInteger(status) && status >= 0 && status < STATUSES.length) changes.status = STATUSES[status];
    else return null;
  }
  if (has(fields, 'assignee_id')) {
    // Written as given: may name a non-member or a user that does not exist.
    const id = castId(fields.assignee_id);
    if (id !== null && !Number.isInteger(id)) return null;
    changes.assigneeId = id;
  }
  if (has(fields, 'team_id')) {
    const team = world.store.teamInAccount(accountId, castId(fields.team_id));
    changes.teamId = team ? team.id : null;
  }
  return changes;
}

function applyFields(world: World, conversation: Conversation, fields: Fields, actor: Actor | null): void {
  if (fields === null) return;
  saveConversation(world, conversation, fields, actor);
}
