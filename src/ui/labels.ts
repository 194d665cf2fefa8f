/**
 * Button and action labels the user sees in more than one place (notifications, tree items, the
 * command table, the conversation panel). One spelling each: a choice returned by
 * `showErrorMessage(…, LABEL)` is compared with the same constant. vscode-free; translated when the
 * module loads (VS Code reads the extension's l10n bundle before it loads the extension's code).
 */
import * as l10n from '../util/l10n';

export const SET_TOKEN = l10n.t('Set API Token');
export const SIGN_OUT = l10n.t('Sign Out');
export const SHOW_LOG = l10n.t('Show Log');
export const OPEN_SETTINGS = l10n.t('Open Settings');
export const OPEN_IN_CHATWOOT = l10n.t('Open in Chatwoot');
export const RETRY = l10n.t('Retry');
export const REFRESH = l10n.t('Refresh');
