/**
 * The sentence that reports an assignment, written from what the server RECORDED (the re-read
 * conversation), not from what was asked: Chatwoot may silently unassign (unknown agent), clear the
 * agent when the team changes, or auto-pick one. When the result differs from the request, say so.
 */
import type { AssignmentResult, Conversation } from '../api';
import * as l10n from '../util/l10n';
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
  const now = humanAssignee(after);
  const was = before ? humanAssignee(before) : undefined;

  switch (choice.kind) {
    case 'agent': {
      if (now?.id === choice.agentId) {
        const agent = now.available_name;
        return {
          message: team ? l10n.t('Conversation {id} assigned to {agent} (team {team})', { id, agent, team }) : l10n.t('Conversation {id} assigned to {agent}', { id, agent }),
          differs: false,
        };
      }
      const args = { id, team, state: assigneeText(after), asked: choice.name };
      return {
        message: team
          ? l10n.t('Conversation {id} is {state} (team {team}): Chatwoot did not record {asked} as the assignee (not a member of this account?)', args)
          : l10n.t('Conversation {id} is {state}: Chatwoot did not record {asked} as the assignee (not a member of this account?)', args),
        differs: true,
      };
    }
    case 'unassign':
      if (!now) {
        return {
          message: team ? l10n.t('Conversation {id} is now Unassigned (team {team})', { id, team }) : l10n.t('Conversation {id} is now Unassigned', { id }),
          differs: false,
        };
      }
      return {
        message: team
          ? l10n.t('Conversation {id} is still assigned to {agent} (team {team})', { id, team, agent: now.available_name })
          : l10n.t('Conversation {id} is still assigned to {agent}', { id, agent: now.available_name }),
        differs: true,
      };
    case 'team': {
      if (after.meta.team?.id !== choice.teamId) {
        const args = { id, team, asked: choice.name, state: assigneeText(after) };
        return {
          message: team
            ? l10n.t('Conversation {id}: Chatwoot did not record team {asked}; it is {state} (team {team})', args)
            : l10n.t('Conversation {id}: Chatwoot did not record team {asked}; it is {state}', args),
          differs: true,
        };
      }
      if (now && now.id !== was?.id) {
        return { message: l10n.t('Conversation {id} assigned to team {team} — Chatwoot auto-assigned {agent}', { id, team, agent: now.available_name }), differs: true };
      }
      if (!now && was) {
        return {
          message: l10n.t('Conversation {id} assigned to team {team} — Chatwoot removed {agent} (not in team {team}); now Unassigned', { id, team, agent: was.available_name }),
          differs: true,
        };
      }
      return {
        message: now
          ? l10n.t('Conversation {id} assigned to team {team} (assignee {agent})', { id, team, agent: now.available_name })
          : l10n.t('Conversation {id} assigned to team {team} (Unassigned)', { id, team }),
        differs: false,
      };
    }
    case 'remove-team': {
      const agent = now?.available_name;
      if (team) {
        return {
          message: agent
            ? l10n.t('Conversation {id} still has team {team} (assignee {agent})', { id, team, agent })
            : l10n.t('Conversation {id} still has team {team} (Unassigned)', { id, team }),
          differs: true,
        };
      }
      return {
        message: agent ? l10n.t('Team removed from conversation {id} (assignee {agent})', { id, agent }) : l10n.t('Team removed from conversation {id} (Unassigned)', { id }),
        differs: false,
      };
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
  if (uncertain) return { message: l10n.t('Conversation {id} assigned to team {team}', { id: `#${before.id}`, team: team.name }), differs: false, tentative: true };
  return describeOutcome(choice, before, { ...before, meta: { ...before.meta, team } });
}
