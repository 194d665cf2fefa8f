/**
 * Test helpers: a fake Chatwoot on 127.0.0.1:0 for one suite, its control routes, and API clients
 * with a short keep-alive dispatcher (so sockets never keep mocha alive).
 */
import type { Dispatcher } from 'undici';
import { ChatwootClient, createDispatcher, type DispatcherSettings } from '../../../src/api';
import type { Clock } from '../../../src/api/retry';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';

export { SEED_TOKENS };

export interface FakeContext {
  fake: FakeChatwoot;
  /** Calls a `/__fake/…` control route; returns parsed JSON (or null). */
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  client(token: string, options?: { dispatcher?: DispatcherSettings; timeoutMs?: number; maxResponseBytes?: number; clock?: Clock }): ChatwootClient;
  close(): Promise<void>;
}

export async function useFake(options: Parameters<typeof startFakeChatwoot>[0] = {}): Promise<FakeContext> {
  const fake = await startFakeChatwoot(options);
  const dispatchers: Dispatcher[] = [];
  return {
    fake,
    async control(method, path, body) {
      const res = await fetch(`${fake.url}/__fake/${path.replace(/^\//, '')}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`control ${path}: HTTP ${res.status} ${text}`);
      return text ? (JSON.parse(text) as unknown) : null;
    },
    client(token, o = {}) {
      const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, minRetryDelayMs: 20, maxRetryDelayMs: 100, useEnvironmentProxy: false, ...o.dispatcher });
      dispatchers.push(dispatcher);
      return new ChatwootClient({ baseUrl: fake.url, token, dispatcher, timeoutMs: o.timeoutMs, maxResponseBytes: o.maxResponseBytes, clock: o.clock });
    },
    async close() {
      await Promise.all(dispatchers.map((d) => d.close()));
      await fake.close();
    },
  };
}

/** Bodies the fake recorded for POSTs to a path (request log). */
export function postedBodies(fake: FakeChatwoot, pathPattern: RegExp): unknown[] {
  return fake.requests.filter((r) => r.method === 'POST' && pathPattern.test(r.path)).map((r) => r.body);
}
