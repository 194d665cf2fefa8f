/**
 * The connection to the configured Chatwoot server: which server, whether we hold a token for it,
 * the API client (created on first use, which is when undici and zod are loaded), and the user's
 * profile. Everything that needs the network goes through here.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, DispatcherSettings, Profile } from '../api';
import type { Dispatcher } from 'undici';
import { affectsConnection, dispatcherSettings, requestTimeoutMs, serverSetting, type ServerSetting } from '../config';
import { ContextKeys, setContext } from '../contextKeys';
import { loadApi } from '../lazyApi';
import { raceAbort } from '../util/abort';
import type { Logger } from '../util/log';
import { TokenStore, type StoredToken } from './tokenStore';

export type Server = Extract<ServerSetting, { origin: string }>;

const OPEN_SETTINGS = 'Open Settings';
const SHOW_LOG = 'Show Log';

export class Connection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Sign-in state, server or connection settings changed: views should reload. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private setting: ServerSetting = serverSetting();
  private stored: StoredToken | undefined;
  private forgetSecret: (() => void) | undefined;
  private dispatcher: Dispatcher | undefined;
  private warnings: readonly string[] = [];
  private shownWarnings = '';
  private forgetNetworkSecrets: (() => void) | undefined;
  private apiClient: ChatwootClient | undefined;
  private cachedProfile: Promise<Profile> | undefined;
  /** The last profile read, available synchronously, and when it was read. */
  private profileValue: { profile: Profile; at: number } | undefined;
  private profileRefresh: Promise<void> | undefined;
  private generation = 0;
  private profileGeneration = 0;

  constructor(
    private readonly tokens: TokenStore,
    private readonly log: Logger,
  ) {
    this.disposables.push(
      tokens.onDidChange((origin) => {
        if ('origin' in this.setting && origin === this.setting.origin.toLowerCase()) void this.reload('token changed');
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsConnection(e)) void this.reload('settings changed');
      }),
    );
  }

  /** Reads the token for the configured server; call once at activation. */
  async initialize(): Promise<void> {
    await this.reload('activation');
    setContext(ContextKeys.loaded, true);
  }

  get server(): ServerSetting {
    return this.setting;
  }

  get signedIn(): boolean {
    return this.stored !== undefined;
  }

  /** The client for the configured server, or undefined when signed out. */
  client(): ChatwootClient | undefined {
    if (!this.stored || !('origin' in this.setting)) return undefined;
    if (!this.apiClient) {
      const api = loadApi();
      this.apiClient = new api.ChatwootClient({
        baseUrl: this.stored.url,
        token: this.stored.token,
        dispatcher: this.network(),
        timeoutMs: requestTimeoutMs(),
        userAgent: `chatwoot-assign-vscode/${vscode.version}`,
        onCall: (c) => this.log.debug(`${c.method} ${c.path} → ${c.status ?? c.error ?? '?'} in ${c.ms} ms`),
      });
      this.log.info(`Using Chatwoot at ${this.stored.url}`);
    }
    return this.apiClient;
  }

  /** The signed-in user's profile, fetched once per sign-in (accounts and roles). */
  profile(signal?: AbortSignal): Promise<Profile> {
    const client = this.client();
    if (!client) return Promise.reject(new Error('Not signed in to Chatwoot.'));
    if (!this.cachedProfile) {
      const generation = ++this.profileGeneration;
      this.cachedProfile = client.getProfile().then(
        (profile) => {
          if (generation === this.profileGeneration) this.profileValue = { profile, at: Date.now() };
          return profile;
        },
        (e: unknown) => {
          // A failed read is not cached, unless a newer one has replaced it meanwhile.
          if (generation === this.profileGeneration) this.cachedProfile = undefined;
          throw e;
        },
      );
    }
    return signal ? raceAbort(this.cachedProfile, signal) : this.cachedProfile;
  }

  /** The profile already read, at once (undefined before the first read completes). */
  get knownProfile(): Profile | undefined {
    return this.profileValue?.profile;
  }

  /**
   * Re-reads the profile in the background when the known one is older than `maxAgeMs`; the known
   * copy stays in use until the new one arrives, and then serves every caller (tree and pickers).
   */
  refreshProfileIfOlderThan(maxAgeMs: number): void {
    const client = this.client();
    if (!client || !this.profileValue || this.profileRefresh || Date.now() - this.profileValue.at <= maxAgeMs) return;
    const generation = this.profileGeneration;
    this.profileRefresh = client
      .getProfile()
      .then(
        (profile) => {
          if (generation !== this.profileGeneration) return;
          this.profileValue = { profile, at: Date.now() };
          this.cachedProfile = Promise.resolve(profile);
        },
        (e: unknown) => this.log.info(`Refreshing the profile in the background failed: ${(e as Error).message}`),
      )
      .finally(() => (this.profileRefresh = undefined));
  }

  /** Forgets the cached profile so the next `profile()` reads accounts and roles again. */
  invalidateProfile(): void {
    this.profileGeneration++;
    this.profileValue = undefined;
    this.cachedProfile = undefined;
  }

  /** Checks a token against `GET /api/v1/profile` without storing anything. */
  async verify(server: Server, token: string, signal?: AbortSignal): Promise<Profile> {
    const api = loadApi();
    const dispatcher = this.network();
    const forget = this.log.redact(token);
    try {
      const probe = new api.ChatwootClient({ baseUrl: server.url, token, dispatcher, timeoutMs: requestTimeoutMs() });
      return await probe.getProfile({ signal });
    } finally {
      forget();
    }
  }

  async signIn(server: Server, token: string, profile: Profile): Promise<void> {
    await this.tokens.store(server.origin, { url: server.url, token });
    await this.reload('signed in');
    this.cachedProfile = Promise.resolve(profile);
    this.profileValue = { profile, at: Date.now() };
  }

  async signOut(): Promise<void> {
    if ('origin' in this.setting) await this.tokens.delete(this.setting.origin);
    await this.reload('signed out');
  }

  /**
   * Settings of the current dispatcher that could not be used (an unreadable CA file, a bad proxy
   * URL), in words; empty when all is well. Cleared when settings change.
   */
  get networkWarnings(): readonly string[] {
    return this.warnings;
  }

  /**
   * The dispatcher for the current settings, built on first use after every reload (so a change of
   * `http.*` or `chatwoot.*` takes effect on the next request). Settings it could not use are
   * logged and shown once, at the moment of connecting, and never stop the extension.
   */
  private network(): Dispatcher {
    if (this.dispatcher) return this.dispatcher;
    const settings = dispatcherSettings();
    const warnings: string[] = [];
    // Proxy credentials must never reach the log either.
    const secrets = [settings.proxyAuthorization, ...proxyPassword(settings.proxy)].filter((s): s is string => !!s);
    const forget = secrets.map((s) => this.log.redact(s));
    this.forgetNetworkSecrets?.();
    this.forgetNetworkSecrets = () => forget.forEach((f) => f());
    this.dispatcher = loadApi().createDispatcher({ ...settings, onWarning: (m) => warnings.push(m) });
    this.warnings = warnings;
    this.log.info(`Network: ${describeNetwork(settings)}`);
    for (const w of warnings) this.log.warn(w);
    // Shown once per distinct set of problems (every reload rebuilds the dispatcher); logged every time.
    const problems = warnings.join('\n');
    if (problems !== this.shownWarnings) {
      this.shownWarnings = problems;
      if (warnings.length) this.showNetworkWarnings(warnings);
    }
    return this.dispatcher;
  }

  private showNetworkWarnings(warnings: readonly string[]): void {
    const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more; see the log)` : '';
    void vscode.window.showErrorMessage(`Chatwoot: ${warnings[0]}${more}`, OPEN_SETTINGS, SHOW_LOG).then((choice) => {
      if (choice === OPEN_SETTINGS) return vscode.commands.executeCommand('workbench.action.openSettings', settingFor(warnings[0]));
      if (choice === SHOW_LOG) this.log.show();
      return undefined;
    });
  }

  /** What SecretStorage holds for the configured server (for the extension-host tests). */
  async storedRecordForTests(): Promise<StoredToken | undefined> {
    return 'origin' in this.setting ? this.tokens.get(this.setting.origin) : undefined;
  }

  /** Records whether the last attempt to reach the server worked (drives the offline welcome view). */
  setOnline(online: boolean): void {
    setContext(ContextKeys.offline, !online);
  }

  /** The dashboard URL of a conversation, on the server the token belongs to. */
  webUrl(accountId: number, displayId?: number): string | undefined {
    if (!this.stored) return undefined;
    const base = `${this.stored.url}/app/accounts/${accountId}`;
    return displayId === undefined ? `${base}/dashboard` : `${base}/conversations/${displayId}`;
  }

  private async reload(reason: string): Promise<void> {
    const generation = ++this.generation;
    const setting = serverSetting();
    const stored = 'origin' in setting ? await this.tokens.get(setting.origin) : undefined;
    if (generation !== this.generation) return;
    if ('error' in setting) this.log.warn(`chatwoot.serverUrl "${setting.raw}" is not usable: ${setting.error}`);
    this.setting = setting;
    this.stored = stored;
    this.forgetSecret?.();
    this.forgetSecret = stored ? this.log.redact(stored.token) : undefined;
    this.apiClient = undefined;
    this.invalidateProfile();
    const old = this.dispatcher;
    this.dispatcher = undefined;
    this.warnings = [];
    if (old) void old.close().catch(() => undefined);
    setContext(ContextKeys.signedIn, stored !== undefined);
    setContext(ContextKeys.offline, false);
    this.log.info(`Connection reloaded (${reason}): ${stored ? `signed in to ${stored.url}` : 'signed out'}`);
    this.changed.fire();
  }

  dispose(): void {
    this.forgetSecret?.();
    this.forgetNetworkSecrets?.();
    void this.dispatcher?.close().catch(() => undefined);
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** The password of a proxy URL, as written and decoded (either form must stay out of the log). */
function proxyPassword(proxy: string | undefined): string[] {
  if (!proxy) return [];
  try {
    const u = new URL(proxy);
    return u.password ? [u.password, decodeURIComponent(u.password)] : [];
  } catch {
    return [];
  }
}

/** One log line about the network setup; never credentials. */
function describeNetwork(s: DispatcherSettings): string {
  const env = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].find((k) => process.env[k]?.trim());
  let proxy = env ? `no http.proxy setting, ${env} in the environment` : 'no proxy';
  if (s.proxy) {
    try {
      const u = new URL(s.proxy);
      proxy = `http.proxy ${u.protocol}//${u.host}${u.username ? ' (with credentials)' : ''}`;
    } catch {
      proxy = 'http.proxy (not a valid URL)';
    }
  }
  const parts = [
    proxy,
    s.noProxy?.length ? `http.noProxy ${s.noProxy.join(', ')}` : undefined,
    s.proxyAuthorization ? 'http.proxyAuthorization set' : undefined,
    s.proxyStrictSSL === false ? 'http.proxyStrictSSL off' : undefined,
    `${s.caFiles?.length ?? 0} file(s) in chatwoot.caCertificates`,
  ];
  return parts.filter(Boolean).join('; ');
}

function settingFor(warning: string): string {
  return warning.startsWith('chatwoot.caCertificates') ? 'chatwoot.caCertificates' : 'http.proxy';
}
