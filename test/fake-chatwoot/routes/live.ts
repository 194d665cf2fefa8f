// Routes of the live side (API-FACTS-LIVE §2.1, §7.2): own availability / auto_offline and
// the notification list. Kept apart from table.ts so the route table only gains one line.

import { isRecord, scalarString } from '../params';
import { Errors, json } from '../reply';
import { notificationJson } from '../serializers/notification';
import { profileJson } from '../serializers/profile';
import type { Availability } from '../model/types';
import { castId } from '../util/ruby';
import { accountOf, userOf, type Handler } from './context';

/** `params.require(:profile)`: missing or blank → 422; a scalar cannot be permitted → 500. */
function profileParams(params: Record<string, unknown>): Record<string, unknown> {
  const profile = params.profile;
  if (profile === undefined || profile === null || profile === '' || (isRecord(profile) && Object.keys(profile).length === 0)) {
    throw Errors.paramMissing('profile');
  }
  if (!isRecord(profile)) throw Errors.internal();
  return profile;
}

/** AccountUser enum `availability: { online: 0, offline: 1, busy: 2 }`; anything else raises → 500. */
const AVAILABILITY: readonly Availability[] = ['online', 'offline', 'busy'];
function parseAvailability(value: unknown): Availability {
  if (typeof value === 'string' && (AVAILABILITY as readonly string[]).includes(value)) return value as Availability;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 3) return AVAILABILITY[value];
  if (typeof value === 'string' && /^[0-2]$/.test(value)) return AVAILABILITY[Number(value)];
  throw Errors.internal(); // ArgumentError, or NOT NULL for a missing value
}

/** ActiveModel boolean cast of `params[:profile][:auto_offline] || false`. */
const FALSE_VALUES = new Set<unknown>([false, 0, '0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF']);
function parseBoolean(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (value === '') throw Errors.internal(); // casts to nil → NOT NULL
  return !FALSE_VALUES.has(value);
}

/** `current_user.account_users.find_by!(account_id:)` → 404 on a miss. */
function ownMembership(ctx: Parameters<Handler>[0], profile: Record<string, unknown>) {
  const user = userOf(ctx);
  const accountId = castId(profile.account_id);
  const member = accountId === null ? undefined : ctx.world.store.membership(accountId, user.id);
  if (!member) throw Errors.notFound();
  return { user, member };
}

/** POST /api/v1/profile/availability: stored per account_users row; no event (§2.1). */
export const availability: Handler = (ctx) => {
  const profile = profileParams(ctx.params);
  const { user, member } = ownMembership(ctx, profile);
  member.availability = parseAvailability(profile.availability);
  return json(profileJson(ctx.world, user));
};

/** POST /api/v1/profile/auto_offline. */
export const autoOffline: Handler = (ctx) => {
  const profile = profileParams(ctx.params);
  const { user, member } = ownMembership(ctx, profile);
  member.autoOffline = parseBoolean(profile.auto_offline);
  return json(profileJson(ctx.world, user));
};

const PER_PAGE = 15;

function includesParam(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(scalarString).filter((s): s is string => s !== undefined);
  const single = scalarString(value);
  return single === undefined ? [] : [single];
}

/** GET …/notifications (§7.2): unread and unsnoozed by default, 15 per page, last_activity_at desc. */
export const notifications: Handler = (ctx) => {
  const { world, params } = ctx;
  const user = userOf(ctx);
  const account = accountOf(ctx);
  const includes = includesParam(params.includes);
  const set = world.store.notifications.visible(account.id, user.id, { read: includes.includes('read'), snoozed: includes.includes('snoozed') });
  const order = scalarString(params.sort_order) ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw Errors.internal();
  const sign = order === 'asc' ? 1 : -1;
  const sorted = [...set].sort((a, b) => sign * (a.lastActivityAt - b.lastActivityAt) || sign * (a.id - b.id));
  const rawPage = scalarString(params.page);
  const page = Math.max(1, rawPage === undefined ? 1 : Number.parseInt(rawPage, 10) || 1);
  const rows = sorted.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const payload = [];
  for (const n of rows) {
    const conversation = world.store.conversations.get(n.conversationDbId);
    if (conversation) payload.push(notificationJson(world, n, conversation));
  }
  return json({
    data: {
      // current_page is the raw parameter: a string when given, the integer 1 when absent.
      meta: { unread_count: set.filter((n) => n.readAt === null).length, count: set.length, current_page: rawPage ?? 1 },
      payload,
    },
  });
};

/** GET …/notifications/unread_count: a bare integer body. */
export const unreadCount: Handler = (ctx) => {
  const rows = ctx.world.store.notifications.visible(accountOf(ctx).id, userOf(ctx).id);
  return json(rows.filter((n) => n.readAt === null).length);
};

/** [method, pattern, controller#action, handler], appended to ROUTES by table.ts. */
export const LIVE_ROUTES: ReadonlyArray<['GET' | 'POST', string, string, Handler]> = [
  ['POST', '/api/v1/profile/availability', 'profiles#availability', availability],
  ['POST', '/api/v1/profile/auto_offline', 'profiles#auto_offline', autoOffline],
  ['GET', '/api/v1/accounts/:account_id/notifications', 'notifications#index', notifications],
  ['GET', '/api/v1/accounts/:account_id/notifications/unread_count', 'notifications#unread_count', unreadCount],
];
