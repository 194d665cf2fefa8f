/**
 * The conversation commands: Assign Conversation (wizard, tree item, or non-interactive), Assign to
 * Me, Unassign, Open in Chatwoot. Each accepts a tree item (with `accountId` and `conversation`),
 * and from the Command Palette asks for the conversation. None of them ever throws. Loaded on the
 * first use of a command (see register.ts), not at activation.
 */
import * as vscode from 'vscode';
import type { Conversation } from '../api';
import { promptSignIn, showError } from '../ui/feedback';
import { profileName } from '../util/present';
import type { AssigneeChoice } from './choice';
import { runFlow, type FlowDeps } from './flow';
import { performAssignment, type PerformDeps } from './perform';

/** What tree items carry (see views/): enough to act without asking. */
export interface ConversationTarget {
  accountId: number;
  conversation: Conversation;
}

/** `executeCommand('chatwoot.assignConversation', { accountId, conversationId, assigneeId | teamId | unassign | removeTeam })`. */
export interface AssignArgs {
  accountId: number;
  conversationId: number;
  assigneeId?: number;
  teamId?: number;
  unassign?: boolean;
  removeTeam?: boolean;
}

export type AssignDeps = FlowDeps & PerformDeps;
type Deps = AssignDeps;

export interface AssignHandlers {
  assignConversation(arg?: unknown): Promise<Conversation | undefined>;
  assignToMe(arg?: unknown): Promise<Conversation | undefined>;
  unassign(arg?: unknown): Promise<Conversation | undefined>;
  openInBrowser(arg?: unknown): Promise<string | undefined>;
}

export function isConversationTarget(arg: unknown): arg is ConversationTarget {
  const t = arg as Partial<ConversationTarget> | undefined;
  return typeof t?.accountId === 'number' && typeof t.conversation?.id === 'number';
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Validates the non-interactive form; returns the choice or a message saying what is wrong. */
export function parseAssignArgs(arg: unknown): { args: AssignArgs; choice: AssigneeChoice } | { error: string } | undefined {
  if (typeof arg !== 'object' || arg === null || !('conversationId' in arg)) return undefined;
  const a = arg as Partial<AssignArgs>;
  const usage = 'expected { accountId, conversationId } and exactly one of assigneeId, teamId, unassign: true, removeTeam: true';
  if (!isPositiveInt(a.accountId) || !isPositiveInt(a.conversationId)) return { error: `Assign Conversation: ${usage}` };
  const given = [a.assigneeId !== undefined, a.teamId !== undefined, a.unassign === true, a.removeTeam === true].filter(Boolean).length;
  if (given !== 1) return { error: `Assign Conversation: ${usage}` };
  const args = a as AssignArgs;
  if (a.assigneeId !== undefined) {
    if (!isPositiveInt(a.assigneeId)) return { error: 'Assign Conversation: assigneeId must be a positive integer' };
    return { args, choice: { kind: 'agent', agentId: a.assigneeId, name: `agent ${a.assigneeId}` } };
  }
  if (a.teamId !== undefined) {
    if (!isPositiveInt(a.teamId)) return { error: 'Assign Conversation: teamId must be a positive integer' };
    return { args, choice: { kind: 'team', teamId: a.teamId, name: `team ${a.teamId}` } };
  }
  return { args, choice: { kind: a.unassign ? 'unassign' : 'remove-team' } };
}

export function createAssignHandlers(deps: Deps): AssignHandlers {
  const assignConversation = async (arg?: unknown): Promise<Conversation | undefined> => {
    const parsed = parseAssignArgs(arg);
    if (parsed && 'error' in parsed) {
      void vscode.window.showErrorMessage(parsed.error);
      return undefined;
    }
    if (parsed) return assignWithoutPrompts(deps, parsed.args, parsed.choice);
    const start = isConversationTarget(arg) ? { accountId: arg.accountId, conversation: arg.conversation } : undefined;
    const result = await runFlow(deps, { title: 'Assign Conversation', needAssignee: true, start });
    if (!result?.choice) return undefined;
    return performAssignment(deps, result.accountId, result.conversation.id, result.choice, result.conversation);
  };

  /** Assign to Me / Unassign: a tree item acts at once; from the palette, pick the conversation. */
  const quick = (title: string, choose: (me: { id: number; name: string }) => AssigneeChoice) => async (arg?: unknown) => {
    const start = isConversationTarget(arg) ? arg : undefined;
    if (!deps.connection.client()) {
      promptSignIn(title.toLowerCase());
      return undefined;
    }
    try {
      const picked = start ? { ...start, profile: await deps.connection.profile() } : await runFlow(deps, { title, needAssignee: false });
      if (!picked) return undefined;
      const me = { id: picked.profile.id, name: profileName(picked.profile) };
      return await performAssignment(deps, picked.accountId, picked.conversation.id, choose(me), picked.conversation);
    } catch (e) {
      showError(title, e, deps.log);
      return undefined;
    }
  };

  const openInBrowser = async (arg?: unknown) => {
    if (!deps.connection.client()) {
      promptSignIn('open conversations');
      return undefined;
    }
    const picked = isConversationTarget(arg) ? arg : await runFlow(deps, { title: 'Open in Chatwoot', needAssignee: false });
    if (!picked) return undefined;
    const url = deps.connection.webUrl(picked.accountId, picked.conversation.id);
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  };

  return {
    assignConversation,
    assignToMe: quick('Assign to Me', (me) => ({ kind: 'agent', agentId: me.id, name: me.name, isMe: true })),
    unassign: quick('Unassign', () => ({ kind: 'unassign' })),
    openInBrowser,
  };
}

async function assignWithoutPrompts(deps: Deps, args: AssignArgs, choice: AssigneeChoice): Promise<Conversation | undefined> {
  const client = deps.connection.client();
  if (!client) {
    promptSignIn('assign conversations');
    return undefined;
  }
  // Read first so the report can say what changed (auto-picked or cleared assignee).
  const before = await client.getConversation(args.accountId, args.conversationId).catch((e: unknown) => {
    deps.log.warn(`Could not read #${args.conversationId} before assigning: ${(e as Error).message}`);
    return undefined;
  });
  return performAssignment(deps, args.accountId, args.conversationId, choice, before);
}
