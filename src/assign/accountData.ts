/**
 * The lists one account's pickers need, for one flow. `prefetch()` starts them all in parallel as
 * soon as the account is known, so a step rarely waits; each is requested at most once per flow.
 * What the session remembers from earlier flows (`cached`) is shown meanwhile, and every fresh
 * answer is remembered for the next flow.
 */
import type { Agent, ChatwootClient, ConversationPage, Inbox, Team } from '../api';
import type { Logger } from '../util/log';
import { inboxKey, type AccountMemory } from './session';

export class AccountData {
  private inboxesP?: Promise<Inbox[]>;
  private teamsP?: Promise<Team[]>;
  private agentsP?: Promise<Agent[]>;
  private firstPageP?: Promise<ConversationPage>;
  private readonly assignable = new Map<string, Promise<Agent[]>>();

  constructor(
    private readonly client: ChatwootClient,
    readonly accountId: number,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
    /** The session's memory of this account (read for instant display, written with fresh answers). */
    readonly cached: AccountMemory,
  ) {}

  /**
   * Starts the fetches a flow needs, in parallel: inboxes (names), teams, the account's agents and,
   * for the conversation step, its first page. Errors surface when a step awaits them.
   */
  prefetch(options: { firstPage: boolean }): void {
    const all: Array<Promise<unknown>> = [this.inboxes(), this.teams(), this.agents()];
    if (options.firstPage) all.push(this.firstPage());
    for (const p of all) p.catch(() => undefined);
  }

  inboxes(): Promise<Inbox[]> {
    return (this.inboxesP ??= this.keep(this.client.listInboxes(this.accountId, { signal: this.signal }), (v) => (this.cached.inboxes = v)));
  }

  teams(): Promise<Team[]> {
    return (this.teamsP ??= this.keep(this.client.listTeams(this.accountId, { signal: this.signal }), (v) => (this.cached.teams = v)));
  }

  /** Every member of the account (the fallback when `assignable_agents` is refused). */
  agents(): Promise<Agent[]> {
    return (this.agentsP ??= this.keep(this.client.listAgents(this.accountId, { signal: this.signal }), (v) => (this.cached.agents = v)));
  }

  /** Open conversations, all assignees, page 1. */
  firstPage(): Promise<ConversationPage> {
    return (this.firstPageP ??= this.keep(
      this.client.listConversations(this.accountId, { assigneeType: 'all' }, { signal: this.signal }),
      (v) => (this.cached.firstPage = v),
    ));
  }

  /** Inbox names by id, from what is known now (names are a nicety: never wait for them). */
  inboxNames(): Map<number, string> {
    return new Map((this.cached.inboxes ?? []).map((i) => [i.id, i.name]));
  }

  cachedAgentsFor(inboxIds: readonly number[]): Agent[] | undefined {
    return this.cached.assignable.get(inboxKey(inboxIds));
  }

  /**
   * Who the dashboard would offer for conversations of these inboxes (members of every one of
   * them, then the administrators). An agent who reaches a conversation through a team (not the
   * inbox) may not read the inbox's list (401): fall back to all agents of the account.
   */
  agentsFor(inboxIds: readonly number[]): Promise<Agent[]> {
    const key = inboxKey(inboxIds);
    let p = this.assignable.get(key);
    if (!p) {
      const ids = key.split(',').map(Number);
      p = this.keep(
        this.client.listAssignableAgents(this.accountId, ids, { signal: this.signal }).catch((e: unknown) => {
          if (this.signal.aborted) throw e;
          this.log.info(`assignable_agents for inboxes ${key} failed (${(e as Error).message}); using the account's agents`);
          return this.agents();
        }),
        (v) => this.cached.assignable.set(key, v),
      );
      this.assignable.set(key, p);
    }
    return p;
  }

  private keep<T>(promise: Promise<T>, remember: (value: T) => void): Promise<T> {
    return promise.then((value) => {
      remember(value);
      return value;
    });
  }
}
