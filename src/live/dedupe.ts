/**
 * Drops an event that already arrived a moment ago. The user's token-addressed events reach every
 * subscription of the socket (one per account), so a user subscribed for 3 accounts receives each
 * conversation event 3 times with byte-identical payloads. Keys are a hash of the event name and
 * payload; dropping a genuinely repeated identical payload (Chatwoot re-reads the conversation for
 * several events, which can then carry the same final state) is harmless.
 */
import { createHash } from 'node:crypto';

export class RecentEvents {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 1_000,
  ) {}

  /** True the first time a payload is seen within the window; false for a duplicate. */
  firstTime(name: string, payload: string, now: number): boolean {
    const key = createHash('sha1').update(name).update('\0').update(payload).digest('base64');
    this.expire(now);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + this.windowMs);
    while (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  clear(): void {
    this.seen.clear();
  }

  private expire(now: number): void {
    // Insertion order equals expiry order (constant window): stop at the first live entry.
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
