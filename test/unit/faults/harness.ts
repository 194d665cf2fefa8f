/**
 * Fault-suite helpers: a fake Chatwoot on 127.0.0.1:0, clients with short timeouts and an injectable
 * clock, a "nothing changed" snapshot of the fake's store, and `expectFault`, which checks what the
 * user sees (kind + the exact sentence of describeError) and that the call ended in time.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { ChatwootClient, ChatwootError, createDispatcher, type ChatwootErrorKind, type DispatcherSettings } from '../../../src/api';
import type { Clock, RetryPolicy } from '../../../src/api/retry';
import { describeError } from '../../../src/ui/errorText';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot, type RecordedRequest } from '../../fake-chatwoot';
import { fakeControl } from '../../support/fake';

export { SEED_TOKENS };

export interface ClientOptions {
  baseUrl?: string;
  token?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  dispatcher?: DispatcherSettings;
}

/** Dispatcher defaults for the suite: no proxy from the environment, short timers, quick backoff. */
export const TEST_DISPATCHER: DispatcherSettings = {
  keepAliveTimeoutMs: 10,
  minRetryDelayMs: 20,
  maxRetryDelayMs: 100,
  headersTimeoutMs: 2_000,
  bodyTimeoutMs: 2_000,
  connectTimeoutMs: 2_000,
  useEnvironmentProxy: false,
};

export class Clients {
  private readonly dispatchers: Dispatcher[] = [];

  constructor(private readonly defaultUrl: () => string) {}

  make(o: ClientOptions = {}): ChatwootClient {
    const dispatcher = createDispatcher({ ...TEST_DISPATCHER, ...o.dispatcher });
    this.dispatchers.push(dispatcher);
    return new ChatwootClient({
      baseUrl: o.baseUrl ?? this.defaultUrl(),
      token: o.token ?? SEED_TOKENS.alice,
      dispatcher,
      timeoutMs: o.timeoutMs ?? 5_000,
      maxResponseBytes: o.maxResponseBytes,
      clock: o.clock,
      retryPolicy: o.retryPolicy,
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.dispatchers.splice(0).map((d) => d.destroy()));
  }
}

export interface FakeHarness {
  fake: FakeChatwoot;
  clients: Clients;
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  /** POST /__fake/config {fail_next: rule}. */
  failNext(rule: Record<string, unknown>): Promise<void>;
  /** Everything a call could change: every conversation's raw record, events, pending jobs. */
  snapshot(): Promise<string>;
  /** The request log (every request but the /__fake/ control routes). */
  log(): RecordedRequest[];
  close(): Promise<void>;
}

export async function startHarness(): Promise<FakeHarness> {
  const fake = await startFakeChatwoot();
  const clients = new Clients(() => fake.url);
  const call = fakeControl(fake.url);
  const control = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => call(method, path, method === 'GET' ? undefined : (body ?? {}));
  return {
    fake,
    clients,
    control,
    async failNext(rule) {
      await control('POST', 'config', { fail_next: rule });
    },
    async snapshot() {
      const [conversations, events, jobs] = await Promise.all([control('GET', 'state/conversations'), control('GET', 'events'), control('GET', 'jobs')]);
      return JSON.stringify({ conversations, events, jobs });
    },
    log: () => [...fake.requests],
    async close() {
      await clients.close();
      await fake.close();
    },
  };
}

export interface Expected {
  kind: ChatwootErrorKind;
  /** The exact sentence the user sees (describeError(e).message). */
  message: string;
  actions?: string[];
  /** The call must have ended within this many ms (default 3000): no hang. */
  within?: number;
}

/** Runs the call; it must reject with a ChatwootError of `kind` whose user sentence is exactly `message`, in time. */
export async function expectFault(call: () => Promise<unknown>, expected: Expected): Promise<ChatwootError> {
  const within = expected.within ?? 3_000;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), within);
  });
  let outcome: unknown;
  try {
    outcome = await Promise.race([call().then(() => 'resolved' as const), hang]);
  } catch (e) {
    outcome = e;
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - started;
  assert.notEqual(outcome, 'hang', `the call did not finish within ${within} ms`);
  assert.notEqual(outcome, 'resolved', `expected a ${expected.kind} error, the call succeeded`);
  assert.ok(outcome instanceof ChatwootError, `expected a ChatwootError, got ${String(outcome)}`);
  const error = outcome;
  assert.equal(error.kind, expected.kind, `kind of "${error.message}"`);
  const seen = describeError(error);
  assert.equal(seen.message, expected.message);
  if (expected.actions) assert.deepEqual(seen.actions, expected.actions);
  assert.ok(ms < within, `finished in ${Math.round(ms)} ms`);
  return error;
}

/**
 * A virtual clock frozen at `startMs` (epoch ms): only sleeps move it, and they return at once.
 * Every wait the transport asks for is recorded, so tests assert it exactly without waiting.
 */
export function testClock(startMs: number): Clock & { sleeps: number[] } {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      now += ms;
      return signal.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve();
    },
  };
}

/** Epoch ms at `second` seconds (and `ms`) past some fixed minute: 2026-01-01T10:00:00Z + offset. */
export function atSecond(second: number, ms = 0): number {
  return Date.UTC(2026, 0, 1, 10, 0, second, ms);
}
