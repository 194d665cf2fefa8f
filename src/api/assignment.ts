/**
 * What an assignment asks Chatwoot to do, and the exact body that says it.
 *
 * Chatwoot's assignments endpoint branches on KEY PRESENCE, not values (API-FACTS §3.2):
 * - any `assignee_id` key (even null, "", an unknown id) takes the agent branch and `team_id` in
 *   the same body is silently ignored; an unknown or null id UNASSIGNS;
 * - otherwise a `team_id` key takes the team branch; 0/null/unknown REMOVES the team;
 * - neither key: nothing happens.
 * So every body here carries exactly one of the two keys, and "team then agent" is two calls.
 */

export type AssignmentTarget =
  | { readonly kind: 'agent'; readonly agentId: number }
  | { readonly kind: 'unassign' }
  | { readonly kind: 'team'; readonly teamId: number }
  | { readonly kind: 'remove-team' };

export type AssignmentBody = { assignee_id: number | null } | { team_id: number | null };

export function assignmentBody(target: AssignmentTarget): AssignmentBody {
  switch (target.kind) {
    case 'agent':
      return { assignee_id: requireId(target.agentId, 'agent id') };
    case 'unassign':
      return { assignee_id: null };
    case 'team':
      return { team_id: requireId(target.teamId, 'team id') };
    case 'remove-team':
      return { team_id: null };
  }
}

/** Ids in URLs and bodies must be positive integers: a stray 0 or NaN would silently unassign. */
export function requireId(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`Invalid ${what}: ${String(value)}`);
  return value;
}
