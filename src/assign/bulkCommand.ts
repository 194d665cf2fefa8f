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
import { describeError, promptSignIn, showError } from '../ui/feedback';
import { AccountData } from './accountData';
import { confirmation, performBulkAssignment, plural, type BulkDeps } from './bulk';
import type { AssigneeChoice } from './choice';
import { isConversationTarget, type ConversationTarget } from './commands';
import { pickAssignee } from './pickAssignee';
import { FlowCancelled } from './quickInput';
import type { AssignSession } from './session';

export interface BulkAssignArgs {
  accountId: number;
  conversationIds: number[];
  assigneeId?: number;
  teamId?: number;
  unassign?: boolean;
  removeTeam?: boolean;
}

/** Above this, the non-interactive form refuses (a slip in a script should not reassign a whole account). */
export const BULK_MAX = 5000;

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Validates the non-interactive form; undefined when `arg` is not that form at all. */
export function parseBulkArgs(arg: unknown): { args: BulkAssignArgs; choice: AssigneeChoice } | { error: string } | undefined {
  if (typeof arg !== 'object' || arg === null || !('conversationIds' in arg)) return undefined;
  const a = arg as Partial<BulkAssignArgs>;
  const usage = `Assign Conversations: expected { accountId, conversationIds: [1 to ${BULK_MAX} ids] } and exactly one of assigneeId, teamId, unassign: true, removeTeam: true`;
  if (!isPositiveInt(a.accountId) || !Array.isArray(a.conversationIds) || a.conversationIds.length === 0 || a.conversationIds.length > BULK_MAX) return { error: usage };
  if (!a.conversationIds.every(isPositiveInt)) return { error: 'Assign Conversations: conversationIds must be positive integers' };
  const given = [a.assigneeId !== undefined, a.teamId !== undefined, a.unassign === true, a.removeTeam === true].filter(Boolean).length;
  if (given !== 1) return { error: usage };
  const args = a as BulkAssignArgs;
  if (a.assigneeId !== undefined) {
    return isPositiveInt(a.assigneeId) ? { args, choice: { kind: 'agent', agentId: a.assigneeId, name: `agent ${a.assigneeId}` } } : { error: 'Assign Conversations: assigneeId must be a positive integer' };
  }
  if (a.teamId !== undefined) {
    return isPositiveInt(a.teamId) ? { args, choice: { kind: 'team', teamId: a.teamId, name: `team ${a.teamId}` } } : { error: 'Assign Conversations: teamId must be a positive integer' };
  }
  return { args, choice: { kind: a.unassign ? 'unassign' : 'remove-team' } };
}

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
export function createBulkHandler(deps: BulkDeps & { session: AssignSession }): (first?: unknown, selection?: unknown) => Promise<Conversation[] | undefined> {
  return async (first, selection) => {
    const parsed = parseBulkArgs(first);
    if (parsed && 'error' in parsed) {
      void vscode.window.showErrorMessage(parsed.error);
      return undefined;
    }
    if (parsed) return performBulkAssignment(deps, parsed.args.accountId, parsed.args.conversationIds, parsed.choice);
    return assignSelection(deps, selectedConversations(first, selection));
  };
}

async function assignSelection(deps: BulkDeps & { session: AssignSession }, targets: ConversationTarget[]): Promise<Conversation[] | undefined> {
  const title = 'Assign Conversations';
  if (targets.length === 0) {
    void vscode.window.showInformationMessage(`${title}: select conversations in the Conversations view first (Ctrl/Cmd+click or Shift+click).`);
    return undefined;
  }
  const accounts = [...new Set(targets.map((t) => t.accountId))];
  if (accounts.length > 1) {
    // Agents and teams belong to one account: one assignment cannot span several.
    void vscode.window.showWarningMessage(`${title}: the selection spans ${accounts.length} accounts. Select conversations of one account at a time.`);
    return undefined;
  }
  const client = deps.connection.client();
  if (!client) {
    promptSignIn('assign conversations');
    return undefined;
  }
  const accountId = accounts[0];
  const conversations = targets.map((t) => t.conversation);
  const controller = new AbortController();
  let choice: AssigneeChoice | symbol;
  try {
    const profile = await deps.session.profile(controller.signal);
    const data = new AccountData(client, accountId, controller.signal, deps.log, deps.session.account(accountId));
    data.agentsFor(conversations.map((c) => c.inbox_id)).catch(() => undefined);
    const ctx = { title: `${title} (${plural(conversations.length)})`, step: 1, totalSteps: 1, signal: controller.signal, canGoBack: false };
    choice = await pickAssignee(ctx, conversations, profile, data, (e) => describeError(e).message);
  } catch (e) {
    if (!(e instanceof FlowCancelled)) showError(title, e, deps.log);
    return undefined;
  } finally {
    controller.abort();
  }
  if (typeof choice === 'symbol') return undefined;
  const ask = confirmation(choice, conversations.length);
  const ids = conversations.map((c) => `#${c.id}`);
  const detail = ids.length <= 20 ? ids.join(', ') : `${ids.slice(0, 20).join(', ')} and ${ids.length - 20} more`;
  const answer = await vscode.window.showWarningMessage(ask.message, { modal: true, detail }, ask.button);
  if (answer !== ask.button) return undefined;
  return performBulkAssignment(deps, accountId, conversations.map((c) => c.id), choice);
}
