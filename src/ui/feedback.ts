/**
 * What the user sees when something goes wrong: one short, actionable sentence in a notification
 * (never awaited, so a command never hangs on a toast), the details in the log. The words live in
 * errorText.ts (vscode-free, tested in plain Node); this module shows them.
 */
import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import { isChatwootError } from '../lazyApi';
import type { Logger } from '../util/log';
import { describeError } from './errorText';
import { OPEN_SETTINGS, SET_TOKEN, SHOW_LOG } from './labels';

export { describeError };
export type { ErrorDescription } from './errorText';

/**
 * Shown by every command used while signed out; sends no request. `message`: the command's own
 * translated sentence (its `needsSignIn` in the command table), else a general one.
 */
export function promptSignIn(message = vscode.l10n.t('You are not signed in to Chatwoot. Set your API token to use Chatwoot.')): void {
  void vscode.window.showWarningMessage(message, SET_TOKEN).then((choice) => (choice === SET_TOKEN ? vscode.commands.executeCommand(Commands.signIn) : undefined));
}

/** Logs the error and shows "<context>: <what went wrong>" with its actions. Never throws. */
export function showError(context: string, e: unknown, log: Logger): void {
  log.error(context, e);
  const { message, actions, setting } = describeError(e);
  void vscode.window.showErrorMessage(vscode.l10n.t('{context}: {message}', { context, message }), ...actions).then((choice) => {
    if (choice === SET_TOKEN) return vscode.commands.executeCommand(Commands.signIn);
    if (choice === OPEN_SETTINGS) return vscode.commands.executeCommand('workbench.action.openSettings', setting ?? 'chatwoot');
    if (choice === SHOW_LOG) log.show();
    return undefined;
  });
}

export function isCancellation(e: unknown): boolean {
  return (isChatwootError(e) && e.kind === 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}
