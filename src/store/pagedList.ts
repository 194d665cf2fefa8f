/**
 * One open list of one account (Mine, Unassigned or All) as far as it is loaded: the ids of its
 * rows in server order, and the paging state. The rows themselves live in the account's one
 * conversation map (account.ts), so a patched conversation is right in every list at once.
 */
import type { Conversation } from '../api';
import type { AccountState } from './account';
import { newerFirst } from './membership';
import type { ListSnapshot } from './store';
import { Shared } from './shared';

export class PagedList {
  /** Row ids in server order, each once (page 2 may repeat rows of page 1 after the list moved). */
  ids: number[] = [];
  page = 0;
  hasMore = false;
  /** When the first page was read (ms since epoch); 0 before. */
  at = 0;
  first: Shared<void> | undefined;
  more: Shared<void> | undefined;
  revalidating: Shared<void> | undefined;

  get loaded(): boolean {
    return this.at > 0;
  }

  has(id: number): boolean {
    return this.ids.includes(id);
  }

  append(ids: readonly number[]): void {
    const seen = new Set(this.ids);
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      this.ids.push(id);
    }
  }

  remove(id: number): boolean {
    const at = this.ids.indexOf(id);
    if (at < 0) return false;
    this.ids.splice(at, 1);
    return true;
  }

  /**
   * Puts a row where the server's order (latest activity first) would: among the loaded rows, or
   * nowhere when it sorts after them and more pages exist (it is on a page not loaded yet).
   */
  insert(c: Conversation, rowOf: (id: number) => Conversation | undefined): boolean {
    this.remove(c.id);
    const at = this.ids.findIndex((id) => (rowOf(id)?.last_activity_at ?? 0) < c.last_activity_at);
    if (at < 0) {
      if (this.hasMore) return false;
      this.ids.push(c.id);
    } else {
      this.ids.splice(at, 0, c.id);
    }
    return true;
  }

  /** Aborts the loads in flight (the list is being dropped). */
  abort(): void {
    this.first?.abort();
    this.more?.abort();
    this.revalidating?.abort();
  }
}

/** What a list shows: its rows resolved through the account's one copy of each conversation. */
export function snapshot(account: AccountState, list: PagedList): ListSnapshot {
  const conversations: Conversation[] = [];
  for (const id of list.ids) {
    const c = account.conversations.get(id);
    if (c) conversations.push(c);
  }
  return { conversations, hasMore: list.hasMore, at: list.at };
}

/**
 * A fresh first page merged into a loaded list: its rows first, in server order; loaded rows that
 * sort within the first page but are not on it left the list; the rest (later pages) stay.
 */
export function mergeFirstPage(list: PagedList, fresh: readonly number[], hasMore: boolean, account: AccountState): void {
  const onPage = new Set(fresh);
  const last = fresh.length > 0 ? account.row(fresh[fresh.length - 1]) : undefined;
  const later = list.ids.filter((id) => {
    if (onPage.has(id)) return false;
    if (!hasMore) return false; // the whole list fits on the first page
    const row = account.row(id);
    return row !== undefined && last !== undefined && newerFirst(row, last) > 0;
  });
  list.ids = [...fresh, ...later];
}
