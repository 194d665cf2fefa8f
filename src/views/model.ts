/**
 * The data behind the Conversations tree: what each account group has loaded so far and the
 * requests in flight. Callers asking for the same thing at the same time share one request. Every
 * cache entry owns an AbortController; a refresh drops the entry and aborts its requests, so the
 * answer to a superseded request can never land in the tree: it is thrown away, and whoever was
 * waiting sees a cancellation and asks the fresh entry instead.
 */
import * as vscode from 'vscode';
import type { Conversation, ConversationCounts, Profile } from '../api';
import { countFor, type AssigneeFilter } from '../api/counts';
import type { Connection } from '../auth/connection';

export type GroupKind = 'mine' | 'unassigned' | 'all';
export const GROUP_KINDS: readonly GroupKind[] = ['mine', 'unassigned', 'all'];

const ASSIGNEE_TYPE = { mine: 'me', unassigned: 'unassigned', all: 'all' } as const satisfies Record<GroupKind, AssigneeFilter>;

/** The server's count for a group. */
export function countOf(counts: ConversationCounts, kind: GroupKind): number {
  return countFor(counts, ASSIGNEE_TYPE[kind]);
}

/** What a group shows: its conversations so far, without duplicates, and whether more pages exist. */
export interface GroupSnapshot {
  readonly conversations: readonly Conversation[];
  readonly hasMore: boolean;
}

class GroupEntry implements GroupSnapshot {
  readonly controller = new AbortController();
  readonly conversations: Conversation[] = [];
  private readonly seen = new Set<number>();
  page = 0;
  hasMore = false;
  first: Promise<ConversationCounts> | undefined;
  more: Promise<void> | undefined;

  /**
   * Chatwoot moves a conversation to the top of its list when it is assigned, so page 2 can
   * repeat rows of page 1: keep the first copy (a tree refuses two items with one id anyway).
   */
  append(list: readonly Conversation[]): void {
    for (const c of list) {
      if (this.seen.has(c.id)) continue;
      this.seen.add(c.id);
      this.conversations.push(c);
    }
  }
}

class AccountEntry {
  counts: ConversationCounts | undefined;
  readonly groups = new Map<GroupKind, GroupEntry>();
}

export interface CountsChange {
  accountId: number;
  counts: ConversationCounts;
  /** True when the account had no counts yet (whoever needed them is still waiting for them). */
  first: boolean;
}

export class ConversationsModel implements vscode.Disposable {
  private readonly countsChanged = new vscode.EventEmitter<CountsChange>();
  readonly onDidChangeCounts = this.countsChanged.event;
  private readonly accounts = new Map<number, AccountEntry>();
  private root = new AbortController();
  /** Newest counts per account; survives refreshes so the badge does not blink while reloading. */
  readonly latestCounts = new Map<number, ConversationCounts>();

  constructor(private readonly connection: Connection) {}

  /** The user's profile (the connection caches it per sign-in); aborted by a full refresh. */
  profile(): Promise<Profile> {
    return this.connection.profile(this.root.signal);
  }

  knownCounts(accountId: number): ConversationCounts | undefined {
    return this.accounts.get(accountId)?.counts;
  }

  /**
   * The account's four counts. Any list page carries them, so they come from the first page of
   * Unassigned (expanded by default, and what the badge counts): one request serves both.
   */
  async counts(accountId: number): Promise<ConversationCounts> {
    const known = this.account(accountId).counts;
    if (known) return known;
    const fromPage = await this.firstPage(accountId, 'unassigned');
    return this.accounts.get(accountId)?.counts ?? fromPage;
  }

  /** The group with at least its first page loaded. */
  async group(accountId: number, kind: GroupKind): Promise<GroupSnapshot> {
    await this.firstPage(accountId, kind);
    return this.groupEntry(accountId, kind);
  }

  /** Appends the next page of a group; concurrent calls share one request. */
  async loadMore(accountId: number, kind: GroupKind): Promise<void> {
    const entry = this.groupEntry(accountId, kind);
    await this.firstPage(accountId, kind);
    if (!entry.hasMore) return;
    entry.more ??= this.fetch(accountId, kind, entry, entry.page + 1).then(
      () => {
        entry.more = undefined;
      },
      (e: unknown) => {
        entry.more = undefined;
        throw e;
      },
    );
    await entry.more;
  }

  /** Forgets everything loaded (the profile stays cached by the connection) and aborts all loads. */
  invalidateAll(): void {
    this.root.abort();
    this.root = new AbortController();
    for (const id of [...this.accounts.keys()]) this.invalidateAccount(id);
  }

  invalidateAccount(accountId: number): void {
    const entry = this.accounts.get(accountId);
    if (!entry) return;
    this.accounts.delete(accountId);
    for (const group of entry.groups.values()) group.controller.abort();
  }

  /** Reloads one group; the account's counts stay until the group's new first page replaces them. */
  invalidateGroup(accountId: number, kind: GroupKind): void {
    const account = this.accounts.get(accountId);
    const entry = account?.groups.get(kind);
    if (!account || !entry) return;
    account.groups.delete(kind);
    entry.controller.abort();
  }

  /** Another user or server: also forget the last counts. */
  reset(): void {
    this.invalidateAll();
    this.latestCounts.clear();
  }

  dispose(): void {
    this.reset();
    this.countsChanged.dispose();
  }

  private account(accountId: number): AccountEntry {
    let entry = this.accounts.get(accountId);
    if (!entry) this.accounts.set(accountId, (entry = new AccountEntry()));
    return entry;
  }

  private groupEntry(accountId: number, kind: GroupKind): GroupEntry {
    const groups = this.account(accountId).groups;
    let entry = groups.get(kind);
    if (!entry) groups.set(kind, (entry = new GroupEntry()));
    return entry;
  }

  /**
   * The first page is requested once per entry; a failure stays cached too (the error node shows
   * it) until the user refreshes, so re-rendering the tree never hammers a failing server.
   */
  private firstPage(accountId: number, kind: GroupKind): Promise<ConversationCounts> {
    const entry = this.groupEntry(accountId, kind);
    if (!entry.first) {
      entry.first = this.fetch(accountId, kind, entry, 1);
      // Nobody may be waiting when it fails (a prefetch); the rejection is still seen by later awaiters.
      entry.first.catch(() => undefined);
    }
    return entry.first;
  }

  private async fetch(accountId: number, kind: GroupKind, entry: GroupEntry, page: number): Promise<ConversationCounts> {
    const client = this.connection.client();
    if (!client) throw new Error('Not signed in to Chatwoot.');
    const { signal } = entry.controller;
    const result = await client.listConversations(accountId, { assigneeType: ASSIGNEE_TYPE[kind], status: 'open', page }, { signal });
    // An answer that arrives after a refresh must not touch the new entries.
    signal.throwIfAborted();
    entry.append(result.conversations);
    entry.page = page;
    entry.hasMore = result.hasMore;
    this.setCounts(accountId, result.counts);
    return result.counts;
  }

  private setCounts(accountId: number, counts: ConversationCounts): void {
    const account = this.account(accountId);
    const previous = account.counts;
    account.counts = counts;
    this.latestCounts.set(accountId, counts);
    if (!previous || !sameCounts(previous, counts)) this.countsChanged.fire({ accountId, counts, first: !previous });
  }
}

function sameCounts(a: ConversationCounts, b: ConversationCounts): boolean {
  return (
    a.mine_count === b.mine_count && a.unassigned_count === b.unassigned_count && a.all_count === b.all_count && a.assigned_count === b.assigned_count
  );
}
