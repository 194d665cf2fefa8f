/**
 * The sentence that reports an assignment, written from what the server RECORDED (the re-read
 * conversation), not from what was asked: Chatwoot may silently unassign (unknown agent), clear the
 * agent when the team changes, or auto-pick one. When the result differs from the request, say so.
 */
import type { AssignmentResult, Conversation } from '../api';
import { assigneeText, humanAssignee } from '../util/present';
import type { AssigneeChoice } from './choice';

export interface Outcome {
  message: string;
  /** True when the server recorded something other than what was asked. */
  differs: boolean;
  /** Written before the re-read, leaving out what only the re-read can tell (see describePosted). */
  tentative?: boolean;
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

/**
 * The sentence for the notification shown as soon as the POST answers (one round trip), before the
 * re-read: what the server recorded according to its answer (an agent, a raw team, or null), the
 * rest taken from the conversation as it was. Worded like `describeOutcome`, so that a re-read that
 * agrees yields the very same sentence (and no second notification). A team change may remove the
 * agent (not a member) or auto-pick one, which only the re-read tells: unless neither can happen
 * (no agent, a team that does not auto-assign), the sentence is `tentative` and names no assignee;
 * the re-read's sentence follows only when Chatwoot did something unexpected. Undefined without
 * `before`.
 */
export function describePosted(choice: AssigneeChoice, before: Conversation | undefined, result: AssignmentResult): Outcome | undefined {
  if (!before) return undefined;
  if (result.kind === 'agent') {
    const meta = { ...before.meta, assignee: result.agent ?? undefined, assignee_type: result.agent ? 'User' : undefined };
    return describeOutcome(choice, before, { ...before, meta });
  }
  const team = result.team ? { id: result.team.id, name: result.team.name, allow_auto_assign: result.team.allow_auto_assign } : undefined;
  const uncertain = choice.kind === 'team' && team?.id === choice.teamId && (humanAssignee(before) !== undefined || team.allow_auto_assign !== false);
  if (uncertain) return { message: `Conversation #${before.id} assigned to team ${team.name}`, differs: false, tentative: true };
  return describeOutcome(choice, before, { ...before, meta: { ...before.meta, team } });
}
