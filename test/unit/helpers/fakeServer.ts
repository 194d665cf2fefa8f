/**
 * Unit-tier helpers: a fake Chatwoot on 127.0.0.1:0 for one suite (started and driven through the
 * shared test/support/fake.ts), and API clients with a short keep-alive dispatcher (so sockets
 * never keep mocha alive).
 */
import type { Dispatcher } from 'undici';
import { ChatwootClient, createDispatcher, type DispatcherSettings } from '../../../src/api';
import type { Clock } from '../../../src/api/retry';
import { fakeControl, postedBodies as posted, SEED_TOKENS, startFake, type FakeChatwoot } from '../../support/fake';

export { SEED_TOKENS };

export interface FakeContext {
  fake: FakeChatwoot;
  /** Calls a `/__fake/…` control route; returns parsed JSON (or null). */
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  client(token: string, options?: { dispatcher?: DispatcherSettings; timeoutMs?: number; maxResponseBytes?: number; clock?: Clock; pageSize?: number }): ChatwootClient;
  close(): Promise<void>;
}

export async function useFake(options: Parameters<typeof startFake>[0] = {}): Promise<FakeContext> {
  const fake = await startFake(options);
  const dispatchers: Dispatcher[] = [];
  const call = fakeControl(fake.url);
  return {
    fake,
    control: (method, path, body) => call(method, path, method === 'GET' ? undefined : (body ?? {})),
    client(token, o = {}) {
      const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, minRetryDelayMs: 20, maxRetryDelayMs: 100, useEnvironmentProxy: false, ...o.dispatcher });
      dispatchers.push(dispatcher);
      return new ChatwootClient({ baseUrl: fake.url, token, dispatcher, timeoutMs: o.timeoutMs, maxResponseBytes: o.maxResponseBytes, clock: o.clock, pageSize: o.pageSize });
    },
    async close() {
      await Promise.all(dispatchers.map((d) => d.close()));
      await fake.close();
    },
  };
}

/** Bodies the fake recorded for POSTs to a path (request log). */
export function postedBodies(fake: FakeChatwoot, pathPattern: RegExp): unknown[] {
  return posted(fake.requests, pathPattern);
}
