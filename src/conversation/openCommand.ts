/**
 * "Open Conversation": from a tree row (click or Enter, as `workbench.list.openMode` says; focus
 * stays in the tree), its context menu or inline icon, the Command Palette (account → conversation),
 * or non-interactively with `{ accountId, conversationId }`. Opens the conversation's tab, or
 * focuses the one already open, and resolves once its first messages are shown.
 */
import * as vscode from 'vscode';
import type { Conversation } from '../api';
import { loadAssignFeature } from '../assign/lazy';
import type { Services } from '../commands/services';
import { conversationPanels } from './panelManager';
import type { PanelSnapshot } from './panel';

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A tree node or a tab's target (assign/commands.ts has the same check; not imported: another bundle). */
function isConversationTarget(arg: unknown): arg is { accountId: number; conversation: Conversation } {
  const t = arg as { accountId?: unknown; conversation?: { id?: unknown } } | undefined;
  return typeof t?.accountId === 'number' && typeof t.conversation?.id === 'number';
}

export async function openConversation(s: Services, arg?: unknown, options?: unknown): Promise<PanelSnapshot | undefined> {
  const preserveFocus = typeof options === 'object' && options !== null && (options as { preserveFocus?: unknown }).preserveFocus === true;
  let target: { accountId: number; conversation: Conversation } | undefined;
  if (isConversationTarget(arg)) {
    target = { accountId: arg.accountId, conversation: s.store.conversation(arg.accountId, arg.conversation.id) ?? arg.conversation };
  } else if (typeof arg === 'object' && arg !== null && 'conversationId' in arg) {
    const { accountId, conversationId } = arg as { accountId?: unknown; conversationId?: unknown };
    if (!isPositiveInt(accountId) || !isPositiveInt(conversationId)) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{title}: expected {shape} (positive integers)', { title: vscode.l10n.t('Open Conversation'), shape: '{ accountId, conversationId }' }),
      );
      return undefined;
    }
    target = { accountId, conversation: await read(s, accountId, conversationId) };
  } else {
    // The pickers live in the assign bundle: loaded (once) only for this form.
    const picked = await loadAssignFeature().pickConversation(s, vscode.l10n.t('Open Conversation'));
    if (!picked) return undefined;
    target = { accountId: picked.accountId, conversation: picked.conversation };
  }
  const panel = conversationPanels(s).open(target.accountId, target.conversation, { preserveFocus });
  await panel.loaded;
  return panel.snapshot();
}

/** The store's copy, else one read (which the store keeps). */
async function read(s: Services, accountId: number, displayId: number): Promise<Conversation> {
  const known = s.store.conversation(accountId, displayId);
  if (known) return known;
  const client = s.connection.client();
  if (!client) throw new Error(vscode.l10n.t('Not signed in to Chatwoot.'));
  const c = await client.getConversation(accountId, displayId);
  s.store.applyConversations(accountId, [c], { read: true });
  return c;
}
