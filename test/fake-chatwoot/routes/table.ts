// The route table: every endpoint of §6 with its Rails controller#action name and
// whether agent-bot tokens may call it (the allow-list of §3 step 2). Routes are
// matched in declaration order like Rails, so collection routes (meta, search,
// filter) win over `:id`.

import * as agentsTeams from './agents-teams';
import * as assignments from './assignments';
import * as bulk from './bulk-actions';
import type { Handler } from './context';
import * as conversations from './conversations';
import { filter } from './filter';
import * as inboxes from './inboxes';
import { LIVE_ROUTES } from './live';
import * as misc from './misc';
import { conversations as searchConversations } from './search';
import { toggleStatus } from './toggle-status';

/** global: no account; account: /accounts/{account_id}/…; own-account: GET /accounts/{id}. */
export type RouteScope = 'global' | 'account' | 'own-account';

export interface RouteDef {
  method: 'GET' | 'POST';
  segments: readonly string[];
  action: string;
  botAllowed: boolean;
  scope: RouteScope;
  handler: Handler;
}

const A = '/api/v1/accounts/:account_id';

function route(method: RouteDef['method'], pattern: string, action: string, handler: Handler, botAllowed = false): RouteDef {
  const scope: RouteScope = pattern.startsWith(A) ? 'account' : pattern.startsWith('/api/v1/accounts/') ? 'own-account' : 'global';
  return { method, segments: pattern.split('/').filter(Boolean), action, botAllowed, scope, handler };
}

export const ROUTES: readonly RouteDef[] = [
  route('GET', '/api/v1/profile', 'profiles#show', misc.profile),
  route('GET', `${A}/conversations`, 'conversations#index', conversations.index),
  route('GET', `${A}/conversations/meta`, 'conversations#meta', conversations.meta),
  route('GET', `${A}/conversations/search`, 'conversations#search', conversations.search),
  route('POST', `${A}/conversations/filter`, 'conversations#filter', filter),
  route('GET', `${A}/conversations/:id`, 'conversations#show', conversations.show),
  route('POST', `${A}/conversations/:id/assignments`, 'conversations/assignments#create', assignments.create, true),
  route('POST', `${A}/conversations/:id/toggle_status`, 'conversations#toggle_status', toggleStatus, true),
  route('POST', `${A}/bulk_actions`, 'bulk_actions#create', bulk.create),
  route('GET', `${A}/agents`, 'agents#index', agentsTeams.agents),
  route('GET', `${A}/teams`, 'teams#index', agentsTeams.teams),
  route('GET', `${A}/teams/:id`, 'teams#show', agentsTeams.team),
  route('GET', `${A}/teams/:team_id/team_members`, 'team_members#index', agentsTeams.teamMembers),
  route('GET', `${A}/inboxes`, 'inboxes#index', inboxes.index),
  route('GET', `${A}/inboxes/:id/assignable_agents`, 'inboxes#assignable_agents', inboxes.inboxAssignableAgents),
  route('GET', `${A}/inbox_members/:id`, 'inbox_members#show', inboxes.members),
  route('GET', `${A}/assignable_agents`, 'assignable_agents#index', inboxes.assignableAgents),
  route('GET', `${A}/labels`, 'labels#index', misc.labels),
  route('GET', `${A}/search/conversations`, 'search#conversations', searchConversations),
  route('GET', '/api/v1/accounts/:id', 'accounts#show', misc.account),
  ...LIVE_ROUTES.map(([method, pattern, action, handler]) => route(method, pattern, action, handler)),
];

export interface RouteMatch {
  route: RouteDef;
  path: Record<string, string>;
}

/** Journey-style normalisation: squeeze "//", drop a trailing "/" and a `.json` format. */
export function normalizePath(pathname: string): string {
  let path = `/${pathname}`.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (path.endsWith('.json')) path = path.slice(0, -'.json'.length);
  return path;
}

export function matchRoute(method: string, pathname: string): RouteMatch | null {
  // Rails answers HEAD with the GET route.
  const verb = method === 'HEAD' ? 'GET' : method;
  const segments = normalizePath(pathname).split('/').filter(Boolean).map(decodeSegment);
  for (const candidate of ROUTES) {
    if (candidate.method !== verb || candidate.segments.length !== segments.length) continue;
    const path: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i += 1) {
      const expected = candidate.segments[i];
      if (expected.startsWith(':')) path[expected.slice(1)] = segments[i];
      else ok = expected === segments[i];
    }
    if (ok) return { route: candidate, path };
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
