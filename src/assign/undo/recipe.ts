/**
 * Undo of an assignment as a pure plan (API-FACTS-LIVE §8): which requests restore the state
 * before (A0 assignee, T0 team), in which order, when undo must refuse, and what Chatwoot cannot
 * take back. No I/O: the caller re-reads the conversation, asks for a plan, sends the steps in
 * order (each is one body of the assignments endpoint), then re-reads and compares again.
 *
 * Why this order: the assignments endpoint changes EITHER the assignee OR the team per request; a
 * team change may clear the assignee or auto-pick an online team member, while an assignee change
 * never touches the team. So the team goes first and the assignee last, which ends exactly at
 * (A0, T0). Setting the team to none never changes the assignee.
 */
import type { AssignmentTarget, Conversation } from '../../api';
import * as l10n from '../../util/l10n';

export type AssigneeState =
  | { readonly kind: 'none' }
  | { readonly kind: 'user'; readonly id: number; readonly name?: string }
  | { readonly kind: 'bot'; readonly id: number; readonly name?: string };

export interface TeamState {
  readonly id: number;
  readonly name?: string;
}

/** Who and which team a conversation shows (`meta.assignee` + `assignee_type`, `meta.team`). */
export interface AssignmentState {
  readonly assignee: AssigneeState;
  readonly team: TeamState | null;
}

/** One request to `POST …/assignments`. A bot needs `"assignee_type":"AgentBot"` in the body. */
export type UndoStep =
  | { readonly kind: 'team'; readonly team: TeamState | null; readonly body: { team_id: number | null } }
  | {
      readonly kind: 'assignee';
      readonly assignee: AssigneeState;
      readonly body: { assignee_id: number | null; assignee_type?: 'AgentBot' };
      /**
       * True after a team step: the executor may re-read and skip it when the conversation already
       * shows A0 (sending it anyway is harmless: Chatwoot saves nothing for the same assignee).
       */
      readonly skipIfAlready: boolean;
    };

export type RefusalReason =
  /** Someone (or an automation) changed assignee or team since the assignment. */
  | 'changed-since'
  /** A0 or T0 no longer exists: Chatwoot would silently unassign / drop the team instead. */
  | 'target-gone';

export type UndoPlan =
  | { readonly outcome: 'restore'; readonly steps: readonly UndoStep[]; readonly cannotRestore: readonly string[] }
  /** The conversation already shows the state before (the assignment changed nothing, or was undone already). */
  | { readonly outcome: 'nothing'; readonly steps: readonly []; readonly cannotRestore: readonly string[] }
  | { readonly outcome: 'refuse'; readonly reason: RefusalReason; readonly message: string; readonly steps: readonly []; readonly cannotRestore: readonly string[] };

export interface UndoInput {
  /** Recorded before the assignment. */
  before: AssignmentState;
  /** Re-read right after the assignment (its answer does not show the result). */
  after: AssignmentState;
  /** Re-read now, just before undoing. */
  current: AssignmentState;
  /** The user undoing (and who made the assignment): no notification for self-assignment. */
  actorId?: number;
  /** Known agent ids of the account (when given, an A0 missing from it refuses). */
  agentIds?: ReadonlySet<number>;
  /** Known team ids of the account (when given, a T0 missing from it refuses). */
  teamIds?: ReadonlySet<number>;
  /**
   * The actor reaches the conversation only through team T1 (not an inbox member or admin): the
   * team step would cut off their access (401), so the assignee goes first (§8.2).
   */
  accessOnlyThroughTeam?: boolean;
  /** A0 is a member of T0: the assignee may go first without an intermediate auto-pick. */
  assigneeInTeamBefore?: boolean;
}

export function stateOf(c: Conversation): AssignmentState {
  const a = c.meta.assignee;
  const assignee: AssigneeState = !a
    ? { kind: 'none' }
    : c.meta.assignee_type === 'AgentBot'
      ? { kind: 'bot', id: a.id, name: a.name }
      : { kind: 'user', id: a.id, name: 'available_name' in a ? a.available_name : a.name };
  return { assignee, team: c.meta.team ? { id: c.meta.team.id, name: c.meta.team.name } : null };
}

export function sameAssignee(x: AssigneeState, y: AssigneeState): boolean {
  return x.kind === y.kind && (x.kind === 'none' || x.id === (y as { id: number }).id);
}

export function sameTeam(x: TeamState | null, y: TeamState | null): boolean {
  return (x?.id ?? null) === (y?.id ?? null);
}

export function sameState(x: AssignmentState, y: AssignmentState): boolean {
  return sameAssignee(x.assignee, y.assignee) && sameTeam(x.team, y.team);
}

export function describeAssignee(a: AssigneeState): string {
  if (a.kind === 'none') return l10n.t('nobody');
  if (a.kind === 'user') return a.name ?? l10n.t('agent {0}', a.id);
  return a.name ? l10n.t('{0} (bot)', a.name) : l10n.t('bot {0} (bot)', a.id);
}

export function describeTeam(t: TeamState | null): string {
  return t ? l10n.t('team {0}', t.name ?? t.id) : l10n.t('no team');
}

function describeState(s: AssignmentState): string {
  return l10n.t('{assignee}, {team}', { assignee: describeAssignee(s.assignee), team: describeTeam(s.team) });
}

export function teamStep(team: TeamState | null): UndoStep {
  return { kind: 'team', team, body: { team_id: team?.id ?? null } };
}

export function assigneeStep(assignee: AssigneeState, skipIfAlready: boolean): UndoStep {
  const body =
    assignee.kind === 'none' ? { assignee_id: null } : assignee.kind === 'bot' ? { assignee_id: assignee.id, assignee_type: 'AgentBot' as const } : { assignee_id: assignee.id };
  return { kind: 'assignee', assignee, body, skipIfAlready };
}

/** The client's `AssignmentTarget` for a step, when it has one (a bot assignee has none: send `body`). */
export function targetOf(step: UndoStep): AssignmentTarget | undefined {
  if (step.kind === 'team') return step.team ? { kind: 'team', teamId: step.team.id } : { kind: 'remove-team' };
  if (step.assignee.kind === 'none') return { kind: 'unassign' };
  return step.assignee.kind === 'user' ? { kind: 'agent', agentId: step.assignee.id } : undefined;
}

export function planUndo(input: UndoInput): UndoPlan {
  const { before, after, current } = input;
  if (sameState(current, before)) return { outcome: 'nothing', steps: [], cannotRestore: sameState(before, after) ? [] : cannotRestore(input, []) };
  if (!sameState(current, after)) {
    const message = l10n.t('The conversation changed since the assignment: it now shows {now}, not {after}. Undo would overwrite that change, so nothing was done.', {
      now: describeState(current),
      after: describeState(after),
    });
    return { outcome: 'refuse', reason: 'changed-since', message, steps: [], cannotRestore: [] };
  }
  const goneAgent = before.assignee.kind === 'user' && input.agentIds !== undefined && !input.agentIds.has(before.assignee.id);
  const goneTeam = before.team !== null && input.teamIds !== undefined && !input.teamIds.has(before.team.id);
  if (goneAgent || goneTeam) {
    const message = goneAgent
      ? l10n.t(
          'Undo is not possible: {0} is no longer an agent of this account, and Chatwoot would silently leave the conversation unassigned instead.',
          describeAssignee(before.assignee),
        )
      : l10n.t('Undo is not possible: {0} no longer exists, and Chatwoot would silently remove the team instead.', describeTeam(before.team));
    return { outcome: 'refuse', reason: 'target-gone', message, steps: [], cannotRestore: [] };
  }

  const teamChanged = !sameTeam(before.team, after.team);
  const assigneeChanged = !sameAssignee(before.assignee, after.assignee);
  const steps: UndoStep[] = [];
  if (!teamChanged) {
    steps.push(assigneeStep(before.assignee, false));
  } else if (input.accessOnlyThroughTeam) {
    // The team step ends the actor's access (401 afterwards): assignee first, team last. Exact only
    // when T0 is none or A0 is a member of T0; otherwise Chatwoot clears or replaces A0 at the end.
    if (assigneeChanged) steps.push(assigneeStep(before.assignee, false));
    steps.push(teamStep(before.team));
  } else if (before.team === null) {
    // Removing the team never changes the assignee: the assignee step only if it differs.
    steps.push(teamStep(null));
    if (assigneeChanged) steps.push(assigneeStep(before.assignee, false));
  } else if (input.assigneeInTeamBefore && before.assignee.kind === 'user') {
    // A0 is a member of T0: setting A0 first means the team step finds a member and keeps them,
    // so no third agent is auto-picked (and notified) in between.
    steps.push(assigneeStep(before.assignee, false), teamStep(before.team));
  } else {
    steps.push(teamStep(before.team), assigneeStep(before.assignee, true));
  }
  return { outcome: 'restore', steps, cannotRestore: cannotRestore(input, steps) };
}

/** What stays different after the undo, as sentences for the report. */
export function cannotRestore(input: UndoInput, steps: readonly UndoStep[]): string[] {
  const { before, after } = input;
  const out: string[] = [];
  out.push(l10n.t('The conversation timeline keeps the activity messages of the assignment and of its undo ("Assigned to … by …"); Chatwoot cannot delete them.'));
  out.push(l10n.t("The conversation's last activity time moved and cannot be set back, so its place in the conversation list does not return."));
  const a1 = after.assignee;
  if (a1.kind === 'user' && !sameAssignee(a1, before.assignee)) {
    if (a1.id !== input.actorId) out.push(l10n.t('{0} was already notified of the assignment; that notification cannot be taken back.', describeAssignee(a1)));
    out.push(
      l10n.t(
        '{0} stays a participant of the conversation (Chatwoot never removes assignees from the participants; only a participant list read before the assignment could be written back).',
        describeAssignee(a1),
      ),
    );
  }
  const a0 = before.assignee;
  if (a0.kind === 'user' && a0.id !== input.actorId && steps.some((s) => s.kind === 'assignee' && !sameAssignee(s.assignee, after.assignee))) {
    out.push(l10n.t('{0} will be notified again when the conversation is assigned back.', describeAssignee(a0)));
  }
  const teamIndex = steps.findIndex((x) => x.kind === 'team' && x.team !== null);
  if (teamIndex >= 0) {
    const assigneeLast = steps.length > teamIndex + 1;
    const inTeam = input.assigneeInTeamBefore === true && a0.kind === 'user';
    if (assigneeLast) {
      out.push(
        l10n.t(
          "Moving the conversation back to {team} may auto-assign an online member of that team for a moment (and notify them) before the assignee is set back to {assignee}; such a pick also advances the inbox's round-robin.",
          { team: describeTeam(before.team), assignee: describeAssignee(a0) },
        ),
      );
    } else if (!inTeam && a0.kind !== 'none') {
      out.push(
        l10n.t('The team is restored last: unless {assignee} is a member of {team}, Chatwoot clears or replaces the assignee at that point; check the result.', {
          assignee: describeAssignee(a0),
          team: describeTeam(before.team),
        }),
      );
    } else if (a0.kind === 'none') {
      out.push(l10n.t('Moving the conversation back to {0} may auto-assign an online member of that team (and notify them); check the result.', describeTeam(before.team)));
    }
    if (input.accessOnlyThroughTeam) {
      out.push(
        l10n.t('Once the conversation is back in {before}, you may no longer be able to open it (you reach it only through {after}).', {
          before: describeTeam(before.team),
          after: describeTeam(after.team),
        }),
      );
    }
    if (a0.kind === 'bot') out.push(l10n.t('With a bot assignee, a team change can add a human assignee next to the bot; check the result.'));
  }
  if (a1.kind === 'user' && !sameTeam(before.team, after.team) && !sameAssignee(a1, a0)) {
    out.push(l10n.t('If the team change auto-assigned someone, that pick also advanced the inbox round-robin, which cannot be rewound.'));
  }
  out.push(l10n.t('Webhooks, automation rules and agent bots have already seen the assignment and will see the undo as another change.'));
  return out;
}
