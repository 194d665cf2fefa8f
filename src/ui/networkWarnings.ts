/** Settings the connection could not use (an unreadable CA file, a bad proxy URL), shown once per distinct set. */
import * as vscode from 'vscode';
import type { Logger } from '../util/log';
import { OPEN_SETTINGS, SHOW_LOG } from './labels';

export function showNetworkWarnings(warnings: readonly string[], log: Logger): void {
  const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more; see the log)` : '';
  void vscode.window.showErrorMessage(`Chatwoot: ${warnings[0]}${more}`, OPEN_SETTINGS, SHOW_LOG).then((choice) => {
    if (choice === OPEN_SETTINGS) return vscode.commands.executeCommand('workbench.action.openSettings', settingFor(warnings[0]));
    if (choice === SHOW_LOG) log.show();
    return undefined;
  });
}

function settingFor(warning: string): string {
  return warning.startsWith('chatwoot.caCertificates') ? 'chatwoot.caCertificates' : 'http.proxy';
}
