/**
 * Sends one assignment (and, for a hand-off, a private note) and tells the user what the server
 * recorded, in ONE notification:
 * - when the POST's answer is conclusive (an agent, an unassignment, a team change that cannot move
 *   the agent) the notification comes after that one round trip; the re-read follows in the
 *   background, for the store and the undo journal, and never brings a second notification;
 * - otherwise (a team change that may clear or auto-pick the agent) the window's progress indicator
 *   runs until the re-read, and then the notification says what the server recorded.
 * A note is posted after the assignment; the notification names both. A note that fails is reported
 * on its own and does not undo the assignment. Every notification of a recorded assignment offers
 * Undo (journal.ts). Never throws. After an ambiguous failure (timeout or reset once the request was
 * sent) the conversation is re-read, because the server may have applied it; the POST is never
 * retried blindly.
 */
import * as vscode from 'vscode';
import type { AssignmentResult, ChatwootClient, Conversation } from '../api';
import { Commands } from '../commands/ids';
import type { Services } from '../commands/services';
import { existingPanels } from '../conversation/registry';
import { isChatwootError } from '../lazyApi';
import { showError } from '../ui/feedback';
import { OPEN_IN_CHATWOOT } from '../ui/labels';
import { assignmentSummary } from '../util/present';
import { toTarget, type AssigneeChoice } from './choice';
import { describeOutcome, describePosted, type Outcome } from './outcome';
import { undoJournal } from './undo/windowJournal';
import type { JournalEntry } from './undo/journal';
import { stateOf } from './undo/recipe';

export const OPEN = OPEN_IN_CHATWOOT;
export const UNDO = vscode.l10n.t('Undo');

export interface AssignOptions {
  signal?: AbortSignal;
  /** A private note to post after the assignment (a hand-off). */
  note?: string;
}

/** What the note's POST came to: undefined when there was no note. */
type NoteResult = { ok: true } | { ok: false; error: unknown } | undefined;

export async function performAssignment(
  deps: Services,
  accountId: number,
  displayId: number,
  choice: AssigneeChoice,
  before?: Conversation,
  options: AssignOptions = {},
): Promise<Conversation | undefined> {
  const client = deps.connection.client();
  if (!client) return undefined; // the command wrapper checked; signed out meanwhile
  const { signal, note } = options;
  const label = `#${displayId}`;
  const progress = <T>(title: string, task: () => Promise<T>) => vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task);
  let posted: AssignmentResult;
  try {
    posted = await progress(vscode.l10n.t('Assigning conversation {0}…', label), () => client.assign(accountId, displayId, toTarget(choice), { signal }));
  } catch (e) {
    if (!(isChatwootError(e) && e.maybeProcessed)) {
      showError(vscode.l10n.t('Could not assign conversation {0}', label), e, deps.log);
      return undefined;
    }
    deps.log.warn(`Assignment of ${label} may or may not have reached the server (${e.message}); re-reading it`);
    const now = await client.getConversation(accountId, displayId).catch(() => undefined);
    showError(
      note
        ? vscode.l10n.t('Could not confirm the assignment of conversation {0} (the note was not sent)', label)
        : vscode.l10n.t('Could not confirm the assignment of conversation {0}', label),
      e,
      deps.log,
    );
    if (now) void vscode.window.showInformationMessage(vscode.l10n.t('Conversation {0} is now: {1}', label, assignmentSummary(now)));
    recordAssignment(deps, accountId, [displayId], now ? [now] : []);
    return now;
  }

  const journal = undoJournal(deps);
  const entry = before ? journal.record(accountId, whatWasDone(choice, vscode.l10n.t('conversation {0}', label)), [{ displayId, before: stateOf(before) }]) : undefined;
  const reread = async (): Promise<Conversation | undefined> => {
    try {
      return await client.getConversation(accountId, displayId, { signal });
    } catch (e) {
      deps.log.error(`Re-reading ${label} after the assignment failed`, e);
      return undefined;
    }
  };
  // The journal learns the state after (or that it stays unknown) whatever happens.
  const finish = (after: Conversation | undefined) => {
    if (entry) journal.settle(entry.id, after ? new Map([[displayId, stateOf(after)]]) : new Map());
    recordAssignment(deps, accountId, [displayId], after ? [after] : []);
  };
  const url = deps.connection.webUrl(accountId, displayId);
  const first = describePosted(choice, before, posted);

  if (first && !first.tentative) {
    // Conclusive: one round trip (two with a note), then the notification; the re-read only confirms.
    const noted =
      note === undefined
        ? undefined
        : await progress(vscode.l10n.t('Adding the note to conversation {0}…', label), () => postNote(deps, client, accountId, displayId, note, signal));
    notify(deps, first, noted, label, url, entry);
    const after = await reread();
    finish(after);
    if (after) {
      const confirmed = describeOutcome(choice, before, after);
      if (confirmed.message !== first.message) deps.log.warn(`The re-read of ${label} shows: ${confirmed.message} (not announced again)`);
      else deps.log.info(`${confirmed.message} (confirmed by the re-read)`);
    }
    return after;
  }

  // Only the re-read can tell what Chatwoot did with the agent: wait for it (the note goes meanwhile).
  const [after, noted] = await progress(vscode.l10n.t('Assigning conversation {0}…', label), () =>
    Promise.all([reread(), note === undefined ? Promise.resolve(undefined) : postNote(deps, client, accountId, displayId, note, signal)] as const),
  );
  finish(after);
  if (!after) {
    const message = first
      ? vscode.l10n.t('{0}, but reading back what Chatwoot recorded failed. Refresh to see it.', first.message)
      : vscode.l10n.t('Conversation {0}: the assignment was sent, but reading back the result failed. Refresh to see it.', label);
    notify(deps, { message, differs: true }, noted, label, url, entry);
    return undefined;
  }
  notify(deps, describeOutcome(choice, before, after), noted, label, url, entry);
  return after;
}

async function postNote(deps: Services, client: ChatwootClient, accountId: number, displayId: number, note: string, signal?: AbortSignal): Promise<NoteResult> {
  try {
    const message = await client.addPrivateNote(accountId, displayId, note, { signal });
    existingPanels(deps)?.applyMessage(accountId, displayId, message); // an open tab shows it at once
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

/** "assignment of conversation #21 to Caz" (`what`: "conversation #21", "7 conversations"), for the undo messages. */
export function whatWasDone(choice: AssigneeChoice, what: string): string {
  switch (choice.kind) {
    case 'agent':
      return vscode.l10n.t('assignment of {what} to {name}', { what, name: choice.name });
    case 'team':
      return vscode.l10n.t('assignment of {what} to team {name}', { what, name: choice.name });
    case 'unassign':
      return vscode.l10n.t('unassignment of {0}', what);
    case 'remove-team':
      return vscode.l10n.t('removal of the team from {0}', what);
  }
}

/** The one notification of an assignment: its outcome, the note's, Undo and Open in Chatwoot. */
function notify(deps: Services, outcome: Outcome, noted: NoteResult, label: string, url: string | undefined, entry: JournalEntry | undefined): void {
  const message = noted?.ok ? vscode.l10n.t('{0}; private note added', outcome.message) : outcome.message;
  deps.log.info(message);
  if (noted && !noted.ok) showError(vscode.l10n.t('The note for conversation {0} was not added (the assignment stands)', label), noted.error, deps.log);
  showAssignmentNotification(message, outcome.differs, url, entry);
}

/** Shows an assignment's notification with Undo (when it was journalled) and Open in Chatwoot (when there is a link). */
export function showAssignmentNotification(message: string, warning: boolean, url: string | undefined, entry: JournalEntry | undefined): void {
  const show = warning ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const actions = [...(entry ? [UNDO] : []), ...(url ? [OPEN] : [])];
  void show(message, ...actions).then((pick) => {
    if (pick === OPEN && url) return vscode.env.openExternal(vscode.Uri.parse(url));
    if (pick === UNDO && entry) return vscode.commands.executeCommand(Commands.undoAssignment, { undoId: entry.id });
    return undefined;
  });
}

/** The store takes what the server recorded (the tree and pickers follow); then the assignment is announced. */
export function recordAssignment(deps: Services, accountId: number, displayIds: number[], conversations: Conversation[], bulk = false): void {
  deps.store.applyConversations(accountId, conversations);
  deps.events.fire(bulk ? { accountId, conversation: undefined, displayIds, conversations } : { accountId, conversation: conversations[0], displayIds });
}
