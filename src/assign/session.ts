/**
 * What the assign pickers remember for the session, in memory only (nothing is persisted, so no
 * token or profile ever reaches disk): per account, the lists the pickers show. The profile is the
 * connection's one copy, shared with the tree. A picker shows what is remembered at once and swaps in the fresh copy when it
 * arrives (every flow refreshes its account's lists in the background, see AccountData). Forgotten
 * when the user signs in or out or changes server; patched with every re-read after an assignment.
 */
import * as vscode from 'vscode';
import type { Agent, Conversation, ConversationPage, Inbox, Profile, Team } from '../api';
import type { Connection } from '../auth/connection';
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
  private accounts = new Map<number, AccountMemory>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly connection: Connection,
    events: AssignmentEvents,
  ) {
    this.disposables = [connection.onDidChange(() => this.clear()), events.onDidAssign((e) => this.patch(e.accountId, e.conversations ?? (e.conversation ? [e.conversation] : [])))];
  }

  /** The profile already read, if any (sync: the account step can show at once). */
  get cachedProfile(): Profile | undefined {
    return this.connection.knownProfile;
  }

  /**
   * The profile: the known one at once (re-read in the background when it is older than
   * PROFILE_REFRESH_MS), otherwise the connection's read (shared with the tree, one request at most).
   */
  async profile(signal: AbortSignal): Promise<Profile> {
    const known = this.connection.knownProfile;
    if (!known) return this.connection.profile(signal);
    this.connection.refreshProfileIfOlderThan(PROFILE_REFRESH_MS);
    return known;
  }

  /** The memory of one account (created empty). */
  account(accountId: number): AccountMemory {
    let memory = this.accounts.get(accountId);
    if (!memory) this.accounts.set(accountId, (memory = { assignable: new Map() }));
    return memory;
  }

  clear(): void {
    this.accounts = new Map();
  }

  dispose(): void {
    this.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Puts re-read conversations into the remembered first page, so the next flow does not show them stale. */
  private patch(accountId: number, conversations: readonly Conversation[]): void {
    const page = this.accounts.get(accountId)?.firstPage;
    if (!page || conversations.length === 0) return;
    const fresh = new Map(conversations.map((c) => [c.id, c]));
    page.conversations = page.conversations.map((c) => fresh.get(c.id) ?? c);
  }
}
