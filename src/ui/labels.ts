/**
 * Button and action labels the user sees in more than one place (notifications, tree items, the
 * command table, the conversation panel). One spelling each: a choice returned by
 * `showErrorMessage(…, LABEL)` is compared with the same constant. vscode-free.
 */
export const SET_TOKEN = 'Set API Token';
export const SIGN_OUT = 'Sign Out';
export const SHOW_LOG = 'Show Log';
export const OPEN_SETTINGS = 'Open Settings';
export const OPEN_IN_CHATWOOT = 'Open in Chatwoot';
export const RETRY = 'Retry';
export const REFRESH = 'Refresh';
