/**
 * The one place that talks HTTP. Every call: goes to the configured origin only, carries the token
 * in the `Api-Access-Token` header (nginx drops headers with underscores), has an AbortSignal and a
 * deadline, never follows redirects, always consumes or destroys the body, caps its size, and ends
 * either in a zod-validated value or a `ChatwootError`.
 */
import { request, type Dispatcher } from 'undici';
import type * as z from 'zod';
import { ChatwootError, errorFromResponse, MESSAGES } from './errors';
import { describeZodError } from './zodIssues';
import { parseServerUrl } from '../util/serverUrl';

export { parseServerUrl };

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;
export type Query = Readonly<Record<string, QueryValue>>;

export interface TransportOptions {
  /** Server URL, e.g. `https://app.chatwoot.com` or `https://support.example.com/chatwoot`. */
  baseUrl: string;
  token: string;
  /** The caller owns the dispatcher (pooling, proxy, retries) and closes it. */
  dispatcher: Dispatcher;
  /** Overall deadline of one call, including retries made by the dispatcher. Default 30 s. */
  timeoutMs?: number;
  /** Larger bodies are refused as an invalid response. Default 8 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** Receives one line per finished call; never sees the token, query values or bodies. */
  onCall?: (info: CallInfo) => void;
}

export interface CallInfo {
  method: string;
  path: string;
  status?: number;
  ms: number;
  error?: string;
}

/** What a call expects back. `empty` ignores the body (Chatwoot's `head :ok`). */
export type Expect<T> = { schema: z.ZodType<T> } | { empty: true };

export interface CallOptions {
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export class Transport {
  readonly origin: string;
  private readonly prefix: string;

  constructor(private readonly options: TransportOptions) {
    const url = parseServerUrl(options.baseUrl);
    this.origin = url.origin;
    this.prefix = url.pathname.replace(/\/+$/, '');
  }

  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    expect: Expect<T>,
    init: { query?: Query; body?: unknown } & CallOptions = {},
  ): Promise<T> {
    const url = this.url(path, init.query);
    const label = `${method} ${this.prefix}${path}`;
    const started = Date.now();
    const deadline = AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
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
    try {
      if (signal.aborted) throw signal.reason;
      const response = await request(url, {
        method,
        headers,
        body: payload,
        signal,
        dispatcher: this.options.dispatcher,
      });
      status = response.statusCode;
      const text = await readCapped(response.body, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, label);
      if (status < 200 || status >= 300) {
        throw errorFromResponse(status, parseLoose(text), headerPair(response.headers), label);
      }
      const value = 'empty' in expect ? (undefined as T) : parseBody(text, expect.schema, status, label);
      this.options.onCall?.({ method, path, status, ms: Date.now() - started });
      return value;
    } catch (e) {
      const error = toChatwootError(e, { label, method, host: new URL(this.origin).host, signal: init.signal, deadline, status });
      this.options.onCall?.({ method, path, status: error.status ?? status, ms: Date.now() - started, error: error.kind });
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

async function readCapped(body: Dispatcher.ResponseData['body'], max: number, label: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > max) {
      body.destroy();
      throw new ChatwootError('invalid-response', `The Chatwoot server sent more than ${Math.round(max / 1024)} KB; the response was refused.`, {
        request: label,
      });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function parseBody<T>(text: string, schema: z.ZodType<T>, status: number, label: string): T {
  if (text.trim() === '') {
    throw new ChatwootError('invalid-response', `${MESSAGES['invalid-response']()} (empty body)`, { status, request: label, issues: 'empty body' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ChatwootError('invalid-response', `${MESSAGES['invalid-response']()} (not JSON)`, {
      status,
      request: label,
      issues: `not JSON: ${text.slice(0, 80)}`,
      cause: e,
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const { path, pretty } = describeZodError(result.error);
    throw new ChatwootError('invalid-response', `${MESSAGES['invalid-response']()} (at ${path})`, {
      status,
      request: label,
      issuePath: path,
      issues: pretty,
    });
  }
  return result.data;
}

function headerPair(headers: Record<string, string | string[] | undefined>): { retryAfter?: string; location?: string } {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return { retryAfter: first(headers['retry-after']), location: first(headers['location']) };
}

const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** Turns anything thrown by undici, Node or our own code into one typed error. */
export function toChatwootError(
  e: unknown,
  ctx: { label: string; method: string; host: string; signal?: AbortSignal; deadline: AbortSignal; status?: number },
): ChatwootError {
  if (e instanceof ChatwootError) return e;
  const err = e as { name?: string; code?: string; message?: string; statusCode?: number; cause?: { code?: string } };
  const code = err?.code ?? err?.cause?.code;
  const sent = ctx.method !== 'GET';
  const base = { request: ctx.label, code, cause: e };

  if (ctx.signal?.aborted) return new ChatwootError('cancelled', MESSAGES.cancelled(), base);
  if (ctx.deadline.aborted || err?.name === 'TimeoutError') {
    return new ChatwootError('timeout', `${ctx.host} did not answer in time.`, { ...base, maybeProcessed: sent });
  }
  if (err?.name === 'AbortError') return new ChatwootError('cancelled', MESSAGES.cancelled(), base);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new ChatwootError('timeout', `Connecting to ${ctx.host} timed out.`, base);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new ChatwootError('timeout', `${ctx.host} accepted the request but did not answer in time.`, { ...base, maybeProcessed: sent });
    case 'UND_ERR_BODY_TIMEOUT':
      return new ChatwootError('timeout', `${ctx.host} stopped sending its answer.`, { ...base, maybeProcessed: sent });
    case 'ECONNREFUSED':
      return new ChatwootError('network', `Could not connect to ${ctx.host}: connection refused. Is the server URL right and the server running?`, base);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ChatwootError('network', `Could not find the host ${ctx.host} (DNS lookup failed). Check the server URL and your network.`, base);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return new ChatwootError('network', `The connection to ${ctx.host} was closed unexpectedly.`, { ...base, maybeProcessed: sent });
    case 'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE':
      return new ChatwootError('invalid-response', 'The Chatwoot server sent a response that is too large.', base);
    case 'UND_ERR_REQ_RETRY':
      // The retry interceptor gave up on a retryable status; classify by that status.
      return errorFromResponse(err.statusCode ?? ctx.status ?? 500, undefined, {}, ctx.label);
  }
  if (code && TLS_CODES.test(code)) {
    return new ChatwootError(
      'network',
      `The TLS certificate of ${ctx.host} is not trusted (${code}). If the server uses a private CA, add its certificate in the settings.`,
      base,
    );
  }
  return new ChatwootError('network', `Request to ${ctx.host} failed: ${err?.message ?? String(e)}`, { ...base, maybeProcessed: sent });
}
