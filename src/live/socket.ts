/**
 * The websocket under the live client, behind a small interface so the client's logic is tested
 * with a scripted fake and the real thing is undici's `WebSocket` over the REST client's dispatcher
 * (same proxy, CA certificates and loopback rules).
 *
 * What undici 7.30's WebSocket does NOT tell its user, and how we learn it anyway: the handshake is
 * a fetch through `options.dispatcher`, so a thin interceptor composed on top of that dispatcher
 * sees the upgrade's HTTP status (`onResponseStart` for a refused upgrade such as a reverse proxy's
 * 404, `onRequestUpgrade` for the 101) and the transport error (ECONNREFUSED, TLS…), which the
 * `error` event carries no trace of. The same interceptor keeps the raw socket, so `close()` can
 * destroy it when the server does not answer the closing handshake, and turns off the dispatcher's
 * retry interceptor for the upgrade (it would otherwise retry a 502/503 handshake behind our back).
 * undici caps frames via the dispatcher's `webSocketOptions.maxPayloadSize` (128 MiB by default);
 * the wrapper lowers it, and a larger frame fails the connection.
 */
import { WebSocket, type Dispatcher } from 'undici';
import type { Duplex } from 'node:stream';
import { CABLE_PROTOCOL } from './protocol';

export interface SocketCloseInfo {
  /** Whether the handshake completed (the socket was open at some point). */
  opened: boolean;
  /** WebSocket close code (1006: the connection dropped without a close frame). */
  code: number;
  reason: string;
  /**
   * For a socket that never opened: the HTTP status of the upgrade answer, when one came (e.g. 404
   * from a reverse proxy without websocket support; 101 when the handshake itself was invalid).
   */
  status?: number;
  /** The transport failure (connection refused, DNS, TLS, proxy…), when there was one. */
  error?: Error;
}

export interface SocketHandlers {
  /** The handshake completed; `protocol` is the negotiated sub-protocol. */
  onOpen(protocol: string): void;
  /** A text frame (binary frames are reported by their size). */
  onMessage(data: string | { binaryBytes: number }): void;
  /** Called exactly once, whatever ended the socket (including our own `close`). */
  onClose(info: SocketCloseInfo): void;
}

export interface CableSocket {
  send(text: string): void;
  /** Starts a clean close; destroys the connection if it is not gone after `forceAfterMs`. */
  close(forceAfterMs: number): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => CableSocket;

export interface UndiciSocketOptions {
  dispatcher: Dispatcher;
  /** Frames above this fail the connection inside undici. */
  maxPayloadBytes: number;
  /** Extra handshake headers (User-Agent, Origin). */
  headers?: Record<string, string>;
}

/** A `SocketFactory` backed by undici's WebSocket over the given dispatcher. */
export function undiciSocketFactory(options: UndiciSocketOptions): SocketFactory {
  return (url, handlers) => openUndiciSocket(url, handlers, options);
}

const NO_RETRIES = { methods: [], statusCodes: [], errorCodes: [] };

function openUndiciSocket(url: string, handlers: SocketHandlers, options: UndiciSocketOptions): CableSocket {
  let status: number | undefined;
  let transportError: Error | undefined;
  let raw: Duplex | undefined;
  let opened = false;
  let closed = false;
  let forceTimer: NodeJS.Timeout | undefined;

  const observe: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) =>
    dispatch({ ...opts, retryOptions: NO_RETRIES } as Dispatcher.DispatchOptions, {
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onRequestUpgrade: (c, code, headers, socket) => {
        status = code;
        raw = socket;
        handler.onRequestUpgrade?.(c, code, headers, socket);
      },
      onResponseStart: (c, code, headers, message) => {
        status = code;
        handler.onResponseStart?.(c, code, headers, message);
      },
      onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
      onResponseEnd: (c, trailers) => handler.onResponseEnd?.(c, trailers),
      onResponseError: (c, error) => {
        transportError ??= error;
        handler.onResponseError?.(c, error);
      },
    });
  const composed = options.dispatcher.compose(observe);
  // Never closed by us: closing it would close the REST client's dispatcher underneath.
  const dispatcher = new Proxy(composed, {
    get: (target, key) =>
      key === 'webSocketOptions'
        ? { ...(target as { webSocketOptions?: object }).webSocketOptions, maxPayloadSize: options.maxPayloadBytes }
        : (Reflect.get(target, key) as unknown),
  });

  const finish = (info: Omit<SocketCloseInfo, 'opened'>) => {
    if (closed) return;
    closed = true;
    if (forceTimer) clearTimeout(forceTimer);
    handlers.onClose({ opened, ...info });
  };

  let ws: WebSocket;
  try {
    ws = new WebSocket(url, { dispatcher, protocols: [CABLE_PROTOCOL], headers: options.headers });
  } catch (e) {
    queueMicrotask(() => finish({ code: 1006, reason: '', error: e as Error }));
    return { send: () => undefined, close: () => undefined };
  }
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('open', () => {
    opened = true;
    handlers.onOpen(ws.protocol);
  });
  ws.addEventListener('message', (e) => {
    if (closed) return;
    const data: unknown = e.data;
    handlers.onMessage(typeof data === 'string' ? data : { binaryBytes: data instanceof ArrayBuffer ? data.byteLength : 0 });
  });
  ws.addEventListener('close', (e) => {
    finish({
      code: e.code,
      reason: e.reason,
      status: opened ? undefined : status,
      error: opened ? undefined : transportError,
    });
  });
  return {
    send: (text) => {
      if (!closed && ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: (forceAfterMs) => {
      if (closed) return;
      try {
        ws.close(1000);
      } catch {
        // Already closing.
      }
      forceTimer ??= setTimeout(() => {
        raw?.destroy();
        // No close event will come from a connection that never got a socket: end it here.
        setTimeout(() => finish({ code: 1006, reason: 'closed by the client' }), 50).unref();
      }, forceAfterMs).unref();
    },
  };
}
