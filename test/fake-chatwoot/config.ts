// Runtime switches of §10 (`POST /__fake/config`). A reset returns to the baseline
// given at start (StartOptions.latencyMs / perPage), not to hard-coded defaults.

import { isRecord } from './params';

export type Edition = 'ee' | 'ce';
export type JobMode = 'immediate' | 'deferred';
export type DriftProfile = 'v4.10' | 'v4.17';

/**
 * How an injected fault answers. `status` (the default) sends `status` and `body`; the others break
 * the transport or the body, as proxies, crashed servers and bad networks do:
 * - `reset`: status line, headers and half the body, then the socket is destroyed (reset mid-body);
 * - `close`: the socket is destroyed before any answer;
 * - `drip`: the whole answer, `drip_bytes` every `drip_ms` (a body too slow for the client);
 * - `hang`: no answer at all, the socket stays open (headers timeout);
 * - `malformed`: the body cut in half (invalid JSON); `wrong_shape`: every numeric `id` turned into
 *   a string (valid JSON, wrong shape); `empty`: no body; `oversized`: the body padded to `bytes`;
 * - `redirect`: a 3xx (`status`, default 302) to `location`.
 */
export const FAULT_MODES = ['status', 'reset', 'close', 'drip', 'hang', 'malformed', 'wrong_shape', 'empty', 'oversized', 'redirect'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface FailRule {
  source: string;
  regex: RegExp;
  /** null: the answer's own status (non-`status` modes only). */
  status: number | null;
  body: string | null;
  method: string | null;
  remaining: number;
  mode: FaultMode;
  /**
   * true: the request goes through the real pipeline first (a POST changes the store), then its
   * answer is broken. false (default): it never reaches Chatwoot's routes; a body-breaking mode
   * then breaks `body`, or for GET/HEAD the real answer (reads change nothing), or a stand-in.
   */
  apply: boolean;
  headers: Record<string, string>;
  dripMs: number;
  dripBytes: number;
  bytes: number;
  location: string | null;
}

export interface FakeConfig {
  edition: Edition;
  jobs: JobMode;
  profile: DriftProfile;
  perPage: number;
  latencyMs: number;
  failNext: FailRule[];
}

export interface ConfigBaseline {
  latencyMs?: number;
  perPage?: number;
}

export function defaultConfig(baseline: ConfigBaseline): FakeConfig {
  return {
    edition: 'ee',
    jobs: 'immediate',
    profile: 'v4.10',
    perPage: baseline.perPage ?? 25,
    latencyMs: baseline.latencyMs ?? 0,
    failNext: [],
  };
}

/** Applies a config body; returns an error message (→ 422) or null. All-or-nothing. */
export function applyConfig(config: FakeConfig, body: unknown): string | null {
  if (!isRecord(body)) return 'body must be a JSON object';
  const next: FakeConfig = { ...config, failNext: [...config.failNext] };
  for (const [key, value] of Object.entries(body)) {
    const error = applyKey(next, key, value);
    if (error) return error;
  }
  Object.assign(config, next);
  return null;
}

function applyKey(next: FakeConfig, key: string, value: unknown): string | null {
  switch (key) {
    case 'edition':
      if (value !== 'ee' && value !== 'ce') return 'edition must be "ee" or "ce"';
      next.edition = value;
      return null;
    case 'jobs':
      if (value !== 'immediate' && value !== 'deferred') return 'jobs must be "immediate" or "deferred"';
      next.jobs = value;
      return null;
    case 'profile':
      if (value !== 'v4.10' && value !== 'v4.17') return 'profile must be "v4.10" or "v4.17"';
      next.profile = value;
      return null;
    case 'per_page':
      if (!isInt(value, 1, 10_000)) return 'per_page must be an integer 1..10000';
      next.perPage = value;
      return null;
    case 'latency_ms':
      if (!isInt(value, 0, 60_000)) return 'latency_ms must be an integer 0..60000';
      next.latencyMs = value;
      return null;
    case 'fail_next':
      return applyFailNext(next, value);
    default:
      return `unknown config key: ${key}`;
  }
}

function applyFailNext(next: FakeConfig, value: unknown): string | null {
  if (value === null) {
    next.failNext = [];
    return null;
  }
  const usage = 'fail_next must be an object {path_regex, status?, body?, method?, times?, mode?, apply?, headers?, drip_ms?, drip_bytes?, bytes?, location?}';
  if (!isRecord(value)) return usage;
  const { path_regex: source, status, body, method, times, mode, apply, headers, drip_ms: dripMs, drip_bytes: dripBytes, bytes, location } = value;
  if (typeof source !== 'string') return 'fail_next.path_regex must be a string';
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    return 'fail_next.path_regex is not a valid regular expression';
  }
  if (mode !== undefined && !(typeof mode === 'string' && (FAULT_MODES as readonly string[]).includes(mode))) {
    return `fail_next.mode must be one of ${FAULT_MODES.join(', ')}`;
  }
  const faultMode = (mode ?? 'status') as FaultMode;
  if (faultMode === 'status' ? !isInt(status, 100, 599) : status !== undefined && status !== null && !isInt(status, 100, 599)) {
    return 'fail_next.status must be an HTTP status code';
  }
  if (faultMode === 'redirect' && status !== undefined && status !== null && !isInt(status, 300, 399)) return 'fail_next.status of a redirect must be 3xx';
  if (faultMode === 'redirect' && typeof location !== 'string') return 'fail_next.location is required for mode "redirect"';
  if (location !== undefined && location !== null && typeof location !== 'string') return 'fail_next.location must be a string';
  if (body !== undefined && body !== null && typeof body !== 'string') return 'fail_next.body must be a string';
  if (method !== undefined && method !== null && typeof method !== 'string') return 'fail_next.method must be a string';
  if (times !== undefined && !isInt(times, 1, 1_000_000)) return 'fail_next.times must be a positive integer';
  if (apply !== undefined && typeof apply !== 'boolean') return 'fail_next.apply must be a boolean';
  if (headers !== undefined && !(isRecord(headers) && Object.values(headers).every((h) => typeof h === 'string'))) return 'fail_next.headers must be an object of strings';
  if (dripMs !== undefined && !isInt(dripMs, 1, 60_000)) return 'fail_next.drip_ms must be an integer 1..60000';
  if (dripBytes !== undefined && !isInt(dripBytes, 1, 1_048_576)) return 'fail_next.drip_bytes must be an integer 1..1048576';
  if (bytes !== undefined && !isInt(bytes, 1, 64 * 1_048_576)) return 'fail_next.bytes must be an integer 1..67108864';
  next.failNext.push({
    source,
    regex,
    status: typeof status === 'number' ? status : null,
    body: typeof body === 'string' ? body : null,
    method: typeof method === 'string' ? method.toUpperCase() : null,
    remaining: typeof times === 'number' ? times : 1,
    mode: faultMode,
    apply: apply === true,
    headers: isRecord(headers) ? (headers as Record<string, string>) : {},
    dripMs: typeof dripMs === 'number' ? dripMs : 200,
    dripBytes: typeof dripBytes === 'number' ? dripBytes : 1,
    bytes: typeof bytes === 'number' ? bytes : 9 * 1_048_576,
    location: typeof location === 'string' ? location : null,
  });
  return null;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function configJson(config: FakeConfig): Record<string, unknown> {
  return {
    edition: config.edition,
    jobs: config.jobs,
    profile: config.profile,
    per_page: config.perPage,
    latency_ms: config.latencyMs,
    fail_next: config.failNext.map((r) => ({
      path_regex: r.source,
      status: r.status,
      body: r.body,
      method: r.method,
      times: r.remaining,
      mode: r.mode,
      apply: r.apply,
      headers: r.headers,
      drip_ms: r.dripMs,
      drip_bytes: r.dripBytes,
      bytes: r.bytes,
      location: r.location,
    })),
  };
}
