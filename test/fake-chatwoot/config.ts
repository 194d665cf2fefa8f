// Runtime switches of §10 (`POST /__fake/config`). A reset returns to the baseline
// given at start (StartOptions.latencyMs / perPage), not to hard-coded defaults.

import { isRecord } from './params';

export type Edition = 'ee' | 'ce';
export type JobMode = 'immediate' | 'deferred';
export type DriftProfile = 'v4.10' | 'v4.17';

export interface FailRule {
  source: string;
  regex: RegExp;
  status: number;
  body: string | null;
  method: string | null;
  remaining: number;
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
  if (!isRecord(value)) return 'fail_next must be an object {path_regex, status, body?, method?, times?}';
  const { path_regex: source, status, body, method, times } = value;
  if (typeof source !== 'string') return 'fail_next.path_regex must be a string';
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    return 'fail_next.path_regex is not a valid regular expression';
  }
  if (!isInt(status, 100, 599)) return 'fail_next.status must be an HTTP status code';
  if (body !== undefined && body !== null && typeof body !== 'string') return 'fail_next.body must be a string';
  if (method !== undefined && method !== null && typeof method !== 'string') return 'fail_next.method must be a string';
  if (times !== undefined && !isInt(times, 1, 1_000_000)) return 'fail_next.times must be a positive integer';
  next.failNext.push({
    source, regex, status, body: typeof body === 'string' ? body : null,
    method: typeof method === 'string' ? method.toUpperCase() : null, remaining: typeof times === 'number' ? times : 1,
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
    fail_next: config.failNext.map((r) => ({ path_regex: r.source, status: r.status, body: r.body, method: r.method, times: r.remaining })),
  };
}
