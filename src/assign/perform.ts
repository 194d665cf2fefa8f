/**
 * Sends one assignment and tells the user what the server recorded: first from the POST's own
 * answer (one round trip after the last pick), then, if the re-read that follows at once shows
 * something else (a team that auto-assigned or removed the agent), in a corrected notification.
 * Never throws: failures become an error notification naming the conversation. After an ambiguous
 * failure (timeout or reset once the request was sent) the conversation is re-read, because the
 * server may have applied it; the POST is never retried blindly.
 */
import * as vscode from 'vscode';
import type { AssignmentResult, Conversation } from '../api';
import type { Services } from '../commands/services';
import { isChatwootError } from '../lazyApi';
import { showError } from '../ui/feedback';
import { OPEN_IN_CHATWOOT as OPEN } from '../ui/labels';
import type { Logger } from '../util/log';
import { assignmentSummary } from '../util/present';
import { toTarget, type AssigneeChoice } from './choice';
import { describeOutcome, describePosted, type Outcome } from './outcome';

export async function performAssignment(
  deps: Services,
  accountId: number,
  displayId: number,
  choice: AssigneeChoice,
  before?: Conversation,
  signal?: AbortSignal,
): Promise<Conversation | undefined> {
  const client = deps.connection.client();
  if (!client) return undefined; // the command wrapper checked; signed out meanwhile
  const label = `#${displayId}`;
  let posted: AssignmentResult;
  try {
    posted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Assigning conversation {0}…', label) }, () =>
      client.assign(accountId, displayId, toTarget(choice), { signal }),
    );
  } catch (e) {
    if (!(isChatwootError(e) && e.maybeProcessed)) {
      showError(vscode.l10n.t('Could not assign conversation {0}', label), e, deps.log);
      return undefined;
    }
    deps.log.warn(`Assignment of ${label} may or may not have reached the server (${e.message}); re-reading it`);
    const now = await client.getConversation(accountId, displayId).catch(() => undefined);
    showError(vscode.l10n.t('Could not confirm the assignment of conversation {0}', label), e, deps.log);
    if (now) void vscode.window.showInformationMessage(vscode.l10n.t('Conversation {0} is now: {1}', label, assignmentSummary(now)));
    recordAssignment(deps, accountId, [displayId], now ? [now] : []);
    return now;
  }

  // The user hears at once what the POST's own answer says; the re-read follows and corrects it.
  const url = deps.connection.webUrl(accountId, displayId);
  const first = describePosted(choice, before, posted);
  if (first) notify(first, url, deps.log);

  let after: Conversation | undefined;
  try {
    after = await client.getConversation(accountId, displayId, { signal });
  } catch (e) {
    deps.log.error(`Re-reading ${label} after the assignment failed`, e);
  }
  recordAssignment(deps, accountId, [displayId], after ? [after] : []);
  if (!after) {
    if (!first) void vscode.window.showWarningMessage(vscode.l10n.t('Conversation {0}: the assignment was sent, but reading back the result failed. Refresh to see it.', label));
    return undefined;
  }
  const outcome = describeOutcome(choice, before, after);
  // Said already, unless the server recorded something other than its answer suggested.
  const correct = !first || (first.tentative ? outcome.differs : outcome.message !== first.message);
  if (correct) notify(outcome, url, deps.log);
  else deps.log.info(`${outcome.message} (confirmed by the re-read)`);
  return after;
}

function notify(outcome: Outcome, url: string | undefined, log: Logger): void {
  log.info(outcome.message);
  const show = outcome.differs ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(outcome.message, OPEN).then((pick) => (pick === OPEN && url ? vscode.env.openExternal(vscode.Uri.parse(url)) : undefined));
}

/** The store takes what the server recorded (the tree and pickers follow); then the assignment is announced. */
export function recordAssignment(deps: Services, accountId: number, displayIds: number[], conversations: Conversation[], bulk = false): void {
  deps.store.applyConversations(accountId, conversations);
  deps.events.fire(bulk ? { accountId, conversation: undefined, displayIds, conversations } : { accountId, conversation: conversations[0], displayIds });
}
