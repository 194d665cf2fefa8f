/**
 * What the assign pickers remember for the session, in memory only (nothing is persisted, so no
 * token or profile ever reaches disk): the profile with its accounts, and per account the lists the
 * pickers show. A picker shows what is remembered at once and swaps in the fresh copy when it
 * arrives (every flow refreshes its account's lists in the background, see AccountData). Forgotten
 * when the user signs in or out or changes server; patched with every re-read after an assignment.
 */
import * as vscode from 'vscode';
import type { Agent, Conversation, ConversationPage, Inbox, Profile, Team } from '../api';
import type { Connection } from '../auth/connection';
import type { Logger } from '../util/log';
import type { AssignmentEvents } from './events';

/** A remembered profile is shown at once; one older than this is re-read in the background. */
export const PROFILE_REFRESH_MS = 60_000;

export interface AccountMemory {
  inboxes?: Inbox[];
  teams?: Team[];
  agents?: Agent[];
  /** `assignable_agents` by inbox set (`inboxKey`). */
  readonly assignable: Map<string, Agent[]>;
  /** First page of open conversations, all assignees (what the conversation step opens with). */
  firstPage?: ConversationPage;
}

export function inboxKey(inboxIds: readonly number[]): string {
  return [...new Set(inboxIds)].sort((a, b) => a - b).join(',');
}

export class AssignSession implements vscode.Disposable {
  private profileValue: Profile | undefined;
  private profileAt = 0;
  private profileRefresh: Promise<void> | undefined;
  private accounts = new Map<number, AccountMemory>();
  /** Bumped on every sign-in change: answers that belong to an older session are dropped. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: Connection,
    events: AssignmentEvents,
    private readonly log: Logger,
  ) {
    this.disposables = [connection.onDidChange(() => this.clear()), events.onDidAssign((e) => this.patch(e.accountId, e.conversations ?? (e.conversation ? [e.conversation] : [])))];
  }

  /** The remembered profile, if any (sync: the account step can show at once). */
  get cachedProfile(): Profile | undefined {
    return this.profileValue;
  }

  /**
   * The profile: the remembered one at once (re-read in the background when it is older than
   * PROFILE_REFRESH_MS), otherwise the connection's (shared with the tree, one request at most).
   */
  async profile(signal: AbortSignal): Promise<Profile> {
    if (this.profileValue) {
      if (Date.now() - this.profileAt > PROFILE_REFRESH_MS) this.refreshProfile();
      return this.profileValue;
    }
    const generation = this.generation;
    const profile = await this.connection.profile(signal);
    if (generation === this.generation) this.remember(profile);
    return profile;
  }

  /** The memory of one account (created empty). */
  account(accountId: number): AccountMemory {
    let memory = this.accounts.get(accountId);
    if (!memory) this.accounts.set(accountId, (memory = { assignable: new Map() }));
    return memory;
  }

  clear(): void {
    this.generation++;
    this.profileValue = undefined;
    this.profileAt = 0;
    this.accounts = new Map();
  }

  dispose(): void {
    this.clear();
    for (const d of this.disposables) d.dispose();
  }

  private remember(profile: Profile): void {
    this.profileValue = profile;
    this.profileAt = Date.now();
  }

  private refreshProfile(): void {
    const client = this.connection.client();
    if (!client || this.profileRefresh) return;
    const generation = this.generation;
    this.profileRefresh = client
      .getProfile()
      .then(
        (p) => {
          if (generation === this.generation) this.remember(p);
        },
        (e: unknown) => this.log.info(`Refreshing the profile in the background failed: ${(e as Error).message}`),
      )
      .finally(() => (this.profileRefresh = undefined));
  }

  /** Puts re-read conversations into the remembered first page, so the next flow does not show them stale. */
  private patch(accountId: number, conversations: readonly Conversation[]): void {
    const page = this.accounts.get(accountId)?.firstPage;
    if (!page || conversations.length === 0) return;
    const fresh = new Map(conversations.map((c) => [c.id, c]));
    page.conversations = page.conversations.map((c) => fresh.get(c.id) ?? c);
  }
}
