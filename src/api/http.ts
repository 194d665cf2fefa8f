/**
 * The one place that talks HTTP. Every call: goes to the configured origin only, carries the token
 * in the `Api-Access-Token` header (nginx drops headers with underscores), has an AbortSignal and a
 * deadline, never follows redirects, always consumes or destroys the body, caps its size, and ends
 * either in a zod-validated value or a `ChatwootError`.
 *
 * Retries: the dispatcher may compose undici's retry interceptor (dispatcher.ts); every call hands
 * it this transport's own decision (`retryOptions.retry`, see retry.ts), so a retry honours
 * Retry-After, waits for Chatwoot's next rate-limit window after a bare 429, never outlives the
 * call's deadline, never happens for a call that changes something (a POST unless it says it is
 * `idempotent`, like the read-only conversation filter), and never resumes a half-read body.
 */
import { request, type Dispatcher, type RetryHandler } from 'undici';
import type * as z from 'zod';
import { ChatwootError } from './errors';
import { errorFromResponse } from './responseErrors';
import { parseResponseBody } from './parse';
import { header, toChatwootError, type FailureContext, type Headers } from './transportErrors';
import { decideRetry, systemClock, toSeconds, waitBeforeRetryMs, type Clock, type RetryLimits, type RetryPolicy } from './retry';
import { parseServerUrl } from '../util/serverUrl';

export { parseServerUrl };

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type Query = Readonly<Record<string, QueryValue>>;

export interface TransportOptions {
  /** Server URL, e.g. `https://app.chatwoot.com` or `https://support.example.com/chatwoot`. */
  baseUrl: string;
  token: string;
  /** The caller owns the dispatcher (pooling, proxy, retry limits) and closes it. */
  dispatcher: Dispatcher;
  /** Overall deadline of one call, including retries and their waits. Default 30 s. */
  timeoutMs?: number;
  /** Larger bodies are refused as an invalid response. Default 8 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** Receives one line per finished call; never sees the token, query values or bodies. */
  onCall?: (info: CallInfo) => void;
  /** Time source for deadlines and retry waits (tests inject one). Default: the system clock. */
  clock?: Clock;
  /** Rate-limit window used after a 429 without Retry-After (default: Chatwoot's 60 s). */
  retryPolicy?: RetryPolicy;
}

export interface CallInfo {
  method: string;
  path: string;
  status?: number;
  ms: number;
  error?: string;
  /** Retries made for this call (idempotent calls only). */
  retries?: number;
}

/** What a call expects back. `empty` ignores the body (Chatwoot's `head :ok`). */
export type Expect<T> = { schema: z.ZodType<T> } | { empty: true };

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CallInit extends CallOptions {
  query?: Query;
  body?: unknown;
  /** What the path names, for a 404's message, e.g. "conversation #21 in account 1". */
  resource?: string;
  /**
   * True when repeating the call cannot change anything on the server: it may then be retried, and
   * a failure never reports `maybeProcessed`. Default: GET yes, POST no (a POST that only reads,
   * such as `conversations/filter`, says so). The ONE source of idempotency: retry.ts, parse.ts,
   * responseErrors.ts and transportErrors.ts are handed this flag and never look at the method.
   */
  idempotent?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** undici's RetryHandler defaults, used for whatever the dispatcher's interceptor leaves unset. */
const UNDICI_RETRY_DEFAULTS: RetryLimits = {
  maxRetries: 5,
  minTimeoutMs: 500,
  maxTimeoutMs: 30_000,
  timeoutFactor: 2,
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE'],
  statusCodes: [500, 502, 503, 504, 429],
  errorCodes: ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'ENETDOWN', 'ENETUNREACH', 'EHOSTDOWN', 'EHOSTUNREACH', 'EPIPE', 'UND_ERR_SOCKET'],
};

export class Transport {
  readonly origin: string;
  private readonly prefix: string;
  private readonly host: string;

  constructor(private readonly options: TransportOptions) {
    const url = parseServerUrl(options.baseUrl);
    this.origin = url.origin;
    this.host = url.host;
    this.prefix = url.pathname.replace(/\/+$/, '');
  }

  async call<T>(method: 'GET' | 'POST', path: string, expect: Expect<T>, init: CallInit = {}): Promise<T> {
    const url = this.url(path, init.query);
    const label = `${method} ${this.prefix}${path}`;
    const idempotent = init.idempotent ?? method === 'GET';
    const clock = this.options.clock ?? systemClock;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = clock.now();
    const deadlineAt = started + timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent ?? 'chatwoot-assign-vscode',
      'api-access-token': this.options.token,
    };
    let payload: string | undefined;
    if (init.body !== undefined) {
      payload = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }

    let status: number | undefined;
    let headersArrived = false;
    let retries = 0;
    /** The policy's last decision (which failure, how long it said to wait), for "try again in N s". */
    let last: { status: number | undefined; waitMs: number | undefined } | undefined;

    // The dispatcher's retry interceptor (if any) asks this for every failed attempt.
    const retry: RetryHandler.RetryCallback = (err, { state, opts }, cb) => {
      const e = err as { statusCode?: number; code?: string; headers?: Headers };
      const failedStatus = e.code === 'UND_ERR_REQ_RETRY' ? e.statusCode : undefined;
      const decision = decideRetry({
        method: opts.method ?? method,
        idempotent,
        attempt: state.counter,
        status: failedStatus,
        code: e.code,
        retryAfter: header(e.headers, 'retry-after'),
        headersArrived,
        now: clock.now(),
        deadlineAt,
        reserveMs: Math.min(1_000, timeoutMs / 10),
        limits: limitsOf(opts.retryOptions),
        policy: this.options.retryPolicy,
      });
      last = { status: failedStatus, waitMs: decision.waitMs };
      if (!decision.retry) {
        cb(err);
        return;
      }
      retries += 1;
      clock.sleep(decision.waitMs, signal).then(
        () => cb(null),
        (reason: unknown) => cb(reason instanceof Error ? reason : new Error(String(reason))),
      );
    };

    const retryInSeconds = (code: number, retryAfter: string | undefined): number | undefined => {
      if (code !== 429 && !retryAfter) return undefined;
      const ms =
        (last?.status === code ? last.waitMs : undefined) ??
        waitBeforeRetryMs({ status: code, retryAfter, now: clock.now(), attempt: 1, limits: UNDICI_RETRY_DEFAULTS, policy: this.options.retryPolicy });
      return toSeconds(ms);
    };
    const ctx: FailureContext = { label, idempotent, host: this.host, timeoutMs, signal: init.signal, deadline, resource: init.resource, retryInSeconds };

    try {
      if (signal.aborted) throw signal.reason;
      const options: Parameters<typeof request>[1] & { retryOptions: RetryHandler.RetryOptions } = {
        method,
        headers,
        body: payload,
        signal,
        dispatcher: this.options.dispatcher,
        // A POST that changes something is never retried: its answer, whatever the status, passes through untouched.
        retryOptions: idempotent ? { retry, methods: [method] } : { retry, methods: [], statusCodes: [], errorCodes: [] },
      };
      const response = await request(url, options);
      headersArrived = true;
      status = response.statusCode;
      const raw = await readCapped(response.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, { label, host: this.host, status, idempotent });
      if (status < 200 || status >= 300) {
        const retryAfter = header(response.headers, 'retry-after');
        throw errorFromResponse(status, parseLoose(raw.toString('utf8')), { location: resolveLocation(header(response.headers, 'location'), url) }, label, {
          idempotent,
          host: this.host,
          resource: init.resource,
          retryInSeconds: retryInSeconds(status, retryAfter),
        });
      }
      const value = 'empty' in expect ? (undefined as T) : parseResponseBody(raw, expect.schema, { status, request: label, host: this.host, idempotent });
      this.options.onCall?.({ method, path, status, ms: clock.now() - started, retries });
      return value;
    } catch (e) {
      const error = toChatwootError(e, ctx);
      this.options.onCall?.({ method, path, status: error.status ?? status, ms: clock.now() - started, error: error.kind, retries });
      throw error;
    }
  }

  /** Builds the absolute URL; refuses anything that would leave the configured origin. */
  private url(path: string, query: Query | undefined): string {
    if (!path.startsWith('/')) throw new TypeError(`API path must start with "/": ${path}`);
    const url = new URL(this.prefix + path, this.origin);
    if (url.origin !== this.origin) throw new TypeError('API path left the configured server origin');
    const search = encodeQuery(query);
    return search ? `${url.href}?${search}` : url.href;
  }
}

/** Rails array syntax (`inbox_ids[]=1&inbox_ids[]=2`); undefined/null values are left out. */
export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | number>) params.append(`${key}[]`, String(item));
    } else {
      params.append(key, String(value));
    }
  }
  return params.toString();
}

function limitsOf(o: RetryHandler.RetryOptions | undefined): RetryLimits {
  const d = UNDICI_RETRY_DEFAULTS;
  return {
    maxRetries: o?.maxRetries ?? d.maxRetries,
    minTimeoutMs: o?.minTimeout ?? d.minTimeoutMs,
    maxTimeoutMs: o?.maxTimeout ?? d.maxTimeoutMs,
    timeoutFactor: o?.timeoutFactor ?? d.timeoutFactor,
    methods: o?.methods ?? d.methods,
    statusCodes: o?.statusCodes ?? d.statusCodes,
    errorCodes: o?.errorCodes ?? d.errorCodes,
  };
}

function resolveLocation(location: string | undefined, base: string): string | undefined {
  if (location === undefined) return undefined;
  try {
    return new URL(location, base).href;
  } catch {
    return location;
  }
}

async function readCapped(body: Dispatcher.ResponseData['body'], max: number, ctx: { label: string; host: string; status: number; idempotent: boolean }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > max) {
      body.destroy();
      throw new ChatwootError('invalid-response', `${ctx.host} sent more than ${formatSize(max)} for one answer (${ctx.label}); it was refused.`, {
        request: ctx.label,
        host: ctx.host,
        status: ctx.status,
        failure: 'too-large',
        maybeProcessed: ctx.status >= 200 && ctx.status < 300 && !ctx.idempotent,
      });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** 65536 → "64 KB", 8388608 → "8 MB". */
function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
