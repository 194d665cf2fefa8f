// §3 step 2: token authentication. The header name is case-insensitive and underscore
// and hyphen spellings are equivalent; when both arrive the hyphenated one wins (Puma).
// A query-string token is never read.

import type { Caller } from '../model/types';
import { Errors } from '../reply';
import type { Store } from '../store';

export interface AuthHeader {
  header: 'Api-Access-Token' | 'api_access_token';
  token: string;
}

export function readAuthHeader(rawHeaders: readonly string[]): AuthHeader | null {
  let hyphen: string | null = null;
  let underscore: string | null = null;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name === 'api-access-token') hyphen ??= rawHeaders[i + 1];
    else if (name.includes('_') && name.replace(/-/g, '_') === 'api_access_token') underscore ??= rawHeaders[i + 1];
  }
  if (hyphen !== null) return { header: 'Api-Access-Token', token: hyphen };
  if (underscore !== null) return { header: 'api_access_token', token: underscore };
  return null;
}

/**
 * Resolves the caller. Non-user tokens may only reach the bot allow-list
 * (`botAllowed` routes); this check runs before the account check.
 */
export function authenticate(store: Store, auth: AuthHeader | null, botAllowed: boolean): Caller {
  const token = auth ? auth.token.trim() : '';
  // A blank header is "not present": devise's sign-in error, array form.
  if (token === '') throw Errors.signIn();
  const owner = store.tokens.get(token);
  if (!owner) throw Errors.invalidToken();
  if (owner.kind === 'user') {
    const user = store.users.get(owner.id);
    if (!user) throw Errors.invalidToken();
    return { kind: 'user', user };
  }
  if (!botAllowed) throw Errors.botsNotAllowed();
  if (owner.kind === 'bot') {
    const bot = store.bots.get(owner.id);
    if (!bot) throw Errors.invalidToken();
    return { kind: 'bot', bot };
  }
  return { kind: 'platform' };
}
