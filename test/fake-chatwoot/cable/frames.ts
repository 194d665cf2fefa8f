// ActionCable wire protocol (Rails 7.1, API-FACTS-LIVE §1.4): sub-protocol negotiation and
// the server → client frames, encoded like ActiveSupport::JSON (HTML-entity escapes).

import { toJson } from '../util/json';

/** What Rails offers (`ActionCable::INTERNAL[:protocols]`). */
export const SUPPORTED_PROTOCOLS: readonly string[] = ['actioncable-v1-json', 'actioncable-unsupported'];

/** websocket-driver: the first protocol of the client's list the server supports; none → no header. */
export function pickProtocol(offered: Set<string>): string | false {
  for (const protocol of offered) if (SUPPORTED_PROTOCOLS.includes(protocol)) return protocol;
  return false;
}

/** `/cable` and anything below it (the engine is mounted there). */
export function isCablePath(pathname: string): boolean {
  return pathname === '/cable' || pathname.startsWith('/cable/');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/** ActiveSupport::JSON.encode: `<`, `>`, `&`, U+2028/2029 escaped (only ever inside strings). */
export function encodeFrame(value: unknown): string {
  return toJson(value).replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]);
}

export const welcomeFrame = (): Record<string, unknown> => ({ type: 'welcome' });

export const pingFrame = (unixSeconds: number): Record<string, unknown> => ({ type: 'ping', message: unixSeconds });

/** `identifier` is the exact string the client sent, never a re-serialisation. */
export const confirmFrame = (identifier: string): Record<string, unknown> => ({ identifier, type: 'confirm_subscription' });

export const messageFrame = (identifier: string, message: unknown): Record<string, unknown> => ({ identifier, message });

export const disconnectFrame = (reason: string, reconnect: boolean): Record<string, unknown> => ({ type: 'disconnect', reason, reconnect });
