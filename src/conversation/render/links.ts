/**
 * Which links the conversation tab may offer, in one place for the renderer (what becomes a link)
 * and for the extension (what it agrees to open when the webview asks). Only `http:`, `https:` and
 * `mailto:`: never `javascript:`, `data:`, `file:`, `vscode:` or `command:` (VS Code would run a
 * command URI), and nothing relative (a webview has no meaningful base).
 */

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The normalized URL when the link may be offered, otherwise undefined. */
export function safeLink(href: string | null | undefined): string | undefined {
  if (typeof href !== 'string' || href.length > 8192) return undefined;
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return ALLOWED.has(url.protocol) ? url.href : undefined;
}

export function isAllowedLink(href: string | null | undefined): boolean {
  return safeLink(href) !== undefined;
}

/** Chatwoot's mention links in private notes: `mention://user/<id>/<name>` or `mention://team/…`. */
export function isMentionLink(href: string): boolean {
  return /^mention:\/\/(user|team)\/\d+\//i.test(href);
}
