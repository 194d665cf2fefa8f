/**
 * What a failed call becomes when the failure is not an HTTP answer: connection, DNS, TLS, proxy,
 * timeouts, cancellation. One typed error each, with a sentence that says what happened.
 */
import { ChatwootError } from './errors';
import { errorFromResponse } from './responseErrors';

export type Headers = Record<string, string | string[] | undefined> | string[] | null | undefined;

/** One header from undici's header object (or raw `[name, value, …]` list). */
export function header(headers: Headers, name: string): string | undefined {
  if (!headers) return undefined;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) if (headers[i].toLowerCase() === name) return headers[i + 1];
    return undefined;
  }
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

const TLS_CODES = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export interface FailureContext {
  label: string;
  /** The transport's `idempotent` flag: a failure of a call that is not may have been processed. */
  idempotent: boolean;
  host: string;
  /** The call's overall deadline, for the message. */
  timeoutMs?: number;
  /** The caller's own signal (cancellation). */
  signal?: AbortSignal;
  deadline: AbortSignal;
  resource?: string;
  retryInSeconds?: (status: number, retryAfter: string | undefined) => number | undefined;
}

function seconds(ms: number | undefined): string {
  if (ms === undefined) return 'in time';
  const s = ms / 1000;
  return `within ${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** Turns anything thrown by undici, Node or our own code into one typed error. */
export function toChatwootError(e: unknown, ctx: FailureContext): ChatwootError {
  if (e instanceof ChatwootError) return e;
  const err = e as { name?: string; code?: string; message?: string; statusCode?: number; headers?: Headers; cause?: { code?: string; message?: string } };
  const code = err?.code ?? err?.cause?.code;
  const sent = !ctx.idempotent;
  const host = ctx.host;
  const hostname = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const base = { request: ctx.label, code, cause: e, host };
  const network = (message: string, failure: 'refused' | 'dns' | 'tls' | 'reset' | 'proxy' | 'other', maybe = false) =>
    new ChatwootError('network', message, { ...base, failure, maybeProcessed: maybe && sent });
  const timeout = (message: string, failure: 'connect-timeout' | 'headers-timeout' | 'body-timeout' | 'deadline', maybe = true) =>
    new ChatwootError('timeout', message, { ...base, failure, maybeProcessed: maybe && sent });

  if (ctx.signal?.aborted) return new ChatwootError('cancelled', 'The request was cancelled.', base);
  if (ctx.deadline.aborted || err?.name === 'TimeoutError') return timeout(`${host} did not answer ${seconds(ctx.timeoutMs)}.`, 'deadline');
  if (err?.name === 'AbortError') return new ChatwootError('cancelled', 'The request was cancelled.', base);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return timeout(`Connecting to ${host} timed out.`, 'connect-timeout', false);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return timeout(`${host} accepted the request but sent no answer in time.`, 'headers-timeout');
    case 'UND_ERR_BODY_TIMEOUT':
      return timeout(`${host} started answering, then stopped sending before the answer was complete.`, 'body-timeout');
    case 'ECONNREFUSED':
      return network(`Could not connect to ${host}: connection refused.`, 'refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return network(`Could not find the host ${hostname} (DNS lookup failed).`, 'dns');
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
    case 'EHOSTDOWN':
      return network(`Could not reach ${host}: the network or host is unreachable (${code}).`, 'other');
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
    case 'UND_ERR_CLOSED':
      return network(`The connection to ${host} was closed before the answer was complete.`, 'reset', true);
    case 'UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE':
      return new ChatwootError('invalid-response', `${host} sent a response that is too large (${ctx.label}); it was refused.`, { ...base, failure: 'too-large' });
    case 'UND_ERR_REQ_RETRY': {
      const status = err.statusCode ?? 0;
      if (status >= 300) {
        // The retry interceptor gave up on a retryable status (the body is gone; the status says enough).
        const retryAfter = header(err.headers, 'retry-after');
        return errorFromResponse(status, undefined, {}, ctx.label, {
          idempotent: ctx.idempotent,
          host,
          resource: ctx.resource,
          retryInSeconds: ctx.retryInSeconds?.(status, retryAfter),
        });
      }
      // A resumed body the server could not serve as a range: the first answer broke off.
      return network(`The connection to ${host} was closed before the answer was complete.`, 'reset', true);
    }
  }
  if (err?.name === 'ProxyError') {
    // The dispatcher already said what the proxy did and which setting fixes it (dispatcher.ts).
    return network(err.message ?? 'The proxy failed.', 'proxy');
  }
  if (code && TLS_CODES.test(code)) {
    const what = code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'does not match the host name' : 'is not trusted';
    const why = err?.message ?? err?.cause?.message;
    return network(`The TLS certificate of ${host} ${what} (${code}${why ? `: ${why}` : ''}).`, 'tls');
  }
  const why = err?.message ?? String(e);
  return network(`Request to ${host} failed: ${why.replace(/\.$/, '')}.`, 'other', true);
}
