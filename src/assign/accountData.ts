/**
 * The lists one account's pickers need, fetched in parallel as soon as the account is known (so
 * the next step rarely waits), each at most once per flow.
 */
import type { Agent, ChatwootClient, Inbox, Team } from '../api';
import type { Logger } from '../util/log';

export class AccountData {
  private inboxesP?: Promise<Inbox[]>;
  private teamsP?: Promise<Team[]>;
  private agentsP?: Promise<Agent[]>;
  private readonly assignable = new Map<number, Promise<Agent[]>>();

  constructor(
    private readonly client: ChatwootClient,
    readonly accountId: number,
    private readonly signal: AbortSignal,
    private readonly log: Logger,
  ) {}

  /** Starts the fetches that every flow needs; errors surface when a step awaits them. */
  prefetch(): void {
    for (const p of [this.inboxes(), this.teams()]) p.catch(() => undefined);
  }

  inboxes(): Promise<Inbox[]> {
    return (this.inboxesP ??= this.client.listInboxes(this.accountId, { signal: this.signal }));
  }

  teams(): Promise<Team[]> {
    return (this.teamsP ??= this.client.listTeams(this.accountId, { signal: this.signal }));
  }

  /** Inbox names by id (empty when the inbox list could not be read: names are a nicety). */
  async inboxNames(): Promise<Map<number, string>> {
    try {
      return new Map((await this.inboxes()).map((i) => [i.id, i.name]));
    } catch {
      return new Map();
    }
  }

  /**
   * Who the dashboard would offer for a conversation of this inbox. An agent who reaches the
   * conversation through a team (not the inbox) may not read the inbox's list (401): fall back to
   * all agents of the account.
   */
  agentsFor(inboxId: number): Promise<Agent[]> {
    let p = this.assignable.get(inboxId);
    if (!p) {
      p = this.client.listAssignableAgents(this.accountId, [inboxId], { signal: this.signal }).catch((e: unknown) => {
        this.log.info(`assignable_agents for inbox ${inboxId} failed (${(e as Error).message}); using the account's agents`);
        return (this.agentsP ??= this.client.listAgents(this.accountId, { signal: this.signal }));
      });
      this.assignable.set(inboxId, p);
    }
    return p;
  }
}
