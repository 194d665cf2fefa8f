/**
 * Chatwoot application API client: one method per endpoint the extension uses, each returning
 * zod-validated data or throwing a `ChatwootError`. Knows Chatwoot's surprises so callers do not
 * have to: display ids in URLs, meta counts that ignore `assignee_type`, `null` and empty bodies,
 * and the key-presence semantics of assignments (see assignment.ts).
 */
import { assignmentBody, requireId, type AssignmentTarget } from './assignment';
import { Transport, type CallOptions, type TransportOptions } from './http';
import { countFor, type AssigneeFilter } from './counts';
import { account, accountResource, conversation, conversationResource } from './paths';
import { createMessage, listMessages, type ConversationMessage, type ListMessagesParams, type MessagePage, type NewMessage } from './messages';
import { getWorkload, type WorkloadGroup, type WorkloadGroupBy, type WorkloadParams } from './workload';
import { getConversationsByIds, type ConversationsById } from './filter';
import * as S from './schemas';

export type StatusFilter = 'open' | 'resolved' | 'pending' | 'snoozed' | 'all';

export interface ConversationFilters {
  status?: StatusFilter;
  inboxId?: number;
  teamId?: number;
  labels?: readonly string[];
  /** Full-text search in message content (Chatwoot then ignores `status`). */
  q?: string;
}

export interface ListConversationsParams extends ConversationFilters {
  assigneeType?: AssigneeFilter;
  /** 1-based. */
  page?: number;
}

export interface ConversationPage {
  counts: S.ConversationCounts;
  conversations: S.Conversation[];
  page: number;
  /** Pages for this `assigneeType`, from the count that matches it (Chatwoot sends no total). */
  totalPages: number;
  hasMore: boolean;
}

export type AssignmentResult = { kind: 'agent'; target: AssignmentTarget; agent: S.Agent | null } | { kind: 'team'; target: AssignmentTarget; team: S.RawTeam | null };

export interface ChatwootClientOptions extends TransportOptions {
  /** Chatwoot's page size (env CONVERSATION_RESULTS_PER_PAGE, default 25). */
  pageSize?: number;
}

export const DEFAULT_PAGE_SIZE = 25;

export class ChatwootClient {
  private readonly http: Transport;
  readonly pageSize: number;

  constructor(options: ChatwootClientOptions) {
    this.http = new Transport(options);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  /** The origin every request of this client goes to (and the only one). */
  get origin(): string {
    return this.http.origin;
  }

  /** `GET /api/v1/profile`: who the token belongs to, and their accounts with roles. */
  async getProfile(opts?: CallOptions): Promise<S.Profile> {
    return this.http.call('GET', '/api/v1/profile', { schema: S.Profile }, { ...opts });
  }

  async listConversations(accountId: number, params: ListConversationsParams = {}, opts?: CallOptions): Promise<ConversationPage> {
    const page = Math.max(1, Math.trunc(params.page ?? 1));
    const query = {
      ...filterQuery(params),
      assignee_type: params.assigneeType && params.assigneeType !== 'all' ? params.assigneeType : undefined,
      page,
    };
    const body = await this.http.call(
      'GET',
      `${account(accountId)}/conversations`,
      { schema: S.ConversationListResponse },
      { ...opts, query, resource: filtersResource(accountId, params) },
    );
    const { meta, payload } = body.data;
    const matching = countFor(meta, params.assigneeType ?? 'all');
    const totalPages = Math.ceil(matching / this.pageSize);
    return { counts: meta, conversations: payload, page, totalPages, hasMore: page < totalPages && payload.length > 0 };
  }

  /** `GET …/conversations/meta`: the four counts for the filters (no `data` wrapper). */
  async getConversationCounts(accountId: number, filters: ConversationFilters = {}, opts?: CallOptions): Promise<S.ConversationCounts> {
    const body = await this.http.call(
      'GET',
      `${account(accountId)}/conversations/meta`,
      { schema: S.ConversationMetaResponse },
      { ...opts, query: filterQuery(filters), resource: filtersResource(accountId, filters) },
    );
    return body.meta;
  }

  /** By display id (`#21` in the dashboard), which is per account. */
  async getConversation(accountId: number, displayId: number, opts?: CallOptions): Promise<S.Conversation> {
    return this.http.call('GET', conversation(accountId, displayId), { schema: S.Conversation }, { ...opts, resource: conversationResource(accountId, displayId) });
  }

  /** Every member of the account, administrators included, sorted by name. */
  async listAgents(accountId: number, opts?: CallOptions): Promise<S.Agent[]> {
    return this.http.call('GET', `${account(accountId)}/agents`, { schema: S.AgentList }, { ...opts, resource: accountResource(accountId) });
  }

  async listTeams(accountId: number, opts?: CallOptions): Promise<S.Team[]> {
    return this.http.call('GET', `${account(accountId)}/teams`, { schema: S.TeamList }, { ...opts, resource: accountResource(accountId) });
  }

  /** Administrators see every inbox; agents only their own. */
  async listInboxes(accountId: number, opts?: CallOptions): Promise<S.Inbox[]> {
    const body = await this.http.call('GET', `${account(accountId)}/inboxes`, { schema: S.InboxPayload }, { ...opts, resource: accountResource(accountId) });
    return body.payload;
  }

  /**
   * What the dashboard's assignee dropdown shows: members of EVERY listed inbox, then all
   * administrators. Chatwoot needs a real array (`inbox_ids[]=`); an empty list would be a 404.
   */
  async listAssignableAgents(accountId: number, inboxIds: readonly number[], opts?: CallOptions): Promise<S.Agent[]> {
    if (inboxIds.length === 0) throw new RangeError('listAssignableAgents needs at least one inbox id');
    const query = { inbox_ids: inboxIds.map((i) => requireId(i, 'inbox id')) };
    const resource = `account ${accountId} or its ${inboxIds.length === 1 ? 'inbox' : 'inboxes'} ${inboxIds.join(', ')}`;
    const body = await this.http.call('GET', `${account(accountId)}/assignable_agents`, { schema: S.AgentPayload }, { ...opts, query, resource });
    return body.payload;
  }

  /**
   * One assignment call; the body carries exactly one of `assignee_id` / `team_id`. The answer
   * says little (an agent, a raw team, or `null`), and a team change may clear or auto-pick the
   * agent, so callers re-read the conversation to learn what the server recorded. Team and agent
   * together are two calls, the team first (it may clear or auto-pick the agent).
   */
  async assign(accountId: number, displayId: number, target: AssignmentTarget, opts?: CallOptions): Promise<AssignmentResult> {
    const path = `${conversation(accountId, displayId)}/assignments`;
    const body = assignmentBody(target);
    const named = conversationResource(accountId, displayId);
    if ('assignee_id' in body) {
      const agent = await this.http.call('POST', path, { schema: S.AgentAssignmentResponse }, { ...opts, body, resource: named });
      return { kind: 'agent', target, agent };
    }
    const resource = target.kind === 'team' ? `${named} or team ${target.teamId}` : named;
    const team = await this.http.call('POST', path, { schema: S.TeamAssignmentResponse }, { ...opts, body, resource });
    return { kind: 'team', target, team };
  }

  /**
   * `GET …/conversations/{id}/messages`: the 20 newest messages (oldest first), or with `before` the
   * 20 before that message id. Private notes and activity messages included.
   */
  async listMessages(accountId: number, displayId: number, params: ListMessagesParams = {}, opts?: CallOptions): Promise<MessagePage> {
    return listMessages(this.http, accountId, displayId, params, opts);
  }

  /** A private note (agents only). Not idempotent: never retried; see `createMessage` in messages.ts. */
  async addPrivateNote(accountId: number, displayId: number, content: string, opts?: CallOptions & { echoId?: string }): Promise<ConversationMessage> {
    return createMessage(this.http, accountId, displayId, { content, private: true, echoId: opts?.echoId }, opts);
  }

  /** `POST …/conversations/{id}/messages`. Public messages reach the contact; not idempotent. */
  async createMessage(accountId: number, displayId: number, message: NewMessage, opts?: CallOptions): Promise<ConversationMessage> {
    return createMessage(this.http, accountId, displayId, message, opts);
  }

  /** Open conversations per agent or team (administrators only; zero-load groups are absent). */
  async getWorkload(accountId: number, groupBy: WorkloadGroupBy, params: WorkloadParams = {}, opts?: CallOptions): Promise<WorkloadGroup[]> {
    return getWorkload(this.http, accountId, groupBy, params, opts);
  }

  /** Many conversations by display id through `conversations/filter` (25 per request). */
  async getConversationsByIds(accountId: number, displayIds: readonly number[], opts?: CallOptions): Promise<ConversationsById> {
    return getConversationsByIds(this.http, accountId, displayIds, opts);
  }

  /**
   * `POST …/bulk_actions`: Chatwoot answers 200 with an EMPTY body at once and applies the change
   * in a background job, without checking ids or access per conversation. Re-read to confirm.
   */
  /**
   * `POST /api/v1/profile/availability`: the user's own availability in one account (what the
   * dashboard's status menu sets). Answers with the whole profile. A write: never retried blindly.
   */
  async setAvailability(accountId: number, availability: 'online' | 'busy' | 'offline', opts?: CallOptions): Promise<S.Profile> {
    const body = { profile: { account_id: requireId(accountId, 'account id'), availability } };
    return this.http.call('POST', '/api/v1/profile/availability', { schema: S.Profile }, { ...opts, body, resource: accountResource(accountId) });
  }

  async bulkAssign(accountId: number, displayIds: readonly number[], target: AssignmentTarget, opts?: CallOptions): Promise<void> {
    if (displayIds.length === 0) return;
    const body = { type: 'Conversation', ids: displayIds.map((i) => requireId(i, 'conversation id')), fields: assignmentBody(target) };
    await this.http.call('POST', `${account(accountId)}/bulk_actions`, { empty: true }, { ...opts, body, resource: accountResource(accountId) });
  }
}

/** A team or inbox filter that does not exist is a 404 too. */
function filtersResource(accountId: number, f: ConversationFilters): string {
  const others = [f.teamId !== undefined ? `team ${f.teamId}` : undefined, f.inboxId !== undefined ? `inbox ${f.inboxId}` : undefined].filter(Boolean);
  return others.length ? `account ${accountId} or its ${others.join(' or ')}` : accountResource(accountId);
}

function filterQuery(f: ConversationFilters) {
  return {
    status: f.q ? undefined : (f.status ?? 'open'),
    inbox_id: f.inboxId,
    team_id: f.teamId,
    labels: f.labels?.length ? f.labels : undefined,
    q: f.q || undefined,
  };
}
