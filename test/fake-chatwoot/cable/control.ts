// `/__fake/cable…` control routes (README "Cable"): inspect sockets, drop them, refuse
// upgrades, stop pings, delay broadcasts, inject frames, rotate a user's pubsub token.

import { isRecord } from '../params';
import { json, type Reply } from '../reply';
import { DEFAULT_PING_MS, type CableHub } from './hub';

const bad = (error: string, status = 422): Reply => json({ error }, status);

export function isCableControl(pathname: string): boolean {
  return pathname === '/__fake/cable' || pathname.startsWith('/__fake/cable/');
}

export function handleCableControl(hub: CableHub, method: string, pathname: string, rawBody: unknown): Reply {
  const body = isRecord(rawBody) ? rawBody : {};
  const key = `${method} ${pathname.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /__fake/cable':
      return json(status(hub));
    case 'POST /__fake/cable/drop':
      return drop(hub, body);
    case 'POST /__fake/cable/refuse':
      return refuse(hub, body);
    case 'POST /__fake/cable/pings':
      return pings(hub, body);
    case 'POST /__fake/cable/delay':
      return delay(hub, body);
    case 'POST /__fake/cable/broadcast':
      return broadcast(hub, body);
    case 'POST /__fake/cable/rotate':
      return rotate(hub, body);
    default:
      return bad(`unknown control route: ${method} ${pathname}`, 404);
  }
}

export function status(hub: CableHub): Record<string, unknown> {
  const { settings } = hub;
  return {
    refuse: settings.refuseStatus,
    pings: { enabled: settings.pings, interval_ms: settings.pingIntervalMs },
    delay_ms: settings.delayMs,
    sockets: [...hub.sockets.values()].map((s) => ({
      id: s.id,
      protocol: s.protocol === '' ? null : s.protocol,
      origin: s.origin,
      path: s.path,
      frames_sent: s.framesSent,
      frames_received: s.framesReceived,
      subscriptions: [...s.subscriptions.values()].map((sub) => ({
        identifier: sub.identifier,
        confirmed: sub.confirmed,
        kind: sub.kind,
        user_id: sub.userId,
        contact_id: sub.contactId ?? undefined,
        account_id: sub.accountId,
        streams: sub.streams,
      })),
    })),
  };
}

function optionalInt(body: Record<string, unknown>, name: string): number | null | string {
  const value = body[name];
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) ? value : `${name} must be an integer`;
}

function drop(hub: CableHub, body: Record<string, unknown>): Reply {
  const userId = optionalInt(body, 'user_id');
  if (typeof userId === 'string') return bad(userId);
  const code = optionalInt(body, 'code');
  if (typeof code === 'string' || (code !== null && (code < 1000 || code > 4999 || [1004, 1005, 1006].includes(code)))) return bad('code must be a valid close code (1000-4999)');
  if (body.reason !== undefined && typeof body.reason !== 'string') return bad('reason must be a string');
  const dropped = hub.drop({
    userId,
    frame: body.disconnect_frame !== false,
    reason: typeof body.reason === 'string' ? body.reason : 'server_restart',
    reconnect: body.reconnect !== false,
    terminate: body.terminate === true,
    code: code ?? 1000,
  });
  return json({ dropped });
}

function refuse(hub: CableHub, body: Record<string, unknown>): Reply {
  if (!('status' in body)) return bad('body must be {"status": <HTTP status> | null, "body"?: string}');
  const value = body.status;
  if (value === null) {
    hub.settings.refuseStatus = null;
    hub.settings.refuseBody = null;
    return json(status(hub));
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 200 || value > 599 || value === 101) return bad('status must be an HTTP status 200-599 or null');
  if (body.body !== undefined && body.body !== null && typeof body.body !== 'string') return bad('body must be a string');
  hub.settings.refuseStatus = value;
  hub.settings.refuseBody = typeof body.body === 'string' ? body.body : null;
  return json(status(hub));
}

function pings(hub: CableHub, body: Record<string, unknown>): Reply {
  if (body.enabled !== undefined && typeof body.enabled !== 'boolean') return bad('enabled must be a boolean');
  const interval = optionalInt(body, 'interval_ms');
  if (typeof interval === 'string' || (interval !== null && (interval < 10 || interval > 600_000))) return bad('interval_ms must be an integer 10..600000');
  if (typeof body.enabled === 'boolean') hub.settings.pings = body.enabled;
  if (interval !== null) hub.settings.pingIntervalMs = interval;
  else if (body.interval_ms === null) hub.settings.pingIntervalMs = DEFAULT_PING_MS;
  hub.restartPings();
  return json(status(hub));
}

function delay(hub: CableHub, body: Record<string, unknown>): Reply {
  const ms = optionalInt(body, 'ms');
  if (typeof ms === 'string' || (ms !== null && (ms < 0 || ms > 60_000))) return bad('ms must be an integer 0..60000');
  hub.settings.delayMs = ms ?? 0;
  return json(status(hub));
}

/** Where an injected frame goes: a user's current token stream or a named stream. */
function target(hub: CableHub, body: Record<string, unknown>): string | Reply {
  if (typeof body.stream === 'string' && body.stream !== '') return body.stream;
  if (typeof body.user_id === 'number') {
    const user = hub.world.store.users.get(body.user_id);
    return user ? user.pubsubToken : bad('no such user', 404);
  }
  return bad('body needs "user_id" (that user\'s pubsub stream) or "stream"');
}

function broadcast(hub: CableHub, body: Record<string, unknown>): Reply {
  const stream = target(hub, body);
  if (typeof stream !== 'string') return stream;
  if (typeof body.raw === 'string') {
    const frame = body.binary === true ? Buffer.from(body.raw, 'utf8') : body.raw;
    return json({ stream, delivered: hub.sendRaw(stream, frame) });
  }
  if ('message' in body) return json({ stream, delivered: hub.publish([stream], body.message) });
  if (typeof body.event === 'string') {
    return json({ stream, delivered: hub.publish([stream], { event: body.event, data: 'data' in body ? body.data : {} }) });
  }
  return bad('body needs "raw" (string), "message" (any JSON) or "event" (+ "data")');
}

function rotate(hub: CableHub, body: Record<string, unknown>): Reply {
  if (typeof body.user_id !== 'number') return bad('body must be {"user_id": N, "pubsub_token"?: string}');
  const explicit = body.pubsub_token;
  if (explicit !== undefined && (typeof explicit !== 'string' || explicit === '')) return bad('pubsub_token must be a non-empty string');
  if (typeof explicit === 'string' && hub.world.store.userByPubsubToken(explicit)) return bad('pubsub_token already in use');
  const result = hub.rotate(body.user_id, typeof explicit === 'string' ? explicit : null);
  if (!result) return bad('no such user', 404);
  return json({ user_id: body.user_id, pubsub_token: result.token, previous: result.previous });
}
