/**
 * One request that several callers wait on. The store owns it (and its AbortController): a caller
 * that gives up (its own signal aborts) only stops waiting; the request goes on for the others and
 * its answer still lands in the store. Invalidation aborts it, and then nobody sees its answer.
 */
import { raceAbort } from '../util/abort';

export class Shared<T> {
  readonly controller = new AbortController();
  readonly promise: Promise<T>;
  settled = false;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    // Through an executor: a `run` that throws at once (signed out) rejects like any other failure.
    this.promise = new Promise<T>((resolve) => resolve(run(this.controller.signal))).finally(() => (this.settled = true));
    // Nobody may be waiting when it fails (a background load); later awaiters still see the rejection.
    this.promise.catch(() => undefined);
  }

  wait(signal?: AbortSignal): Promise<T> {
    return signal ? raceAbort(this.promise, signal) : this.promise;
  }

  abort(): void {
    this.controller.abort();
  }
}

/**
 * A value read from the server, with the one request that reads it. `value` is what is known now
 * (shown at once); `load()` shares the pending request; `refresh()` reads again while the known
 * value stays in use.
 */
export class Resource<T> {
  value: T | undefined;
  /** When `value` was read (ms since epoch). */
  at = 0;
  private pending: Shared<T> | undefined;

  constructor(
    private readonly read: (signal: AbortSignal) => Promise<T>,
    private readonly track: <R>(p: Promise<R>) => Promise<R>,
    private readonly onValue?: (value: T) => void,
  ) {}

  /** The known value, else the (shared) request for it. */
  get(signal?: AbortSignal): Promise<T> {
    if (this.value !== undefined) return Promise.resolve(this.value);
    return this.load(signal);
  }

  /** Reads (or joins the read in flight) whatever is known. */
  load(signal?: AbortSignal): Promise<T> {
    if (!this.pending) {
      const shared: Shared<T> = new Shared((s) =>
        this.read(s).then((value) => {
          s.throwIfAborted(); // an answer to an invalidated request never lands
          this.value = value;
          this.at = Date.now();
          this.onValue?.(value);
          return value;
        }),
      );
      this.pending = shared;
      void this.track(shared.promise.finally(() => this.pending === shared && (this.pending = undefined)).catch(() => undefined));
    }
    return this.pending.wait(signal);
  }

  /** Re-reads in the background when the known value is older than `maxAgeMs`. */
  refreshIfOlderThan(maxAgeMs: number): void {
    if (this.value !== undefined && !this.pending && Date.now() - this.at > maxAgeMs) this.load().catch(() => undefined);
  }

  /** Replaces the value (a fresher copy came from elsewhere); `fresh: false` keeps its age (a patch, not a read). */
  set(value: T, fresh = true): void {
    this.value = value;
    if (fresh) this.at = Date.now();
  }

  /** Forgets the value and aborts the read in flight. */
  invalidate(): void {
    this.value = undefined;
    this.at = 0;
    this.pending?.abort();
    this.pending = undefined;
  }
}
