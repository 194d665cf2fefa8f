/**
 * "Add Private Note…": a note on a conversation without reassigning it (`POST …/messages` with
 * `private: true`). From a tree item or a conversation tab it asks for the note at once; from the
 * Command Palette it asks for the conversation first. An open tab of that conversation shows the
 * note as soon as Chatwoot has it.
 */
import * as vscode from 'vscode';
import type { ConversationMessage } from '../api';
import type { Services } from '../commands/services';
import { existingPanels } from '../conversation/registry';
import { showError } from '../ui/feedback';
import { isConversationTarget } from './commands';
import { runFlow } from './flow';
import { askNote } from './noteInput';

export async function addNote(s: Services, arg?: unknown): Promise<ConversationMessage | undefined> {
  const picked = isConversationTarget(arg) ? arg : await runFlow(s, { title: vscode.l10n.t('Add Private Note'), needAssignee: false });
  if (!picked) return undefined;
  const { accountId } = picked;
  const label = `#${picked.conversation.id}`;
  const note = await askNote(vscode.l10n.t('Private note on {0}', label), vscode.l10n.t('Agents see it; the contact never does. Enter posts it.'));
  const client = s.connection.client();
  if (!client) return undefined;
  try {
    const message = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Adding a note to conversation {0}…', label) }, () =>
      client.addPrivateNote(accountId, picked.conversation.id, note),
    );
    existingPanels(s)?.applyMessage(accountId, picked.conversation.id, message);
    s.log.info(`Private note added to conversation ${label}`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Private note added to conversation {0}', label));
    return message;
  } catch (e) {
    showError(vscode.l10n.t('The note for conversation {0} was not added', label), e, s.log);
    return undefined;
  }
}
