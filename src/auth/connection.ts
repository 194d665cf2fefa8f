/**
 * The connection to the configured Chatwoot server: which server, whether we hold a token for it,
 * and the API client (created on first use, which is when undici and zod are loaded). It keeps no
 * server data (that is the store's) and shows nothing: it announces sign-in changes and settings it
 * could not use, and extension.ts decides what the user sees.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, DispatcherSettings, LiveClient, LiveCredentials, Profile } from '../api';
import type { Dispatcher } from 'undici';
import { affectsConnection, dispatcherSettings, requestTimeoutMs, serverSetting, type ServerSetting } from '../config';
import { loadApi } from '../lazyApi';
import type { Logger } from '../util/log';
import { TokenStore, type StoredToken } from './tokenStore';

export type Server = Extract<ServerSetting, { origin: string }>;

export class Connection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Sign-in state, server or connection settings changed: views should reload. */
  readonly onDidChange = this.changed.event;
  private readonly warned = new vscode.EventEmitter<readonly string[]>();
  /** Settings the new dispatcher could not use (an unreadable CA file, a bad proxy URL), once per distinct set. */
  readonly onDidWarn = this.warned.event;
  private readonly disposables: vscode.Disposable[] = [];
  private setting: ServerSetting = serverSetting();
  private stored: StoredToken | undefined;
  private forgetSecret: (() => void) | undefined;
  private dispatcher: Dispatcher | undefined;
  private warnings: readonly string[] = [];
  private shownWarnings = '';
  private forgetNetworkSecrets: (() => void) | undefined;
  private apiClient: ChatwootClient | undefined;
  private generation = 0;

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
  }

  get server(): ServerSetting {
    return this.setting;
  }

  get signedIn(): boolean {
    return this.stored !== undefined;
  }

  /**
   * The token in use with the origin it is filed under, or undefined when signed out. Only for the
   * authentication provider (src/auth/authProvider.ts), whose session hands it to extensions the
   * user allowed; everything else talks to the server through `client()`.
   */
  get credentials(): { origin: string; host: string; url: string; token: string } | undefined {
    if (!this.stored || !('origin' in this.setting)) return undefined;
    return { origin: this.setting.origin.toLowerCase(), host: this.setting.host, url: this.stored.url, token: this.stored.token };
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

  /**
   * Opens a live connection (ActionCable) to the server the token belongs to, over the same
   * dispatcher as the REST calls (proxy, CA certificates and origin rules apply unchanged). The
   * credentials (`pubsub_token`, a secret) are read from the profile here and never leave the
   * live client. Undefined when signed out. `accountIds`: the subscriptions (presence is per account).
   */
  async openLive(accountIds: (active: readonly number[]) => readonly number[], signal?: AbortSignal): Promise<LiveClient | undefined> {
    const stored = this.stored;
    if (!stored || !('origin' in this.setting)) return undefined;
    const api = loadApi();
    const dispatcher = this.network();
    const transport = { baseUrl: stored.url, token: stored.token, dispatcher, timeoutMs: requestTimeoutMs(), userAgent: `chatwoot-assign-vscode/${vscode.version}` };
    const read = async (): Promise<LiveCredentials> => {
      const all = await api.readLiveCredentials(transport, { signal });
      return { ...all, accountIds: accountIds(all.accountIds) };
    };
    const credentials = await read();
    if (this.stored !== stored) return undefined; // signed out or switched meanwhile
    return new api.LiveClient({ serverUrl: stored.url, dispatcher, credentials, refreshCredentials: read, logger: this.log, userAgent: transport.userAgent });
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

  async signIn(server: Server, token: string): Promise<void> {
    await this.tokens.store(server.origin, { url: server.url, token });
    await this.reload('signed in');
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
      if (warnings.length) this.warned.fire(warnings);
    }
    return this.dispatcher;
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
    const old = this.dispatcher;
    this.dispatcher = undefined;
    this.warnings = [];
    if (old) void old.close().catch(() => undefined);
    this.log.info(`Connection reloaded (${reason}): ${stored ? `signed in to ${stored.url}` : 'signed out'}`);
    this.changed.fire();
  }

  dispose(): void {
    this.forgetSecret?.();
    this.forgetNetworkSecrets?.();
    void this.dispatcher?.close().catch(() => undefined);
    this.changed.dispose();
    this.warned.dispose();
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
