/**
 * The time source of the live client, injectable so tests can drive pings, confirmation timeouts
 * and backoff with fake time instead of waiting.
 */
export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers, unref'd: a waiting reconnect never keeps a process (or a test run) alive. */
export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
