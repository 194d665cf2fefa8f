// Test-control routes under /__fake/ (§10, plus the request log and token table).
// They bypass the Chatwoot pipeline entirely: no auth, no latency, no throttle, no log.

import { applyConfig, configJson } from './config';
import type { Conversation } from './model/types';
import { isRecord } from './params';
import { json, type Reply } from './reply';
import { validateLarge, type LargeOptions } from './seed/large';
import { pairKey } from './store';
import { tokenRows } from './tokens';
import { isValidSeconds } from './util/time';
import type { World } from './world';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  authHeader: 'Api-Access-Token' | 'api_access_token' | null;
  token: string | null;
  /** Status sent; 0 when no answer was sent (fault modes `hang` and `close`). */
  status: number;
  at: number;
  /** The fault mode that answered instead of (or after) the server, when not a plain `status` fault. */
  fault?: string;
}

export interface ControlTarget {
  world: World;
  requests: RecordedRequest[];
  reset(large?: LargeOptions | null): void;
}

const bad = (error: string, status = 422): Reply => json({ error }, status);

export function handleControl(target: ControlTarget, method: string, pathname: string, body: unknown): Reply {
  const { world } = target;
  const path = pathname.replace(/\/+$/, '');
  const key = `${method} ${path}`;
  switch (key) {
    case 'POST /__fake/reset':
      return reset(target, body);
    case 'GET /__fake/clock':
      return json({ now: world.clock.now() });
    case 'POST /__fake/clock':
      return setClock(world, body);
    case 'POST /__fake/presence':
      return presence(world, body);
    case 'POST /__fake/jobs/drain':
      return json({ ran: world.jobs.drain(), pending: 0 });
    case 'GET /__fake/jobs':
      return json({ mode: world.config.jobs, pending: world.jobs.pendingNames(), failures: world.jobs.failures });
    case 'GET /__fake/events':
      return json(world.events.records);
    case 'DELETE /__fake/events':
      world.events.clear();
      return json({ ok: true });
    case 'GET /__fake/throttle':
      return json(world.throttle.snapshot());
    case 'POST /__fake/throttle': {
      const error = world.throttle.configure(body ?? {});
      return error ? bad(error) : json(world.throttle.snapshot());
    }
    case 'GET /__fake/config':
      return json(configJson(world.config));
    case 'POST /__fake/config': {
      const error = applyConfig(world.config, body ?? {});
      return error ? bad(error) : json(configJson(world.config));
    }
    case 'GET /__fake/requests':
      return json(target.requests);
    case 'DELETE /__fake/requests':
      target.requests.length = 0;
      return json({ ok: true });
    case 'GET /__fake/tokens':
      return json(tokenRows(world.store));
    // Every conversation's raw record (db id order): tests diff it to prove a fault changed nothing.
    case 'GET /__fake/state/conversations':
      return json([...world.store.conversations.values()].map(rawConversation));
    default:
      break;
  }
  const state = /^\/__fake\/state\/conversations\/(\d+)\/(\d+)$/.exec(path);
  if (method === 'GET' && state) {
    const conversation = world.store.conversationByDisplay(Number(state[1]), Number(state[2]));
    return conversation ? json(rawConversation(conversation)) : bad('conversation not found', 404);
  }
  return bad(`unknown control route: ${method} ${pathname}`, 404);
}

function reset(target: ControlTarget, body: unknown): Reply {
  let large: LargeOptions | null | undefined;
  if (isRecord(body) && Object.hasOwn(body, 'large')) {
    if (body.large === null) large = null;
    else {
      const checked = validateLarge(body.large);
      if (typeof checked === 'string') return bad(checked);
      large = checked;
    }
  }
  target.reset(large);
  return json({ ok: true, now: target.world.clock.now(), large: target.world.large });
}

function setClock(world: World, body: unknown): Reply {
  if (!isRecord(body)) return bad('body must be {"now": <unix seconds>} or {"advance": <seconds>}');
  if (typeof body.now === 'number' && isValidSeconds(body.now)) world.clock.set(body.now);
  else if (typeof body.advance === 'number' && isValidSeconds(world.clock.now() + body.advance)) world.clock.set(world.clock.now() + body.advance);
  else return bad('body must be {"now": <unix seconds>} or {"advance": <seconds>}');
  return json({ now: world.clock.now() });
}

/** Toggles presence (§7.3); optionally also changes the stored availability. */
function presence(world: World, body: unknown): Reply {
  if (!isRecord(body) || typeof body.account_id !== 'number' || typeof body.user_id !== 'number') {
    return bad('body must be {"account_id", "user_id", "present"?: bool, "availability"?: online|busy|offline}');
  }
  const member = world.store.membership(body.account_id, body.user_id);
  if (!member) return bad('no such membership', 404);
  const pair = pairKey(member.accountId, member.userId);
  if (body.present !== undefined) {
    if (typeof body.present !== 'boolean') return bad('present must be a boolean');
    if (body.present) world.store.presence.add(pair);
    else {
      world.store.presence.delete(pair);
      world.store.presenceSeen.delete(pair);
    }
  }
  if (body.availability !== undefined) {
    if (body.availability !== 'online' && body.availability !== 'busy' && body.availability !== 'offline') return bad('availability must be online, busy or offline');
    member.availability = body.availability;
  }
  return json({
    account_id: member.accountId,
    user_id: member.userId,
    present: world.store.isPresent(member.accountId, member.userId),
    availability: member.availability,
    availability_status: world.store.availabilityStatus(member.accountId, member.userId),
  });
}

/** The internal record, hidden fields included (db id, bot assignee), raw Unix times. */
function rawConversation(c: Conversation): Record<string, unknown> {
  return {
    db_id: c.dbId,
    account_id: c.accountId,
    display_id: c.displayId,
    uuid: c.uuid,
    inbox_id: c.inboxId,
    contact_id: c.contactId,
    status: c.status,
    assignee_id: c.assigneeId,
    assignee_agent_bot_id: c.assigneeAgentBotId,
    team_id: c.teamId,
    labels: c.labels,
    priority: c.priority,
    snoozed_until: c.snoozedUntil,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_activity_at: c.lastActivityAt,
    agent_last_seen_at: c.agentLastSeenAt,
    assignee_last_seen_at: c.assigneeLastSeenAt,
    contact_last_seen_at: c.contactLastSeenAt,
    first_reply_created_at: c.firstReplyCreatedAt,
    waiting_since: c.waitingSince,
    additional_attributes: {},
    custom_attributes: {},
    messages: c.messages.map((m) => ({
      id: m.id,
      message_type: m.messageType,
      content: m.content,
      private: m.private,
      sender_type: m.sender ? m.sender.type : null,
      sender_id: m.sender ? m.sender.id : null,
      created_at: m.createdAt,
    })),
  };
}
