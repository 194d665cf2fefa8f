/**
 * Client calls only the tests make: the one-target shorthands for `ChatwootClient.assign` and the
 * labels endpoint. The extension itself goes through `assign(…, target)` and never lists labels, so
 * these live here instead of in src/api.
 */
import type { AssignmentResult, CallOptions, ChatwootClient, Label } from '../../src/api';
import { account, accountResource } from '../../src/api/paths';
import * as S from '../../src/api/schemas';

export function assignAgent(client: ChatwootClient, accountId: number, displayId: number, agentId: number, opts?: CallOptions): Promise<AssignmentResult> {
  return client.assign(accountId, displayId, { kind: 'agent', agentId }, opts);
}

export function unassign(client: ChatwootClient, accountId: number, displayId: number, opts?: CallOptions): Promise<AssignmentResult> {
  return client.assign(accountId, displayId, { kind: 'unassign' }, opts);
}

export function assignTeam(client: ChatwootClient, accountId: number, displayId: number, teamId: number, opts?: CallOptions): Promise<AssignmentResult> {
  return client.assign(accountId, displayId, { kind: 'team', teamId }, opts);
}

export function removeTeam(client: ChatwootClient, accountId: number, displayId: number, opts?: CallOptions): Promise<AssignmentResult> {
  return client.assign(accountId, displayId, { kind: 'remove-team' }, opts);
}

/**
 * Team and agent together. One body cannot do it (the team would be ignored), and the order
 * matters: the team change may clear or auto-pick the agent, so the agent is set second.
 */
export async function assignTeamThenAgent(
  client: ChatwootClient,
  accountId: number,
  displayId: number,
  teamId: number,
  agentId: number,
  opts?: CallOptions,
): Promise<[AssignmentResult, AssignmentResult]> {
  const team = await assignTeam(client, accountId, displayId, teamId, opts);
  const agent = await assignAgent(client, accountId, displayId, agentId, opts);
  return [team, agent];
}

/** `GET …/labels` through the client's own transport (private there: the extension never calls it). */
export async function listLabels(client: ChatwootClient, accountId: number, opts?: CallOptions): Promise<Label[]> {
  // Element access reaches the private transport (TypeScript allows it; the extension never does this).
  const body = await client['http'].call('GET', `${account(accountId)}/labels`, { schema: S.LabelPayload }, { ...opts, resource: accountResource(accountId) });
  return body.payload;
}
