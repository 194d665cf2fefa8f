/**
 * When to retry a call, as a pure function (the transport plugs it into undici's retry interceptor
 * as its `retry` decision, per request, so the dispatcher's limits still apply).
 *
 * - Only an idempotent call (the transport's one `idempotent` flag: GET, or a POST that declares it
 *   only reads) is ever retried; an assignment or message POST never is (the caller re-reads instead).
 * - Statuses and error codes: the ones the dispatcher lists (429/502/503/504, resets); never after
 *   the response headers arrived (a resumed body would need Range support Chatwoot does not have).
 * - Wait: Retry-After when the server sends one. Otherwise a 429 waits for the next rate-limit
 *   window: Chatwoot's rack-attack counts per IP in fixed 60 s buckets keyed by epoch / 60 and sends
 *   no Retry-After, so nothing succeeds before the bucket rolls over. Other statuses back off
 *   exponentially (min · factor^(attempt-1), at most max).
 * - Bounded by the call's deadline: a wait that would not leave time for the retry itself is not
 *   taken; the call fails at once, and the error says when to try again.
 */

export interface Clock {
  now(): number;
  /** Resolves after `ms`, rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RetryPolicy {
  /** Length of the server's rate-limit window (rack-attack `period`). Default 60 s. */
  rateLimitWindowMs?: number;
  /** Added after the window boundary to absorb clock skew between here and the server. Default 1 s. */
  rateLimitMarginMs?: number;
}

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
export const DEFAULT_RATE_LIMIT_MARGIN_MS = 1_000;

/** The dispatcher's retry limits (undici `RetryOptions`), with its defaults. */
export interface RetryLimits {
  maxRetries: number;
  minTimeoutMs: number;
  maxTimeoutMs: number;
  timeoutFactor: number;
  methods: readonly string[];
  statusCodes: readonly number[];
  errorCodes: readonly string[];
}

export interface RetryInput {
  method: string;
  /** Repeating the call changes nothing on the server (`CallInit.idempotent`, decided in http.ts). */
  idempotent: boolean;
  /** 1 for the first failure. */
  attempt: number;
  /** HTTP status of a retryable answer, if the failure was one. */
  status?: number;
  /** Error code of a transport failure. */
  code?: string;
  retryAfter?: string;
  /** True once response headers were passed on (the body is being read): never retry then. */
  headersArrived: boolean;
  now: number;
  /** Epoch ms when the call's overall deadline expires. */
  deadlineAt: number;
  /** Time kept free before the deadline for the retried request itself. */
  reserveMs: number;
  limits: RetryLimits;
  policy?: RetryPolicy;
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; why: 'method' | 'not-retryable' | 'body-started' | 'exhausted' | 'deadline'; waitMs?: number };

/** Milliseconds until the next fixed window starts (0 exactly on a boundary). */
export function msUntilNextWindow(now: number, windowMs = DEFAULT_RATE_LIMIT_WINDOW_MS): number {
  return (windowMs - (now % windowMs)) % windowMs;
}

/**
 * THE Retry-After parser (every user of the header goes through it): delta-seconds or an HTTP date,
 * in ms from `now` (a date in the past is 0), or undefined when absent or unreadable. Anything else
 * that Date.parse would read as a date ("1.5", "-5") is unreadable, not "now".
 */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long to wait before retrying after `status` (undefined for transport errors). */
export function waitBeforeRetryMs(input: Pick<RetryInput, 'status' | 'retryAfter' | 'now' | 'attempt' | 'limits' | 'policy'>): number {
  const header = retryAfterMs(input.retryAfter, input.now);
  if (header !== undefined) return header;
  if (input.status === 429) {
    const window = input.policy?.rateLimitWindowMs ?? DEFAULT_RATE_LIMIT_WINDOW_MS;
    return msUntilNextWindow(input.now, window) + (input.policy?.rateLimitMarginMs ?? DEFAULT_RATE_LIMIT_MARGIN_MS);
  }
  const { minTimeoutMs, maxTimeoutMs, timeoutFactor } = input.limits;
  return Math.min(minTimeoutMs * timeoutFactor ** Math.max(0, input.attempt - 1), maxTimeoutMs);
}

export function decideRetry(input: RetryInput): RetryDecision {
  const method = input.method.toUpperCase();
  if (!input.idempotent || !input.limits.methods.includes(method)) return { retry: false, why: 'method' };
  if (input.headersArrived) return { retry: false, why: 'body-started' };
  const retryable = input.status !== undefined ? input.limits.statusCodes.includes(input.status) : input.code !== undefined && input.limits.errorCodes.includes(input.code);
  if (!retryable) return { retry: false, why: 'not-retryable' };
  const waitMs = waitBeforeRetryMs(input);
  if (input.attempt > input.limits.maxRetries) return { retry: false, why: 'exhausted', waitMs };
  if (input.now + waitMs + input.reserveMs > input.deadlineAt) return { retry: false, why: 'deadline', waitMs };
  return { retry: true, waitMs };
}

/** Seconds to tell the user, rounded up. */
export function toSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
