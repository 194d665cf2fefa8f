// Tiny HTTP helper for the fake-Chatwoot conformance tests: Node's global fetch
// against loopback only, with the Chatwoot token header and a parsed-JSON view.
import * as assert from 'node:assert/strict';

export type TokenHeader = 'Api-Access-Token' | 'api_access_token';

export interface RequestOptions {
  /** Access token; omitted or null means "send no token header". */
  token?: string | null;
  /** Header spelling used for the token (default `Api-Access-Token`). */
  tokenHeader?: TokenHeader;
  /** JSON-encoded request body (sent with `Content-Type: application/json`). */
  body?: unknown;
  /** Accept header (default `application/json`). */
  accept?: string;
  /** Extra headers, sent as given. */
  headers?: Record<string, string>;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Value of the Content-Type header, or null. */
  contentType: string | null;
  /** Raw response body. */
  text: string;
  /** `JSON.parse(text)`, or `undefined` when the body is not JSON (e.g. empty). */
  json: unknown;
}

/** Sends one request to `baseUrl + path` (path includes any query string). */
export async function httpRequest(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<HttpResult> {
  assert.match(baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/, 'tests only talk to loopback');
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json', ...options.headers };
  if (options.token != null) headers[options.tokenHeader ?? 'Api-Access-Token'] = options.token;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(baseUrl + path, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, contentType: response.headers.get('content-type'), text, json };
}

// ---------------------------------------------------------------------------
// Narrowing helpers: parse into `unknown`, then assert the shape we expect.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown, what = 'value'): JsonObject {
  assert.ok(isObject(value), `${what} should be a JSON object, got ${JSON.stringify(value)}`);
  return value;
}

export function arr(value: unknown, what = 'value'): unknown[] {
  assert.ok(Array.isArray(value), `${what} should be a JSON array, got ${JSON.stringify(value)}`);
  return value as unknown[];
}

export function num(value: unknown, what = 'value'): number {
  assert.equal(typeof value, 'number', `${what} should be a number, got ${JSON.stringify(value)}`);
  return value as number;
}

export function str(value: unknown, what = 'value'): string {
  assert.equal(typeof value, 'string', `${what} should be a string, got ${JSON.stringify(value)}`);
  return value as string;
}

/** Follows a dotted path of object keys, asserting every step is an object. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of path.split('.')) current = obj(current, `parent of ${key}`)[key];
  return current;
}

/** Array of objects (e.g. a `payload`). */
export function objects(value: unknown, what = 'value'): JsonObject[] {
  return arr(value, what).map((item, i) => obj(item, `${what}[${i}]`));
}

export function hasKey(value: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}
