/**
 * API tokens in VS Code's SecretStorage (the OS keychain), one per server origin, stored together
 * with the URL they were given for. A token is only ever handed out for the origin it was stored
 * under, so pointing `chatwoot.serverUrl` elsewhere can never send it to another host.
 */
import * as vscode from 'vscode';

const PREFIX = 'chatwoot.token:';

export interface StoredToken {
  /** Normalized server URL the token was entered for. */
  url: string;
  token: string;
}

export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose token changed, in this window or another one. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire(e.key.slice(PREFIX.length));
    });
  }

  static keyFor(origin: string): string {
    return PREFIX + origin.toLowerCase();
  }

  async get(origin: string): Promise<StoredToken | undefined> {
    const raw = await this.secrets.get(TokenStore.keyFor(origin));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredToken>;
      if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string' || parsed.token === '') return undefined;
      // Defence in depth: the record must belong to the origin it is filed under.
      if (new URL(parsed.url).origin.toLowerCase() !== origin.toLowerCase()) return undefined;
      return { url: parsed.url, token: parsed.token };
    } catch {
      return undefined;
    }
  }

  async store(origin: string, value: StoredToken): Promise<void> {
    await this.secrets.store(TokenStore.keyFor(origin), JSON.stringify(value));
  }

  async delete(origin: string): Promise<void> {
    await this.secrets.delete(TokenStore.keyFor(origin));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
