/**
 * "Undo Last Assignment" and the Undo action of assignment notifications. Follows the recipe
 * (recipe.ts, API-FACTS-LIVE §8): re-read the conversation first and refuse, naming what it now
 * shows, when someone changed it since; otherwise restore the team first and the assignee last,
 * re-read, patch the store, and report the result together with what Chatwoot cannot take back.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, Conversation } from '../../api';
import type { Services } from '../../commands/services';
import { showError } from '../../ui/feedback';
import { mapLimit, plural } from '../bulk';
import { recordAssignment } from '../perform';
import { undoJournal } from './windowJournal';
import type { JournalEntry, JournalItem } from './journal';
import { UNDO_WINDOW_MS } from './journal';
import { describeAssignee, describeTeam, planUndo, sameState, stateOf, targetOf, type AssignmentState } from './recipe';

/** The button of the report that lists what Chatwoot cannot take back. */
const details = () => vscode.l10n.t('What Remains');

export type UndoOutcome = 'undone' | 'different' | 'refused' | 'nothing' | 'unavailable';

/** What the command resolves with (tests and automation read it). */
export interface UndoReport {
  outcome: UndoOutcome;
  message: string;
  /** As re-read at the end, per conversation. */
  conversations: Conversation[];
}

interface ItemResult {
  displayId: number;
  outcome: Exclude<UndoOutcome, 'unavailable'>;
  /** For refusals: the recipe's sentence. */
  reason?: string;
  now?: Conversation;
  cannotRestore: string[];
}

/** "Bob Brown, team sales", "Unassigned, no team". */
export function stateText(s: AssignmentState): string {
  return vscode.l10n.t('{assignee}, {team}', { assignee: s.assignee.kind === 'none' ? vscode.l10n.t('Unassigned') : describeAssignee(s.assignee), team: describeTeam(s.team) });
}

/** The handler: `{ undoId }` from a notification's Undo, nothing from the Command Palette. */
export async function undoAssignment(s: Services, arg?: unknown): Promise<UndoReport | undefined> {
  const client = s.connection.client();
  if (!client) return undefined;
  const journal = undoJournal(s);
  const id = typeof arg === 'object' && arg !== null && typeof (arg as { undoId?: unknown }).undoId === 'number' ? (arg as { undoId: number }).undoId : undefined;
  const entry = id === undefined ? journal.last() : journal.get(id);
  if (!entry) {
    const minutes = UNDO_WINDOW_MS / 60_000;
    const message =
      id === undefined
        ? vscode.l10n.t('Nothing to undo: no assignment was made from this window in the last {0} minutes.', minutes)
        : journal.whyNot(id) === 'undone'
          ? vscode.l10n.t('Nothing to undo: that assignment was undone already.')
          : vscode.l10n.t('Nothing to undo: undo works for {0} minutes after an assignment made from this window.', minutes);
    void vscode.window.showInformationMessage(message);
    return { outcome: 'unavailable', message, conversations: [] };
  }
  journal.markUndone(entry.id); // a second press while this runs finds nothing to undo
  try {
    const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Undoing the {0}…', entry.what) }, async () => {
      await entry.settled;
      const context = await knownIds(s, entry.accountId);
      const actorId = s.store.knownProfile?.id;
      const out: ItemResult[] = [];
      await mapLimit(entry.items, 5, async (item) => void out.push(await undoOne(client, entry.accountId, item, { ...context, actorId })));
      return entry.items.map((i) => out.find((r) => r.displayId === i.displayId)!);
    });
    const finals = results.map((r) => r.now).filter((c): c is Conversation => c !== undefined);
    recordAssignment(
      s,
      entry.accountId,
      finals.map((c) => c.id),
      finals,
      entry.items.length > 1,
    );
    return report(s, entry, results);
  } catch (e) {
    journal.reopen(entry.id); // nothing certain was done: it may be tried again
    showError(vscode.l10n.t('Could not undo the {0}', entry.what), e, s.log);
    return undefined;
  }
}

/** Agents and teams of the account when they can be read: an A0 or T0 missing from them refuses. */
async function knownIds(s: Services, accountId: number): Promise<{ agentIds?: Set<number>; teamIds?: Set<number> }> {
  const [agents, teams] = await Promise.all([
    s.store
      .agents(accountId)
      .get()
      .catch(() => undefined),
    s.store
      .teams(accountId)
      .get()
      .catch(() => undefined),
  ]);
  return { agentIds: agents ? new Set(agents.map((a) => a.id)) : undefined, teamIds: teams ? new Set(teams.map((t) => t.id)) : undefined };
}

async function undoOne(
  client: ChatwootClient,
  accountId: number,
  item: JournalItem,
  ids: { agentIds?: Set<number>; teamIds?: Set<number>; actorId?: number },
): Promise<ItemResult> {
  const { displayId, before } = item;
  const current = await client.getConversation(accountId, displayId);
  const now = stateOf(current);
  if (!item.after) {
    // What the assignment left is unknown (its re-read failed): only an unchanged conversation is safe.
    if (sameState(now, before)) return { displayId, outcome: 'nothing', now: current, cannotRestore: [] };
    return {
      displayId,
      outcome: 'refused',
      reason: vscode.l10n.t(
        'What the assignment left could not be read back, so undo cannot tell whether someone changed it since; it now shows {0}. Nothing was done.',
        stateText(now),
      ),
      now: current,
      cannotRestore: [],
    };
  }
  const plan = planUndo({ before, after: item.after, current: now, actorId: ids.actorId, agentIds: ids.agentIds, teamIds: ids.teamIds });
  if (plan.outcome === 'refuse') return { displayId, outcome: 'refused', reason: plan.message, now: current, cannotRestore: [] };
  if (plan.outcome === 'nothing') return { displayId, outcome: 'nothing', now: current, cannotRestore: [...plan.cannotRestore] };
  const cannotRestore = [...plan.cannotRestore];
  for (const step of plan.steps) {
    const target = targetOf(step);
    if (!target) {
      cannotRestore.unshift(
        vscode.l10n.t('Chatwoot Assign cannot assign agent bots: assign {0} again in Chatwoot.', describeAssignee(step.kind === 'assignee' ? step.assignee : before.assignee)),
      );
      continue;
    }
    await client.assign(accountId, displayId, target);
  }
  const final = await client.getConversation(accountId, displayId);
  return { displayId, outcome: sameState(stateOf(final), before) ? 'undone' : 'different', now: final, cannotRestore };
}

function report(s: Services, entry: JournalEntry, results: readonly ItemResult[]): UndoReport {
  const conversations = results.map((r) => r.now).filter((c): c is Conversation => c !== undefined);
  const remains = [...new Set(results.flatMap((r) => r.cannotRestore))];
  const before = (r: ItemResult) => stateText(entry.items.find((i) => i.displayId === r.displayId)!.before);
  let outcome: UndoOutcome;
  let message: string;
  if (results.length === 1) {
    const r = results[0];
    const label = `#${r.displayId}`;
    outcome = r.outcome;
    if (r.outcome === 'refused') {
      message = r.reason ? vscode.l10n.t('Cannot undo the {what}. {reason}', { what: entry.what, reason: r.reason }) : vscode.l10n.t('Cannot undo the {0}.', entry.what);
    } else if (r.outcome === 'nothing') message = vscode.l10n.t('Nothing to undo: conversation {label} already shows {state}.', { label, state: before(r) });
    else if (r.outcome === 'undone') message = vscode.l10n.t('Undone: conversation {label} is back to {state}.', { label, state: before(r) });
    else if (r.now) {
      message = vscode.l10n.t('Undo of conversation {label} ended at {now}, not {before} as before: Chatwoot changed it again (a team that auto-assigns?).', {
        label,
        now: stateText(stateOf(r.now)),
        before: before(r),
      });
    } else {
      message = vscode.l10n.t('Undo of conversation {label} ended at an unknown state, not {before} as before: Chatwoot changed it again (a team that auto-assigns?).', {
        label,
        before: before(r),
      });
    }
  } else {
    const by = (o: ItemResult['outcome']) => results.filter((r) => r.outcome === o);
    const undone = by('undone').length + by('nothing').length;
    const problems = [
      ...by('refused').map((r) =>
        r.now ? vscode.l10n.t('#{0} changed since (now {1})', r.displayId, stateText(stateOf(r.now))) : vscode.l10n.t('#{0} changed since (now unknown)', r.displayId),
      ),
      ...by('different').map((r) =>
        r.now ? vscode.l10n.t('#{0} ended at {1}', r.displayId, stateText(stateOf(r.now))) : vscode.l10n.t('#{0} ended at an unknown state', r.displayId),
      ),
    ];
    outcome = problems.length === 0 ? 'undone' : undone === 0 && by('different').length === 0 ? 'refused' : 'different';
    message =
      problems.length === 0
        ? vscode.l10n.t('Undone: {0} are back to what they showed before.', plural(results.length))
        : vscode.l10n.t('Undid {undone} of {count}; left alone or different: {problems}.', { undone, count: plural(results.length), problems: problems.join('; ') });
  }
  s.log.info(message);
  for (const line of remains) s.log.info(`  cannot be taken back: ${line}`);
  const warn = outcome === 'refused' || outcome === 'different';
  const DETAILS = details();
  const shown = remains.length > 0 && outcome !== 'refused' ? vscode.l10n.t('{0} Some traces stay in Chatwoot ({1}).', message, DETAILS) : message;
  const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(shown, ...(remains.length > 0 && outcome !== 'refused' ? [DETAILS] : [])).then((pick) =>
    pick === DETAILS
      ? vscode.window.showInformationMessage(vscode.l10n.t('What Chatwoot cannot take back'), { modal: true, detail: remains.map((l) => `• ${l}`).join('\n') })
      : undefined,
  );
  return { outcome, message, conversations };
}
