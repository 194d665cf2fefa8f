/**
 * Re-reads Chatwoot's four counts (`GET …/conversations/meta`) when a patch cannot derive them (a
 * conversation never seen before changed), once a burst is over and at most once per
 * COUNTS_REREAD_MS per account. A refresh or reset cancels what is pending: it brings newer counts.
 * Each pending re-read is background work the store's `idle()` waits for.
 */
import type { ChatwootClient, ConversationCounts } from '../api';
import type { Logger } from '../util/log';

/** Chatwoot's counts are re-read at most this often per account when a patch cannot derive them. */
export const COUNTS_REREAD_MS = 1000;

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  done: () => void;
  cancelled: boolean;
}

export class CountsRereader {
  private readonly pending = new Map<number, Pending>();
  private readonly readAt = new Map<number, number>();

  constructor(
    private readonly client: () => ChatwootClient | undefined,
    private readonly track: (p: Promise<void>) => unknown,
    private readonly apply: (accountId: number, counts: ConversationCounts) => void,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  schedule(accountId: number): void {
    if (this.pending.has(accountId) || !this.client()) return;
    const wait = Math.max(50, COUNTS_REREAD_MS - (Date.now() - (this.readAt.get(accountId) ?? 0)));
    let done = () => undefined as void;
    this.track(new Promise<void>((resolve) => (done = resolve)));
    const entry: Pending = { timer: undefined, done, cancelled: false };
    const finish = () => {
      if (this.pending.get(accountId) === entry) this.pending.delete(accountId);
      done();
    };
    entry.timer = setTimeout(() => {
      this.readAt.set(accountId, Date.now());
      const client = this.client();
      if (!client) return finish();
      client
        .getConversationCounts(accountId, { status: 'open' })
        .then((counts) => {
          // A refresh or reset meanwhile brings (or brought) newer counts.
          if (!entry.cancelled) this.apply(accountId, counts);
        })
        .catch((e: unknown) => this.log.warn(`Could not re-read the conversation counts of account ${accountId}: ${(e as Error).message}`))
        .finally(finish);
    }, wait);
    this.pending.set(accountId, entry);
  }

  cancel(accountId: number): void {
    const entry = this.pending.get(accountId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.cancelled = true;
    entry.done();
    this.pending.delete(accountId);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }
}
