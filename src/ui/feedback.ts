/**
 * What the user sees when something goes wrong: one short, actionable sentence in a notification
 * (never awaited, so a command never hangs on a toast), the details in the log.
 */
import * as vscode from 'vscode';
import type { ChatwootError } from '../api';
import { Commands } from '../commands/ids';
import { isChatwootError } from '../lazyApi';
import type { Logger } from '../util/log';

export const SET_TOKEN = 'Set API Token';
const SHOW_LOG = 'Show Log';

/** Shown by every command used while signed out; sends no request. */
export function promptSignIn(what = 'use Chatwoot'): void {
  void vscode.window
    .showWarningMessage(`You are not signed in to Chatwoot. Set your API token to ${what}.`, SET_TOKEN)
    .then((choice) => (choice === SET_TOKEN ? vscode.commands.executeCommand(Commands.signIn) : undefined));
}

/** The sentence for an error, and the actions that can fix it. */
export function describeError(e: unknown): { message: string; actions: string[] } {
  if (!isChatwootError(e)) return { message: e instanceof Error ? e.message : String(e), actions: [SHOW_LOG] };
  const err: ChatwootError = e;
  switch (err.kind) {
    case 'invalid-token':
      return { message: `${err.message} Set a new token to continue.`, actions: [SET_TOKEN] };
    case 'not-signed-in':
      return {
        message: `${err.message} nginx drops headers with underscores by default; this extension sends "Api-Access-Token", so check that your proxy forwards it.`,
        actions: [SET_TOKEN, SHOW_LOG],
      };
    case 'bot-token':
      return { message: err.message, actions: [SET_TOKEN] };
    case 'cancelled':
      return { message: err.message, actions: [] };
    default:
      return { message: err.message, actions: [SHOW_LOG] };
  }
}

/** Logs the error and shows "<context>: <what went wrong>" with its actions. Never throws. */
export function showError(context: string, e: unknown, log: Logger): void {
  log.error(context, e);
  const { message, actions } = describeError(e);
  void vscode.window.showErrorMessage(`${context}: ${message}`, ...actions).then((choice) => {
    if (choice === SET_TOKEN) return vscode.commands.executeCommand(Commands.signIn);
    if (choice === SHOW_LOG) log.show();
    return undefined;
  });
}

export function isCancellation(e: unknown): boolean {
  return (isChatwootError(e) && e.kind === 'cancelled') || (e instanceof Error && e.name === 'AbortError');
}
