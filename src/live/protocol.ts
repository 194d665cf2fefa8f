/**
 * ActionCable's wire protocol as Chatwoot speaks it (Rails 7.1, sub-protocol `actioncable-v1-json`):
 * the frames the server sends, the commands we send, the RoomChannel identifier and the cable URL.
 * Pure functions and zod schemas only, so both the client and its tests use the same definitions.
 */
import * as z from 'zod';
import { parseServerUrl } from '../api/http';
import { isLoopbackHost } from '../util/serverUrl';

export const CABLE_PROTOCOL = 'actioncable-v1-json';
export const CHANNEL = 'RoomChannel';

/**
 * `wss://<server>/cable` for an https server; `ws://` only for a loopback http server (the pubsub
 * token must not cross the network in clear text). A path prefix is kept, like the REST client's.
 * Throws TypeError for anything else.
 */
export function cableUrl(serverUrl: string): string {
  const url = parseServerUrl(serverUrl);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new TypeError(`Refusing ws:// for ${url.hostname}: live updates need https:// (plain http is allowed only for localhost).`);
  }
  const prefix = url.pathname.replace(/\/+$/, '');
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}${prefix}/cable`;
}

/**
 * The subscription identifier, exactly as the dashboard's `@rails/actioncable` builds it
 * (`JSON.stringify` of the params, in this key order). The server echoes this string verbatim in
 * confirmations and broadcasts, so it is also the key we match them by. It contains the pubsub
 * token: never log it.
 */
export function roomIdentifier(pubsubToken: string, accountId: number, userId: number): string {
  return JSON.stringify({ channel: CHANNEL, pubsub_token: pubsubToken, account_id: accountId, user_id: userId });
}

export const subscribeCommand = (identifier: string): string => JSON.stringify({ command: 'subscribe', identifier });
export const unsubscribeCommand = (identifier: string): string => JSON.stringify({ command: 'unsubscribe', identifier });
/** `data` is itself a JSON string; Rails decodes it and reads `action`. */
export const presenceCommand = (identifier: string): string => JSON.stringify({ command: 'message', identifier, data: JSON.stringify({ action: 'update_presence' }) });

const Welcome = z.object({ type: z.literal('welcome') });
const Ping = z.object({ type: z.literal('ping'), message: z.unknown().optional() });
const Confirm = z.object({ type: z.literal('confirm_subscription'), identifier: z.string() });
/** Never sent by Chatwoot (RoomChannel never rejects), but part of the protocol. */
const Reject = z.object({ type: z.literal('reject_subscription'), identifier: z.string() });
const Disconnect = z.object({ type: z.literal('disconnect'), reason: z.string().nullable().optional(), reconnect: z.boolean().optional() });
/** A broadcast: `message` is an object, `identifier` the string we subscribed with. */
const Broadcast = z.object({ identifier: z.string(), message: z.looseObject({ event: z.string() }) });

export type ServerFrame =
  | { kind: 'welcome' }
  | { kind: 'ping' }
  | { kind: 'confirm'; identifier: string }
  | { kind: 'reject'; identifier: string }
  | { kind: 'disconnect'; reason: string | undefined; reconnect: boolean }
  | { kind: 'broadcast'; identifier: string; event: string; message: Record<string, unknown> }
  | { kind: 'unknown'; description: string };

/** Classifies one decoded frame. Never throws; what it cannot use becomes `unknown`. */
export function classifyFrame(value: unknown): ServerFrame {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'unknown', description: 'not a JSON object' };
  const type = (value as { type?: unknown }).type;
  if (type === undefined || type === null) {
    const b = Broadcast.safeParse(value);
    return b.success
      ? { kind: 'broadcast', identifier: b.data.identifier, event: b.data.message.event, message: b.data.message }
      : { kind: 'unknown', description: 'a frame without type that is not a broadcast' };
  }
  const bad = { kind: 'unknown' as const, description: `a malformed "${typeof type === 'string' ? type.slice(0, 40) : typeof type}" frame` };
  switch (type) {
    case 'welcome':
      return Welcome.safeParse(value).success ? { kind: 'welcome' } : bad;
    case 'ping':
      return Ping.safeParse(value).success ? { kind: 'ping' } : bad;
    case 'confirm_subscription': {
      const f = Confirm.safeParse(value);
      return f.success ? { kind: 'confirm', identifier: f.data.identifier } : bad;
    }
    case 'reject_subscription': {
      const f = Reject.safeParse(value);
      return f.success ? { kind: 'reject', identifier: f.data.identifier } : bad;
    }
    case 'disconnect': {
      const f = Disconnect.safeParse(value);
      // Rails' JS client reconnects unless told `reconnect: false`.
      return f.success ? { kind: 'disconnect', reason: f.data.reason ?? undefined, reconnect: f.data.reconnect !== false } : bad;
    }
    default:
      return { kind: 'unknown', description: `an unknown frame type "${typeof type === 'string' ? type.slice(0, 40) : typeof type}"` };
  }
}
