/**
 * The sentence that reports an assignment, written from what the server RECORDED (the re-read
 * conversation), not from what was asked: Chatwoot may silently unassign (unknown agent), clear the
 * agent when the team changes, or auto-pick one. When the result differs from the request, say so.
 */
import type { Conversation } from '../api';
import { assigneeText, humanAssignee } from '../util/present';
import type { AssigneeChoice } from './choice';

export interface Outcome {
  message: string;
  /** True when the server recorded something other than what was asked. */
  differs: boolean;
}

export function describeOutcome(choice: AssigneeChoice, before: Conversation | undefined, after: Conversation): Outcome {
  const id = `#${after.id}`;
  const team = after.meta.team?.name;
  const teamSuffix = team ? ` (team ${team})` : '';
  const now = humanAssignee(after);
  const was = before ? humanAssignee(before) : undefined;

  switch (choice.kind) {
    case 'agent': {
      if (now?.id === choice.agentId) return { message: `Conversation ${id} assigned to ${now.available_name}${teamSuffix}`, differs: false };
      return {
        message: `Conversation ${id} is ${assigneeText(after)}${teamSuffix}: Chatwoot did not record ${choice.name} as the assignee (not a member of this account?)`,
        differs: true,
      };
    }
    case 'unassign':
      if (!now) return { message: `Conversation ${id} is now Unassigned${teamSuffix}`, differs: false };
      return { message: `Conversation ${id} is still assigned to ${now.available_name}${teamSuffix}`, differs: true };
    case 'team': {
      if (after.meta.team?.id !== choice.teamId) {
        return { message: `Conversation ${id}: Chatwoot did not record team ${choice.name}; it is ${assigneeText(after)}${teamSuffix}`, differs: true };
      }
      if (now && now.id !== was?.id) {
        return { message: `Conversation ${id} assigned to team ${team} — Chatwoot auto-assigned ${now.available_name}`, differs: true };
      }
      if (!now && was) {
        return {
          message: `Conversation ${id} assigned to team ${team} — Chatwoot removed ${was.available_name} (not in team ${team}); now Unassigned`,
          differs: true,
        };
      }
      return { message: `Conversation ${id} assigned to team ${team} (${now ? `assignee ${now.available_name}` : 'Unassigned'})`, differs: false };
    }
    case 'remove-team': {
      const who = now ? `assignee ${now.available_name}` : 'Unassigned';
      if (team) return { message: `Conversation ${id} still has team ${team} (${who})`, differs: true };
      return { message: `Team removed from conversation ${id} (${who})`, differs: false };
    }
  }
}
