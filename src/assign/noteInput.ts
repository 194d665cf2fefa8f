/**
 * The InputBox of a private note: "Note for Caz" when handing a conversation off, "Private note on
 * #21" for Add Private Note. Escape cancels the whole action (nothing is assigned or posted).
 * Chatwoot refuses more than MAX_MESSAGE_LENGTH characters; an empty note is refused here.
 */
import * as vscode from 'vscode';
import type { AssigneeChoice } from './choice';
import { formatCount } from '../util/present';
import { FlowCancelled } from './flowCancelled';

/** Chatwoot's limit (`message.rb:79`), repeated here so the activation bundle does not load the API. */
const MAX_NOTE_LENGTH = 150_000;

/** "Note for Caz", "Note for team sales". */
export function noteTitle(choice: AssigneeChoice): string {
  switch (choice.kind) {
    case 'agent':
      return choice.isMe ? vscode.l10n.t('Note for yourself') : vscode.l10n.t('Note for {0}', choice.name);
    case 'team':
      return vscode.l10n.t('Note for team {0}', choice.name);
    default:
      return vscode.l10n.t('Note for whoever picks it up');
  }
}

export function validateNote(value: string): string | undefined {
  if (value.trim() === '') return vscode.l10n.t('Type the note (or press Escape to cancel).');
  if (value.length > MAX_NOTE_LENGTH) {
    const max = formatCount(MAX_NOTE_LENGTH, vscode.env.language);
    return vscode.l10n.t('Chatwoot accepts at most {0} characters (this note has {1}).', max, formatCount(value.length, vscode.env.language));
  }
  return undefined;
}

/** Asks for the note; rejects with FlowCancelled on Escape. */
export async function askNote(title: string, prompt: string): Promise<string> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: vscode.l10n.t('A private note: agents see it, the contact never does'),
    ignoreFocusOut: true,
    validateInput: validateNote,
  });
  if (value === undefined) throw new FlowCancelled();
  return value;
}
