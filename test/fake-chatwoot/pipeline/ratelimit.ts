// rack-attack emulation (§9): off by default (the real server safelists localhost).
// When enabled: one fixed window per client IP over all paths, keyed by
// floor(epoch / period) like rack-attack's cache key.

import { isRecord } from '../params';

export class Throttle {
  private limit: number | null = null;
  private periodS = 60;
  private forceNext = false;
  private readonly counters = new Map<string, { window: number; count: number }>();

  /** Returns an error message (→ 422) or null. */
  configure(body: unknown): string | null {
    if (!isRecord(body)) return 'body must be a JSON object';
    const { limit, period_s: period, force, enabled } = body;
    if (force !== undefined && typeof force !== 'boolean') return 'force must be a boolean';
    if (limit !== undefined && limit !== null && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)) {
      return 'limit must be a non-negative integer or null';
    }
    if (period !== undefined && !(typeof period === 'number' && period > 0)) return 'period_s must be a positive number';
    if (force !== undefined) this.forceNext = force;
    if (typeof period === 'number') this.periodS = period;
    if (limit !== undefined) this.limit = limit;
    if (enabled === false) this.limit = null;
    this.counters.clear();
    return null;
  }

  /** Counts the request; true means "answer 429". */
  hit(ip: string, nowMs: number): boolean {
    if (this.forceNext) {
      this.forceNext = false;
      return true;
    }
    if (this.limit === null) return false;
    const window = Math.floor(nowMs / (this.periodS * 1000));
    const counter = this.counters.get(ip);
    if (!counter || counter.window !== window) {
      this.counters.set(ip, { window, count: 1 });
      return 1 > this.limit;
    }
    counter.count += 1;
    return counter.count > this.limit;
  }

  snapshot(): Record<string, unknown> {
    return { limit: this.limit, period_s: this.periodS, force: this.forceNext };
  }
}
