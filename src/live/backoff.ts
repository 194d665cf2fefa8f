/**
 * Reconnect delays: exponential (1 s doubling to 60 s) with "equal jitter", so that many editors
 * that lost the same server do not come back in lock-step, while a retry never comes sooner than
 * half the nominal delay. The caller resets the attempt count after a confirmed subscription.
 */
export interface BackoffOptions {
  /** Nominal delay of the first retry. Default 1 s. */
  minMs?: number;
  /** Cap of the nominal delay. Default 60 s. */
  maxMs?: number;
}

export const DEFAULT_MIN_BACKOFF_MS = 1_000;
export const DEFAULT_MAX_BACKOFF_MS = 60_000;

/** The nominal delay before retry number `attempt` (1-based): min · 2^(attempt-1), at most max. */
export function nominalDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const min = options.minMs ?? DEFAULT_MIN_BACKOFF_MS;
  const max = options.maxMs ?? DEFAULT_MAX_BACKOFF_MS;
  const n = Math.max(1, Math.floor(attempt));
  // 2^30 already exceeds any sane cap; avoid Infinity for huge attempt counts.
  return Math.min(max, min * 2 ** Math.min(n - 1, 30));
}

/** The jittered delay: uniformly in [nominal/2, nominal]. `random` returns [0, 1). */
export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const nominal = nominalDelayMs(attempt, options);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(nominal / 2 + (nominal / 2) * r);
}
