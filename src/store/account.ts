/**
 * Everything the store knows about one account: Chatwoot's four counts of open conversations, one
 * copy of every conversation read (by display id), the loaded pages of each open list, and the
 * lists the pickers need (inboxes, teams, agents, agents assignable per inbox set).
 */
import type { Agent, Conversation, ConversationCounts, Inbox, Team, WorkloadGroup } from '../api';
import { belongsTo, LIST_KINDS, type ListKind } from './membership';
import { PagedList } from './pagedList';
import type { Resource } from './shared';

export interface AccountResources {
  inboxes: Resource<Inbox[]>;
  teams: Resource<Team[]>;
  /** Every member of the account (the fallback when `assignable_agents` is refused). */
  agents: Resource<Agent[]>;
}

/** Open conversations per agent and per team (administrators only; see ChatwootStore.workload). */
export interface Workload {
  agents: WorkloadGroup[];
  teams: WorkloadGroup[];
}

export class AccountState {
  counts: ConversationCounts | undefined;
  readonly conversations = new Map<number, Conversation>();
  readonly lists = new Map<ListKind, PagedList>();
  /** `assignable_agents` per inbox set (`inboxKey`). */
  readonly assignable = new Map<string, Resource<Agent[]>>();
  /** Created on first use (only administrators ask). */
  workload: Resource<Workload> | undefined;

  constructor(readonly resources: AccountResources) {}

  list(kind: ListKind): PagedList {
    let list = this.lists.get(kind);
    if (!list) this.lists.set(kind, (list = new PagedList()));
    return list;
  }

  row = (id: number): Conversation | undefined => this.conversations.get(id);

  /** Puts `c` into every loaded list it belongs to and out of the others; returns the lists it was or is in. */
  place(c: Conversation, me: number | undefined): ListKind[] {
    const touched: ListKind[] = [];
    for (const kind of LIST_KINDS) {
      const list = this.lists.get(kind);
      if (!list?.loaded) continue;
      const was = list.has(c.id);
      const inserted = belongsTo(kind, c, me) ? list.insert(c, this.row) : list.remove(c.id) && false;
      if (was || inserted) touched.push(kind);
    }
    return touched;
  }

  /** `presence.update`: the agents' availability as Chatwoot now says (absent = offline). False when nothing is loaded. */
  applyPresence(users: Readonly<Record<string, string>>): boolean {
    let any = false;
    for (const resource of [this.resources.agents, ...this.assignable.values()]) {
      if (!resource.value) continue;
      any = true;
      resource.set(
        resource.value.map((a) => {
          const status = users[String(a.id)] ?? 'offline';
          return a.availability_status === status ? a : { ...a, availability_status: status };
        }),
        false,
      );
    }
    return any;
  }

  /** Drops the loaded lists (and aborts their loads); the counts stay until fresh ones arrive. */
  dropLists(): void {
    for (const list of this.lists.values()) list.abort();
    this.lists.clear();
  }

  dispose(): void {
    this.dropLists();
    for (const r of [this.resources.inboxes, this.resources.teams, this.resources.agents, ...this.assignable.values()]) r.invalidate();
    this.workload?.invalidate();
  }
}

export function inboxKey(inboxIds: readonly number[]): string {
  return [...new Set(inboxIds)].sort((a, b) => a - b).join(',');
}
