/**
 * The InputBox of a private note: "Note for Caz" when handing a conversation off, "Private note on
 * #21" for Add Private Note. Escape cancels the whole action (nothing is assigned or posted).
 * Chatwoot refuses more than MAX_MESSAGE_LENGTH characters; an empty note is refused here.
 */
import * as vscode from 'vscode';
import type { AssigneeChoice } from './choice';
import { FlowCancelled } from './flowCancelled';

/** Chatwoot's limit (`message.rb:79`), repeated here so the activation bundle does not load the API. */
const MAX_NOTE_LENGTH = 150_000;

/** "Note for Caz", "Note for team sales". */
export function noteTitle(choice: AssigneeChoice): string {
  switch (choice.kind) {
    case 'agent':
      return choice.isMe ? 'Note for yourself' : `Note for ${choice.name}`;
    case 'team':
      return `Note for team ${choice.name}`;
    default:
      return 'Note for whoever picks it up';
  }
}

export function validateNote(value: string): string | undefined {
  if (value.trim() === '') return 'Type the note (or press Escape to cancel).';
  if (value.length > MAX_NOTE_LENGTH) return `Chatwoot accepts at most ${MAX_NOTE_LENGTH.toLocaleString('en')} characters (this note has ${value.length.toLocaleString('en')}).`;
  return undefined;
}

/** Asks for the note; rejects with FlowCancelled on Escape. */
export async function askNote(title: string, prompt: string): Promise<string> {
  const value = await vscode.window.showInputBox({
    title,
    prompt,
    placeHolder: 'A private note: agents see it, the contact never does',
    ignoreFocusOut: true,
    validateInput: validateNote,
  });
  if (value === undefined) throw new FlowCancelled();
  return value;
}
