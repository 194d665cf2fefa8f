/**
 * The `chatwoot` authentication provider: puts the signed-in Chatwoot user in VS Code's Accounts
 * menu ("Alice Admin (support.example.com)") and lets other extensions ask for the session with
 * `vscode.authentication.getSession('chatwoot', [])` (VS Code asks the user's consent first).
 *
 * It is a view of the existing token store, not a second one: `createSession` runs Set API Token,
 * `removeSession` runs Sign Out (the same command handlers), and the sessions follow the connection,
 * which follows SecretStorage in every window. The session's `accessToken` is the API token of the
 * configured server; it stays filed under that server's origin.
 *
 * Activation stays network-free: the user's name comes from the profile the store already holds;
 * only when VS Code asks for the sessions (getSessions) and the profile is not known is it read, once.
 */
import * as vscode from 'vscode';
import type { Profile } from '../api';
import { Commands } from '../commands/ids';
import type { StoreChange } from '../store/store';
import type { Logger } from '../util/log';

export const AUTH_PROVIDER_ID = 'chatwoot';
export const AUTH_PROVIDER_LABEL = 'Chatwoot';

/** The token in use and where it is filed (Connection.credentials). */
export interface SessionCredentials {
  origin: string;
  host: string;
  token: string;
}

type SessionsChange = vscode.AuthenticationProviderAuthenticationSessionsChangeEvent;

/** Stable per server origin and user; without the user (profile not readable) per origin only. */
export function sessionId(origin: string, userId: number | undefined): string {
  return userId === undefined ? origin.toLowerCase() : `${origin.toLowerCase()}#${userId}`;
}

/** What the Accounts menu shows: "Alice Admin (support.example.com)", or the host alone. */
export function accountLabel(host: string, name: string | undefined): string {
  const trimmed = name?.trim();
  return trimmed ? `${trimmed} (${host})` : host;
}

/** Chatwoot tokens have no scopes: the session is the whole token, whatever scopes were asked for. */
export function toSession(c: SessionCredentials, profile: Pick<Profile, 'id' | 'name'> | undefined): vscode.AuthenticationSession {
  const id = sessionId(c.origin, profile?.id);
  return { id, accessToken: c.token, account: { id, label: accountLabel(c.host, profile?.name) }, scopes: [] };
}

/** The change event from the session last reported to the current one (undefined: none changed). */
export function sessionsChange(before: vscode.AuthenticationSession | undefined, after: vscode.AuthenticationSession | undefined): SessionsChange | undefined {
  if (before?.id !== after?.id) return { added: after ? [after] : [], removed: before ? [before] : [], changed: [] };
  if (after && (before?.account.label !== after.account.label || before.accessToken !== after.accessToken)) return { added: [], removed: [], changed: [after] };
  return undefined;
}

/** What the provider needs of the connection (Connection) and the store (ChatwootStore). */
export interface AuthSources {
  connection: { readonly credentials: SessionCredentials | undefined; readonly onDidChange: vscode.Event<void> };
  store: {
    readonly knownProfile: Profile | undefined;
    profile(): Promise<Profile>;
    readonly onDidChange: (listener: (change: StoreChange) => unknown) => { dispose(): void };
  };
  log: Pick<Logger, 'warn'>;
}

export class ChatwootAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionsChange>();
  readonly onDidChangeSessions = this.changed.event;
  private readonly disposables: Array<{ dispose(): void }> = [];
  /** The session VS Code was last told about. */
  private reported: vscode.AuthenticationSession | undefined;
  /** Bumped by every connection change; a profile read that failed is not retried within one. */
  private epoch = 0;
  private failedEpoch = -1;
  /** Set once VS Code asked for the sessions: from then on an unknown profile may be read. */
  private asked = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly sources: AuthSources) {
    this.disposables.push(
      sources.connection.onDidChange(() => {
        this.epoch++;
        this.schedule();
      }),
      sources.store.onDidChange((c) => {
        if (c.profile) this.schedule();
      }),
    );
  }

  async getSessions(_scopes: readonly string[] | undefined, _options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession[]> {
    this.asked = true;
    const session = await this.current(true);
    this.report(session);
    return session ? [session] : [];
  }

  /** Runs Set API Token (its prompt, its checks); rejects when the user gives up. */
  async createSession(_scopes: readonly string[], _options?: vscode.AuthenticationProviderSessionOptions): Promise<vscode.AuthenticationSession> {
    const result = await vscode.commands.executeCommand<{ name: string } | undefined>(Commands.signIn);
    const session = result ? await this.current(true) : undefined;
    if (!session) throw new Error('Cancelled');
    this.report(session);
    return session;
  }

  /** Sign Out from the Accounts menu (or an extension): exactly Chatwoot: Sign Out. */
  async removeSession(id: string): Promise<void> {
    const session = this.reported ?? (await this.current(false));
    if (session?.id === id) await vscode.commands.executeCommand(Commands.signOut);
  }

  /** Resolves when the changes seen so far have been reported (for tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  /**
   * Reports after the current task: a sign-in changes the connection, then sets the profile, and
   * VS Code should hear of the session once, with the name.
   */
  private schedule(): void {
    this.queue = this.queue.then(() => new Promise((r) => setTimeout(r, 0))).then(async () => this.report(await this.current(this.asked)));
  }

  private async current(read: boolean): Promise<vscode.AuthenticationSession | undefined> {
    const c = this.sources.connection.credentials;
    if (!c) return undefined;
    const epoch = this.epoch;
    // Set API Token stores the token, then hands the store the profile it checked: give it that moment.
    if (read && !this.sources.store.knownProfile) await new Promise((r) => setTimeout(r, 0));
    if (this.epoch !== epoch) return this.current(read);
    let profile = this.sources.store.knownProfile;
    if (!profile && read && this.failedEpoch !== epoch) {
      try {
        profile = await this.sources.store.profile();
      } catch (e) {
        this.failedEpoch = epoch;
        this.sources.log.warn(`Accounts menu: could not read the profile (${String(e)})`);
      }
      // Signed out or switched meanwhile: describe what holds now.
      if (this.epoch !== epoch) return this.current(false);
    }
    return toSession(c, profile);
  }

  private report(session: vscode.AuthenticationSession | undefined): void {
    const change = sessionsChange(this.reported, session);
    this.reported = session;
    if (change) this.changed.fire(change);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
