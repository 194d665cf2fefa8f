/** The extension's context keys (all prefixed `chatwoot.`), used by `when` clauses in package.json. */
import * as vscode from 'vscode';

export const ContextKeys = {
  /** Set once activation has decided the sign-in state, so welcome views do not flash. */
  loaded: 'chatwoot.loaded',
  signedIn: 'chatwoot.signedIn',
  /** The server could not be reached on the last attempt. */
  offline: 'chatwoot.offline',
} as const;

export function setContext(key: (typeof ContextKeys)[keyof typeof ContextKeys], value: boolean): void {
  void vscode.commands.executeCommand('setContext', key, value);
}
