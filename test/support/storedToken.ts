/**
 * What SecretStorage holds for the configured server, read through the extension's own token
 * store (an extension's secrets are its own: a test cannot read them any other way). The shipped
 * code has no test hook for this.
 */
import type { StoredToken, TokenStore } from '../../src/auth/tokenStore';
import type { ChatwootAssignApi } from '../../src/extension';

export async function storedRecord(api: ChatwootAssignApi): Promise<StoredToken | undefined> {
  const server = api.connection.server;
  const tokens = (api.connection as unknown as { tokens: TokenStore }).tokens;
  return 'origin' in server ? tokens.get(server.origin) : undefined;
}
