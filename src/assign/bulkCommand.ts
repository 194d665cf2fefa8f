/**
 * "Assign Conversations…": the tree's context menu on a multi-selection hands over (clicked node,
 * selected nodes). Asks for the agent or team (the assignee step of Assign Conversation, with the
 * agents Chatwoot offers for every inbox involved), confirms in a modal, then bulk-assigns.
 *
 * Non-interactive (automation, tests), without prompts and without the modal:
 * `executeCommand('chatwoot.assignConversations', { accountId, conversationIds, assigneeId | teamId | unassign | removeTeam })`
 * resolves with the conversations as re-read from the server.
 */
import * as vscode from 'vscode';
import type { Conversation } from '../api';
import { parseAssignmentArgs } from '../commands/args';
import type { Services } from '../commands/services';
import { describeError } from '../ui/feedback';
import { confirmation, performBulkAssignment, plural } from './bulk';
import type { AssigneeChoice } from './choice';
import { isConversationTarget, type ConversationTarget } from './commands';
import { pickAssignee } from './pickAssignee';

/** The conversations of a tree selection, each once (one can be under Mine and All). */
export function selectedConversations(clicked: unknown, selection: unknown): ConversationTarget[] {
  const nodes = Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [clicked];
  const seen = new Set<string>();
  return nodes.filter(isConversationTarget).filter((t) => {
    const key = `${t.accountId}/${t.conversation.id}`;
    return !seen.has(key) && (seen.add(key), true);
  });
}

/** The handler of `chatwoot.assignConversations`: (clicked node, selected nodes) or the non-interactive form. */
export async function assignConversations(s: Services, first?: unknown, selection?: unknown): Promise<Conversation[] | undefined> {
  const parsed = parseAssignmentArgs(first, 'bulk');
  if (parsed && 'error' in parsed) {
    void vscode.window.showErrorMessage(parsed.error);
    return undefined;
  }
  if (parsed) {
    const { accountId, conversationIds, choice } = parsed.args;
    // Undo covers the conversations whose state before this window knows.
    const known = conversationIds.map((id) => s.store.conversation(accountId, id)).filter((c): c is Conversation => c !== undefined);
    return performBulkAssignment(s, accountId, conversationIds, choice, known);
  }
  return assignSelection(s, selectedConversations(first, selection));
}

async function assignSelection(deps: Services, targets: ConversationTarget[]): Promise<Conversation[] | undefined> {
  const title = vscode.l10n.t('Assign Conversations');
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: select conversations in the Conversations view first (Ctrl/Cmd+click or Shift+click).', title));
    return undefined;
  }
  const accounts = [...new Set(targets.map((t) => t.accountId))];
  if (accounts.length > 1) {
    // Agents and teams belong to one account: one assignment cannot span several.
    void vscode.window.showWarningMessage(vscode.l10n.t('{0}: the selection spans {1} accounts. Select conversations of one account at a time.', title, accounts.length));
    return undefined;
  }
  const accountId = accounts[0];
  // The rows as the store holds them now (they may have moved since the tree drew them).
  const conversations = targets.map((t) => deps.store.conversation(accountId, t.conversation.id) ?? t.conversation);
  const controller = new AbortController();
  let choice: AssigneeChoice | symbol;
  try {
    const profile = await deps.store.profile(controller.signal);
    const ctx = { title: vscode.l10n.t('{0} ({1})', title, plural(conversations.length)), step: 1, totalSteps: 1, signal: controller.signal, canGoBack: false };
    choice = await pickAssignee(ctx, conversations, profile, deps.store, accountId, (e) => describeError(e).message);
  } finally {
    controller.abort();
  }
  if (typeof choice === 'symbol') return undefined;
  const ask = confirmation(choice, conversations.length);
  const ids = conversations.map((c) => `#${c.id}`);
  const detail = ids.length <= 20 ? ids.join(', ') : vscode.l10n.t('{0} and {1} more', ids.slice(0, 20).join(', '), ids.length - 20);
  const answer = await vscode.window.showWarningMessage(ask.message, { modal: true, detail }, ask.button);
  if (answer !== ask.button) return undefined;
  return performBulkAssignment(
    deps,
    accountId,
    conversations.map((c) => c.id),
    choice,
    conversations,
  );
}
