/**
 * The conversation commands: Assign Conversation (wizard, tree item, or non-interactive), Hand Off
 * Conversation (assignment + private note), Add Private Note, Assign to Me, Unassign, Open in
 * Chatwoot. Each accepts a tree item or a conversation tab's target (`accountId` and
 * `conversation`), and from the Command Palette asks for the conversation. The command table's wrapper has checked
 * the sign-in and reports what a handler throws; the assignment itself never throws.
 */
import * as vscode from 'vscode';
import type { Conversation } from '../api';
import { parseAssignmentArgs } from '../commands/args';
import type { Services } from '../commands/services';
import { profileName } from '../util/present';
import type { AssigneeChoice } from './choice';
import { runFlow } from './flow';
import { askNote, noteTitle } from './noteInput';
import { performAssignment } from './perform';

/** What tree items carry (see views/): enough to act without asking. */
export interface ConversationTarget {
  accountId: number;
  conversation: Conversation;
}

export function isConversationTarget(arg: unknown): arg is ConversationTarget {
  const t = arg as Partial<ConversationTarget> | undefined;
  return typeof t?.accountId === 'number' && typeof t.conversation?.id === 'number';
}

export async function assignConversation(s: Services, arg?: unknown): Promise<Conversation | undefined> {
  const parsed = parseAssignmentArgs(arg, 'single');
  if (parsed && 'error' in parsed) {
    void vscode.window.showErrorMessage(parsed.error);
    return undefined;
  }
  if (parsed) return assignWithoutPrompts(s, parsed.args.accountId, parsed.args.conversationIds[0], parsed.args.choice, parsed.args.note);
  return assignInteractively(s, vscode.l10n.t('Assign Conversation'), arg, false);
}

/** Hand Off Conversation…: account → conversation → assignee → "Note for <assignee>" → assignment + note. */
export function handOff(s: Services, arg?: unknown): Promise<Conversation | undefined> {
  return assignInteractively(s, vscode.l10n.t('Hand Off Conversation'), arg, true);
}

async function assignInteractively(s: Services, title: string, arg: unknown, alwaysNote: boolean): Promise<Conversation | undefined> {
  const start = isConversationTarget(arg) ? { accountId: arg.accountId, conversation: current(s, arg) } : undefined;
  const result = await runFlow(s, { title, needAssignee: true, start, noteButton: true });
  if (!result?.choice) return undefined;
  const { accountId, conversation, choice } = result;
  // Escape here cancels the whole hand-off: nothing has been sent yet.
  const note =
    alwaysNote || result.withNote ? await askNote(noteTitle(choice), vscode.l10n.t('A private note on {0}, posted right after the assignment', `#${conversation.id}`)) : undefined;
  return performAssignment(s, accountId, conversation.id, choice, current(s, { accountId, conversation }), { note });
}

/** The conversation as the store holds it now (a row or tab may be older: a live event, another window's assignment). */
function current(s: Services, t: ConversationTarget): Conversation {
  return s.store.conversation(t.accountId, t.conversation.id) ?? t.conversation;
}

/** Assign to Me / Unassign: a tree item acts at once; from the palette, pick the conversation. */
const quick = (title: string, choose: (me: { id: number; name: string }) => AssigneeChoice) => async (s: Services, arg?: unknown) => {
  const start = isConversationTarget(arg) ? arg : undefined;
  const picked = start ? { ...start, profile: await s.store.profile() } : await runFlow(s, { title, needAssignee: false });
  if (!picked) return undefined;
  const me = { id: picked.profile.id, name: profileName(picked.profile) };
  const now = current(s, picked);
  return performAssignment(s, picked.accountId, now.id, choose(me), now);
};

export const assignToMe = quick(vscode.l10n.t('Assign to Me'), (me) => ({ kind: 'agent', agentId: me.id, name: me.name, isMe: true }));
export const unassign = quick(vscode.l10n.t('Unassign'), () => ({ kind: 'unassign' }));

export async function openInBrowser(s: Services, arg?: unknown): Promise<string | undefined> {
  const picked = isConversationTarget(arg) ? arg : await runFlow(s, { title: vscode.l10n.t('Open in Chatwoot'), needAssignee: false });
  if (!picked) return undefined;
  const url = s.connection.webUrl(picked.accountId, picked.conversation.id);
  if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}

async function assignWithoutPrompts(s: Services, accountId: number, displayId: number, choice: AssigneeChoice, note?: string): Promise<Conversation | undefined> {
  const client = s.connection.client();
  if (!client) return undefined;
  // Read first so the report can say what changed (auto-picked or cleared assignee).
  const before = await client.getConversation(accountId, displayId).catch((e: unknown) => {
    s.log.warn(`Could not read #${displayId} before assigning: ${(e as Error).message}`);
    return undefined;
  });
  if (before) s.store.applyConversations(accountId, [before], { read: true });
  return performAssignment(s, accountId, displayId, choice, before, { note });
}
