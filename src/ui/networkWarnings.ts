/** Settings the connection could not use (an unreadable CA file, a bad proxy URL), shown once per distinct set. */
import * as vscode from 'vscode';
import type { Logger } from '../util/log';
import { OPEN_SETTINGS, SHOW_LOG } from './labels';

export function showNetworkWarnings(warnings: readonly string[], log: Logger): void {
  const message =
    warnings.length > 1
      ? vscode.l10n.t('Chatwoot: {warning} (and {count} more; see the log)', { warning: warnings[0], count: warnings.length - 1 })
      : vscode.l10n.t('Chatwoot: {warning}', { warning: warnings[0] });
  void vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_LOG).then((choice) => {
    if (choice === OPEN_SETTINGS) return vscode.commands.executeCommand('workbench.action.openSettings', settingFor(warnings[0]));
    if (choice === SHOW_LOG) log.show();
    return undefined;
  });
}

function settingFor(warning: string): string {
  return warning.startsWith('chatwoot.caCertificates') ? 'chatwoot.caCertificates' : 'http.proxy';
}
