/**
 * The fake Chatwoot, as every tier sets it up: started in this process (unit and UI tiers), or
 * reached by URL from the extension host (its runner starts it and passes CHATWOOT_FAKE_URL). One
 * way to call its `/__fake/…` control routes (or its API as a seed user) and to read and filter its
 * request log, so the tiers never drift apart on how the fake is driven. Setup only: what a test
 * asserts stays in the test.
 */
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot, type RecordedRequest, type StartOptions } from '../fake-chatwoot';

export { SEED_TOKENS, type FakeChatwoot, type RecordedRequest, type StartOptions };

/** Starts a fake on 127.0.0.1:0 (close it in `after`). */
export function startFake(options: StartOptions = {}): Promise<FakeChatwoot> {
  return startFakeChatwoot(options);
}

export interface CallOptions {
  /** JSON body (omitted: none). */
  body?: unknown;
  /** Sent as `api-access-token` (for API paths; control routes ignore it). */
  token?: string;
  /** Resolve with the parsed answer whatever the status (default: a non-2xx answer throws). */
  lenient?: boolean;
}

/**
 * One HTTP call to the fake at `baseUrl`: `path` is `/__fake/…` for a control route, or an API
 * path. Resolves with the parsed JSON answer, or null for an empty body.
 */
export async function callFake(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token !== undefined) headers['api-access-token'] = options.token;
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  if (!res.ok && !options.lenient) throw new Error(`${method} ${path} answered ${res.status}${text ? `: ${text}` : ''}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** A `/__fake/<route>` caller bound to one fake: `control('POST', 'reset')`, `control('GET', 'requests')`. */
export function fakeControl(baseUrl: string, options: Omit<CallOptions, 'body'> = {}): (method: string, route: string, body?: unknown) => Promise<unknown> {
  return (method, route, body) => callFake(baseUrl, method, `/__fake/${route.replace(/^\//, '')}`, { ...options, body });
}

/** The fake's request log over HTTP (every non-control request since the last reset or clear). */
export async function fakeRequests(baseUrl: string): Promise<RecordedRequest[]> {
  return (await callFake(baseUrl, 'GET', '/__fake/requests', { lenient: true })) as RecordedRequest[];
}

export interface RequestFilter {
  method?: string;
  /** An exact path, or a pattern. */
  path?: string | RegExp;
  /** Query parameters that must have these values. */
  query?: Record<string, string>;
}

/** The requests of a log (from `fake.requests` or `fakeRequests`) that match. */
export function filterRequests<R extends Pick<RecordedRequest, 'method' | 'path' | 'query'>>(log: readonly R[], filter: RequestFilter): R[] {
  return log.filter(
    (r) =>
      (filter.method === undefined || r.method === filter.method) &&
      (filter.path === undefined || (typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))) &&
      Object.entries(filter.query ?? {}).every(([k, v]) => r.query[k] === v),
  );
}

/** Bodies recorded for POSTs to paths matching `pathPattern`. */
export function postedBodies(log: readonly RecordedRequest[], pathPattern: RegExp): unknown[] {
  return filterRequests(log, { method: 'POST', path: pathPattern }).map((r) => r.body);
}
