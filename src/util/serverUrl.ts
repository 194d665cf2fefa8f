/**
 * Server URL policy, shared by the API layer and the extension (no vscode; only the `t` helper).
 * The token goes only to the origin it was stored for, so the origin is the identity of a server.
 */
import * as l10n from './l10n';

/** Parses a server URL: http(s) only, no credentials, no query or fragment. Throws TypeError. */
export function parseServerUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TypeError(l10n.t('"{0}" is not a valid URL.', raw));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(l10n.t('Only https:// URLs are supported, not "{0}".', url.protocol));
  if (url.username || url.password) throw new TypeError(l10n.t('The server URL must not contain a user name or password.'));
  if (url.search || url.hash) throw new TypeError(l10n.t('The server URL must not contain a query (?…) or fragment (#…).'));
  return url;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The extension's policy on top of parsing: plain http is accepted only for loopback hosts,
 * because the token would otherwise cross the network in clear text.
 * Returns the normalized URL (origin + path without trailing slash), or an error message.
 */
export function checkServerUrl(raw: string): { url: string; origin: string } | { error: string } {
  let url: URL;
  try {
    url = parseServerUrl(raw);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      error: l10n.t('Refusing plain http:// for {0}: the API token would travel unencrypted. Use https:// (http:// is allowed only for localhost).', url.hostname),
    };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { url: url.origin + path, origin: url.origin };
}
