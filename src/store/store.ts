/**
 * The one home of everything the extension knows about the Chatwoot server: the signed-in user's
 * profile and, per account, the counts, the conversations read, the loaded pages of each open list,
 * inboxes, teams, agents and the agents assignable per inbox set. The tree, the pickers, bulk
 * assignment and the notifications read it; nothing else keeps server data.
 *
 * - Concurrent readers share one request; the store owns every request's AbortController (a reader
 *   that gives up only stops waiting), and an invalidation aborts what it supersedes, so a late
 *   answer never lands.
 * - Results of assignments (and, later, live events) PATCH it: the conversation moves between the
 *   lists and the counts follow, without dropping loaded pages. A copy older than the one held
 *   (`updated_at`) is ignored. Lists are read again only on an explicit refresh, a sign-in change or
 *   a settings change (the owner calls `reset()` / `refresh*()`).
 * - Background work (counts for the badge, re-reads) is tracked: `idle()` resolves when none is left.
 *
 * No `vscode` import: it runs in plain Node unit tests against the fake server.
 */
import type { Agent, ChatwootClient, Conversation, ConversationCounts, Profile } from '../api';
import { Emitter } from '../util/emitter';
import * as l10n from '../util/l10n';
import type { Logger } from '../util/log';
import { AccountState, inboxKey, type Workload } from './account';
import { ASSIGNEE_TYPE, belongsTo, isOlder, sameCounts, shiftCounts, type ListKind } from './membership';
import { CountsRereader } from './countsRereader';
import { mergeFirstPage, snapshot, type PagedList } from './pagedList';
import { conversationFromPush, withMessage } from './push';
import { Resource, Shared } from './shared';
import type { PushConversation, PushMessage } from '../live';

export interface StoreSource {
  /** The client for the configured server, or undefined when signed out. */
  client(): ChatwootClient | undefined;
}

/** What changed: `accountId` undefined means every account (and the account list itself). */
export interface StoreChange {
  accountId?: number;
  /** Lists whose rows or order changed; undefined: all of them. */
  lists?: readonly ListKind[];
  counts?: boolean;
  profile?: boolean;
  /** Agents' availability changed (presence). */
  agents?: boolean;
}

export interface ListSnapshot {
  readonly conversations: readonly Conversation[];
  readonly hasMore: boolean;
  /** When the first page was read (ms since epoch). */
  readonly at: number;
}

export { COUNTS_REREAD_MS } from './countsRereader';

export class NotSignedInError extends Error {
  constructor() {
    super(l10n.t('Not signed in to Chatwoot.'));
    this.name = 'NotSignedInError';
  }
}

export class ChatwootStore {
  private readonly changed = new Emitter<StoreChange>();
  readonly onDidChange = this.changed.event;
  private accounts = new Map<number, AccountState>();
  private readonly profileResource: Resource<Profile>;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly counts_: CountsRereader;
  /**
   * True while live updates keep the store true (every change arrives as an event): readers then
   * trust what is held instead of reading lists again.
   */
  live = false;
  /** Bumped by every patch, per account: a list answer that raced a patch does not overwrite its counts. */
  private readonly patches = new Map<number, number>();

  constructor(
    private readonly source: StoreSource,
    private readonly log: Pick<Logger, 'info' | 'warn' | 'debug'>,
  ) {
    this.counts_ = new CountsRereader(
      () => this.source.client(),
      (p) => this.track(p),
      (accountId, counts) => {
        const account = this.accounts.get(accountId);
        if (account && this.setCounts(account, counts, false)) this.changed.fire({ accountId, counts: true });
      },
      log,
    );
    this.profileResource = new Resource(
      (signal) => this.client().getProfile({ signal }),
      this.track,
      () => this.changed.fire({ profile: true }),
    );
  }

  // ── profile ────────────────────────────────────────────────────────────────

  /** The signed-in user's profile (accounts and roles): the known copy, else one shared read. */
  profile(signal?: AbortSignal): Promise<Profile> {
    return this.profileResource.get(signal);
  }

  /** The profile already read, at once (undefined before the first read completes). */
  get knownProfile(): Profile | undefined {
    return this.profileResource.value;
  }

  /** Reads the profile again (the known copy stays in use until the answer arrives). */
  reloadProfile(signal?: AbortSignal): Promise<Profile> {
    return this.profileResource.load(signal);
  }

  /** Forgets the profile: the next reader reads accounts and roles again. */
  invalidateProfile(): void {
    this.profileResource.invalidate();
  }

  refreshProfileIfOlderThan(maxAgeMs: number): void {
    this.profileResource.refreshIfOlderThan(maxAgeMs);
  }

  /** A profile checked at sign-in: no need to read it again. */
  setProfile(profile: Profile): void {
    this.profileResource.set(profile);
    this.changed.fire({ profile: true });
  }

  // ── counts and lists ─────────────────────────────────────────────────────

  counts(accountId: number): ConversationCounts | undefined {
    return this.accounts.get(accountId)?.counts;
  }

  /** The account's counts. Any list page carries them: they come with the first page of Unassigned. */
  async loadCounts(accountId: number, signal?: AbortSignal): Promise<ConversationCounts> {
    // Current while the list that carries them is loaded (patches keep them so); after a refresh
    // the old ones still serve `counts()` (the badge does not blink) but are read again here.
    const known = this.counts(accountId);
    if (known && this.accounts.get(accountId)?.lists.get('unassigned')?.loaded) return known;
    await this.loadList(accountId, 'unassigned', signal);
    const counts = this.counts(accountId);
    if (!counts) throw new Error(`No conversation counts for account ${accountId}`);
    return counts;
  }

  /** The list as loaded so far, or undefined before its first page. */
  list(accountId: number, kind: ListKind): ListSnapshot | undefined {
    const account = this.accounts.get(accountId);
    const list = account?.lists.get(kind);
    return account && list?.loaded ? snapshot(account, list) : undefined;
  }

  /**
   * The list with at least its first page. The first page is requested once per list; a failure
   * stays too (the tree shows it) until a refresh, so re-rendering never hammers a failing server.
   */
  async loadList(accountId: number, kind: ListKind, signal?: AbortSignal): Promise<ListSnapshot> {
    const account = this.account(accountId);
    const list = account.list(kind);
    if (!list.first) list.first = this.shared((s) => this.readPage(accountId, kind, list, 1, s));
    await list.first.wait(signal);
    return snapshot(account, list);
  }

  /** Appends the next page; concurrent calls share one request. */
  async loadMore(accountId: number, kind: ListKind, signal?: AbortSignal): Promise<void> {
    const list = this.account(accountId).list(kind);
    await this.loadList(accountId, kind, signal);
    if (!list.hasMore) return;
    if (!list.more || list.more.settled) list.more = this.shared((s) => this.readPage(accountId, kind, list, list.page + 1, s));
    await list.more.wait(signal);
  }

  /**
   * Reads the first page again when the loaded one is older than `maxAgeMs` (the conversation picker
   * opening on data that may have moved) and merges it in: rows change, arrive or leave; the pages
   * loaded after it stay.
   */
  revalidateList(accountId: number, kind: ListKind, maxAgeMs: number): Promise<void> | undefined {
    const list = this.accounts.get(accountId)?.lists.get(kind);
    if (!list?.loaded || Date.now() - list.at <= maxAgeMs) return undefined;
    if (!list.revalidating || list.revalidating.settled) list.revalidating = this.shared((s) => this.readPage(accountId, kind, list, 1, s, true));
    return list.revalidating.promise;
  }

  /** The conversation as last read (any list, search, re-read or event). */
  conversation(accountId: number, displayId: number): Conversation | undefined {
    return this.accounts.get(accountId)?.conversations.get(displayId);
  }

  // ── picker lists ─────────────────────────────────────────────────────────

  inboxes(accountId: number): Resource<import('../api').Inbox[]> {
    return this.account(accountId).resources.inboxes;
  }

  teams(accountId: number): Resource<import('../api').Team[]> {
    return this.account(accountId).resources.teams;
  }

  agents(accountId: number): Resource<Agent[]> {
    return this.account(accountId).resources.agents;
  }

  /**
   * Who the dashboard would offer for conversations of these inboxes (members of every one of them,
   * then the administrators). An agent who reaches a conversation through a team may not read the
   * inbox's list (401): then every agent of the account.
   */
  assignableAgents(accountId: number, inboxIds: readonly number[]): Resource<Agent[]> {
    const account = this.account(accountId);
    const key = inboxKey(inboxIds);
    let resource = account.assignable.get(key);
    if (!resource) {
      const ids = key.split(',').map(Number);
      resource = new Resource(
        (signal) =>
          this.client()
            .listAssignableAgents(accountId, ids, { signal })
            .catch((e: unknown) => {
              if (signal.aborted) throw e;
              this.log.info(`assignable_agents for inboxes ${key} failed (${(e as Error).message}); using the account's agents`);
              return account.resources.agents.get(signal);
            }),
        this.track,
      );
      account.assignable.set(key, resource);
    }
    return resource;
  }

  /**
   * Open conversations per agent and per team (`live_reports`, administrators only: the caller
   * checks the role, since others get a 401). Both groupings in parallel, as one value.
   */
  workload(accountId: number): Resource<Workload> {
    const account = this.account(accountId);
    account.workload ??= new Resource(async (signal) => {
      const client = this.client();
      const [agents, teams] = await Promise.all([client.getWorkload(accountId, 'assignee_id', {}, { signal }), client.getWorkload(accountId, 'team_id', {}, { signal })]);
      return { agents, teams };
    }, this.track);
    return account.workload;
  }

  // ── patches ──────────────────────────────────────────────────────────────

  /**
   * Conversations as the server now has them (re-read after an assignment, or pushed): each
   * replaces the copy held, moves between the lists, and the counts follow. A copy older than the
   * one held is ignored. When a change cannot be derived (a conversation never seen before), the
   * counts are re-read (`conversations/meta`, at most once per second per account); `read: true`
   * says the copies were merely read (a lookup), which the server's counts already include.
   */
  applyConversations(accountId: number, conversations: readonly Conversation[], options: { read?: boolean } = {}): void {
    if (conversations.length === 0) return;
    const account = this.account(accountId);
    const me = this.knownProfile?.id;
    const lists = new Set<ListKind>();
    let counts = account.counts;
    let derivable = true;
    for (const c of conversations) {
      const known = account.conversations.get(c.id);
      if (known && isOlder(c, known)) {
        this.log.debug(`Ignored an older copy of #${c.id} in account ${accountId}`);
        continue;
      }
      account.conversations.set(c.id, c);
      if (counts && known) counts = shiftCounts(counts, known, c, me);
      else if (!options.read) derivable = false;
      for (const kind of account.place(c, me)) lists.add(kind);
    }
    if (!options.read) this.patches.set(accountId, (this.patches.get(accountId) ?? 0) + 1);
    let countsChanged = false;
    if (counts && derivable) {
      countsChanged = account.counts !== undefined && !sameCounts(counts, account.counts);
      account.counts = counts;
    } else if (account.counts) {
      this.counts_.schedule(accountId);
    }
    if (lists.size > 0 || countsChanged) this.changed.fire({ accountId, lists: [...lists], counts: countsChanged });
  }

  /**
   * A conversation pushed over the live connection. Merged into the copy held (an older push is
   * ignored); an unknown conversation whose push lacks what a row needs is read once.
   */
  applyPush(accountId: number, push: PushConversation): void {
    const known = this.accounts.get(accountId)?.conversations.get(push.id);
    if (known && push.updated_at !== undefined && known.updated_at !== undefined && push.updated_at < known.updated_at) return;
    const row = conversationFromPush(push, known);
    if (row) {
      this.applyConversations(accountId, [row]);
      return;
    }
    const client = this.source.client();
    if (!client) return;
    void this.track(
      client
        .getConversation(accountId, push.id)
        .then((c) => this.applyConversations(accountId, [c]))
        .catch((e: unknown) => this.log.warn(`Could not read #${push.id} of account ${accountId} after a live event: ${(e as Error).message}`)),
    );
  }

  /** A new message: the conversation's preview and last activity follow (its lists reorder). */
  applyMessage(accountId: number, push: PushMessage): void {
    const known = this.accounts.get(accountId)?.conversations.get(push.conversation_id);
    if (known) this.applyConversations(accountId, [withMessage(known, push)], { read: true });
  }

  /** `presence.update`: who is online in an account; the agent lists the pickers show follow. */
  applyPresence(accountId: number, users: Readonly<Record<string, string>>): void {
    if (this.accounts.get(accountId)?.applyPresence(users)) this.changed.fire({ accountId, agents: true });
  }

  /**
   * Reads again the first page of every loaded list and the counts (after a reconnect, events were
   * missed; or a poll while live updates are unavailable). Loaded later pages stay.
   */
  resync(): Promise<void> {
    const work: Array<Promise<void>> = [];
    for (const [accountId, account] of this.accounts) {
      for (const [kind, list] of account.lists) {
        if (!list.loaded) continue;
        if (!list.revalidating || list.revalidating.settled) list.revalidating = this.shared((s) => this.readPage(accountId, kind, list, 1, s, true));
        work.push(list.revalidating.promise.catch(() => undefined));
      }
    }
    return Promise.all(work).then(() => undefined);
  }

  /** The oldest first page of a loaded list (ms since epoch), for "refresh on focus when older than 30 s". */
  oldestLoad(): number | undefined {
    let oldest: number | undefined;
    for (const account of this.accounts.values()) for (const list of account.lists.values()) if (list.loaded) oldest = Math.min(oldest ?? list.at, list.at);
    return oldest;
  }

  // ── invalidation ─────────────────────────────────────────────────────────

  /** An explicit full Refresh: the profile (new accounts), every list and picker list. Counts stay until replaced. */
  refreshAll(): void {
    this.profileResource.invalidate();
    this.counts_.cancelAll();
    for (const account of this.accounts.values()) {
      account.dropLists();
      // The server's answers are the truth again (a copy patched before the refresh must not win
      // over them); a patch that arrives after this still guards against an answer that predates it.
      account.conversations.clear();
      for (const r of [account.resources.inboxes, account.resources.teams, account.resources.agents, ...account.assignable.values()]) r.invalidate();
      account.workload?.invalidate();
    }
    this.changed.fire({});
  }

  /** Reloads one account's lists and counts. */
  refreshAccount(accountId: number): void {
    const account = this.accounts.get(accountId);
    if (!account) return;
    account.dropLists();
    account.conversations.clear();
    this.counts_.cancel(accountId); // the fresh first page brings them
    this.changed.fire({ accountId });
  }

  /** Reloads one list; the counts stay until its new first page replaces them. */
  refreshList(accountId: number, kind: ListKind): void {
    const list = this.accounts.get(accountId)?.lists.get(kind);
    if (!list) return;
    list.abort();
    this.accounts.get(accountId)!.lists.delete(kind);
    this.changed.fire({ accountId, lists: [kind] });
  }

  /** Another user or server: nothing known is valid any more. */
  reset(): void {
    this.profileResource.invalidate();
    for (const account of this.accounts.values()) account.dispose();
    this.accounts = new Map();
    this.patches.clear();
    this.counts_.cancelAll();
    this.changed.fire({});
  }

  /** Registers background work of a reader (e.g. the badge's counts) so that `idle()` waits for it too. */
  background<R>(promise: Promise<R>): Promise<R> {
    return this.track(promise);
  }

  /** Resolves when no request or scheduled re-read of the store is pending (tests count requests after it). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  dispose(): void {
    this.reset();
    this.changed.dispose();
  }

  // ── internals ────────────────────────────────────────────────────────────

  private readonly track = <R>(promise: Promise<R>): Promise<R> => {
    this.pending.add(promise);
    const forget = () => this.pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  };

  private shared(run: (signal: AbortSignal) => Promise<void>): Shared<void> {
    const shared = new Shared(run);
    void this.track(shared.promise.catch(() => undefined));
    return shared;
  }

  private client(): ChatwootClient {
    const client = this.source.client();
    if (!client) throw new NotSignedInError();
    return client;
  }

  private account(accountId: number): AccountState {
    let account = this.accounts.get(accountId);
    if (!account) {
      const read = <T>(load: (c: ChatwootClient, signal: AbortSignal) => Promise<T>) => new Resource((signal) => load(this.client(), signal), this.track);
      account = new AccountState({
        inboxes: read((c, signal) => c.listInboxes(accountId, { signal })),
        teams: read((c, signal) => c.listTeams(accountId, { signal })),
        agents: read((c, signal) => c.listAgents(accountId, { signal })),
      });
      this.accounts.set(accountId, account);
    }
    return account;
  }

  /**
   * Reads one page of a list into the store. `merge`: a fresh first page for a list loaded earlier
   * (rows that left it server-side leave it here too; the later pages stay).
   */
  private async readPage(accountId: number, kind: ListKind, list: PagedList, page: number, signal: AbortSignal, merge = false): Promise<void> {
    const patchesBefore = this.patches.get(accountId) ?? 0;
    const result = await this.client().listConversations(accountId, { assigneeType: ASSIGNEE_TYPE[kind], status: 'open', page }, { signal });
    // An answer that arrives after a refresh must not touch the new entries.
    signal.throwIfAborted();
    const account = this.account(accountId);
    const me = this.knownProfile?.id;
    const touched = new Set<ListKind>([kind]);
    let stale = false;
    const ids: number[] = [];
    for (const c of result.conversations) {
      const known = account.conversations.get(c.id);
      if (known && isOlder(c, known)) {
        // A patch that this answer did not see yet is newer: keep it.
        stale = true;
        if (belongsTo(kind, known, me)) ids.push(c.id);
        continue;
      }
      account.conversations.set(c.id, c);
      ids.push(c.id);
      if (known && known !== c) for (const other of account.place(c, me)) touched.add(other);
    }
    if (merge) mergeFirstPage(list, ids, result.hasMore, account);
    else list.append(ids);
    if (!merge) {
      list.page = page;
      list.hasMore = result.hasMore;
    }
    if (page === 1) list.at = Date.now();
    const raced = stale || (this.patches.get(accountId) ?? 0) !== patchesBefore;
    const countsChanged = this.setCounts(account, result.counts, raced);
    if (raced) this.counts_.schedule(accountId);
    this.changed.fire({ accountId, lists: [...touched], counts: countsChanged });
  }

  private setCounts(account: AccountState, counts: ConversationCounts, raced: boolean): boolean {
    if (raced && account.counts) return false; // ours include a patch the answer may predate
    const previous = account.counts;
    account.counts = counts;
    return !previous || !sameCounts(previous, counts);
  }
}
