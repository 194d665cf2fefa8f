/** What the user picked in the assignee step, with the names needed to talk about it. */
import type { AssignmentTarget } from '../api';

export type AssigneeChoice =
  | { kind: 'agent'; agentId: number; name: string; isMe?: boolean }
  | { kind: 'unassign' }
  | { kind: 'team'; teamId: number; name: string }
  | { kind: 'remove-team' };

export function toTarget(choice: AssigneeChoice): AssignmentTarget {
  switch (choice.kind) {
    case 'agent':
      return { kind: 'agent', agentId: choice.agentId };
    case 'team':
      return { kind: 'team', teamId: choice.teamId };
    default:
      return { kind: choice.kind };
  }
}
