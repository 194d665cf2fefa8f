/**
 * The messages between the extension and the conversation webview, both directions, as
 * discriminated unions on `type`. Shared by the extension side (which posts `ExtensionToWebview`
 * and must validate what it receives with `parseWebviewMessage`: the webview shows untrusted
 * content, so its messages are treated as input) and by the page script (render/script.ts), whose
 * string constants come from here.
 *
 * HTML travels only from the extension to the webview, and only as fragments made by the renderer
 * (render/), which escapes every value; the script inserts them without re-rendering the page.
 */

/** The page's buttons. */
export const WEBVIEW_ACTIONS = ['assign', 'assignToMe', 'unassign', 'addNote', 'openInChatwoot', 'loadOlder'] as const;
export type WebviewAction = (typeof WEBVIEW_ACTIONS)[number];

/** Webview → extension. */
export type WebviewToExtension =
  /** The script is listening (send queued updates now). */
  | { type: 'ready' }
  /** A button was pressed. */
  | { type: 'action'; action: WebviewAction }
  /** A link was activated; the extension re-checks it (`isAllowedLink`) and opens it through VS Code. */
  | { type: 'openLink'; href: string };

/** One message rendered by `renderMessage`; `id` is the message's database id (duplicates are skipped). */
export interface RenderedMessage {
  id: number;
  html: string;
}

export type OlderState = 'idle' | 'loading' | 'none' | 'failed';

/** Extension → webview. */
export type ExtensionToWebview =
  /** New messages at the bottom (`newer`) or a window of older ones at the top (`older`), each in order oldest first. */
  | { type: 'appendMessages'; position: 'newer' | 'older'; messages: RenderedMessage[]; announce?: string }
  /** A message changed (edited, deleted): replaced in place if shown. */
  | { type: 'replaceMessage'; message: RenderedMessage }
  /** The header (contact, inbox, status, assignee, team, labels, buttons) after a live update. */
  | { type: 'updateHeader'; html: string; title: string; announce?: string }
  /** The "Load older" control: idle (more may exist), loading, none (start reached), failed. */
  | { type: 'olderState'; state: OlderState; text?: string }
  /** An action is running: buttons disabled (and re-enabled with `busy: false`). */
  | { type: 'busy'; busy: boolean }
  /** A line in the page's status area (an error is announced assertively). */
  | { type: 'notice'; kind: 'info' | 'error'; text: string };

export const WEBVIEW_MESSAGE_TYPES = ['ready', 'action', 'openLink'] as const;

/** Validates a message from the webview; anything malformed is undefined (and ignored). */
export function parseWebviewMessage(value: unknown): WebviewToExtension | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'action':
      return typeof v.action === 'string' && (WEBVIEW_ACTIONS as readonly string[]).includes(v.action) ? { type: 'action', action: v.action as WebviewAction } : undefined;
    case 'openLink':
      return typeof v.href === 'string' && v.href.length <= 8192 ? { type: 'openLink', href: v.href } : undefined;
    default:
      return undefined;
  }
}
