/**
 * Live updates from Chatwoot over ActionCable, without `vscode`: one websocket to `<server>/cable`
 * over the REST client's dispatcher, one RoomChannel subscription per account, and a state machine
 * the UI can show (`connecting` → `live`; `offline` / `refused` with a reason and the next retry).
 *
 * Chatwoot's quirks handled here (see docs in protocol.ts / events.ts):
 * - a bad or rotated pubsub token is answered with SILENCE (no `reject_subscription`): no
 *   confirmation within 10 s means rejected → ask the owner to re-read the profile, unsubscribe the
 *   failed identifier (it stays registered on the server) and subscribe again;
 * - the server pings every 3 s: 10 s without any frame means the socket is dead → reconnect;
 * - token-addressed events of ALL the user's accounts arrive on every subscription → de-duplicated,
 *   and routed by `data.account_id` (presence and contact events are per subscribed account).
 * Reconnects back off exponentially with jitter (1 s doubling to 60 s), reset by a confirmation.
 * The pubsub token is a secret: registered with the logger's redactor, never logged, and only sent
 * over the socket to the configured server's origin.
 */
import type { Dispatcher } from 'undici';
import { toChatwootError } from '../api/transportErrors';
import { backoffDelayMs, type BackoffOptions } from './backoff';
import { RecentEvents } from './dedupe';
import { parseLiveEvent, type LiveEvent } from './events';
import { CABLE_PROTOCOL, cableUrl, classifyFrame, presenceCommand, roomIdentifier, subscribeCommand, unsubscribeCommand } from './protocol';
import { undiciSocketFactory, type CableSocket, type SocketCloseInfo, type SocketFactory } from './socket';
import { systemTimers, type TimerHandle, type Timers } from './timers';

export interface LiveCredentials {
  /** `pubsub_token` from `GET /api/v1/profile`: a secret. */
  pubsubToken: string;
  /** The user's id (the server checks it against the token). */
  userId: number;
  /** One subscription per account (presence and account-wide events are per subscribed account). */
  accountIds: readonly number[];
}

/** Matches the extension's Logger (src/util/log.ts); every method optional except warn/info/debug. */
export interface LiveLogger {
  trace?(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  /** Registers a secret the logger must mask; returns a function that forgets it. */
  redact?(secret: string): () => void;
}

export type OfflineReason =
  /** The server could not be reached (refused, DNS, TLS, proxy…). */
  | 'network'
  /** An open connection closed or broke. */
  | 'dropped'
  /** No ping (no frame at all) within `pingTimeoutMs`. */
  | 'ping-timeout'
  /** The websocket handshake did not finish within `handshakeTimeoutMs`. */
  | 'handshake-timeout'
  /** The server sent `disconnect` with `reconnect: true` (e.g. `server_restart`). */
  | 'server-disconnect'
  /** No subscription was confirmed in time, even after re-reading the credentials. */
  | 'not-confirmed';

export type RefusedReason =
  /** The upgrade was answered with an HTTP status instead of 101 (`status`). */
  | 'http-status'
  /** 101, but not a usable ActionCable handshake (e.g. sub-protocol not accepted). */
  | 'protocol'
  /** The server sent `disconnect` with `reconnect: false`; no automatic retry. */
  | 'unauthorized';

export type LiveState =
  | { kind: 'idle' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'live'; accountIds: readonly number[]; pendingAccountIds: readonly number[] }
  | { kind: 'offline'; reason: OfflineReason; message: string; attempt: number; retryInMs: number | undefined }
  | { kind: 'refused'; reason: RefusedReason; message: string; status: number | undefined; attempt: number; retryInMs: number | undefined }
  | { kind: 'closed' };
export type LiveStateKind = LiveState['kind'];

export interface Disposable {
  dispose(): void;
}

export interface LiveClientOptions {
  /** The Chatwoot server URL, as for the REST client (`https://…`; `http://` only for loopback). */
  serverUrl: string;
  /** The REST client's dispatcher (proxy, CA certificates); never closed by the live client. */
  dispatcher: Dispatcher;
  credentials: LiveCredentials;
  /**
   * Called when a subscription was not confirmed in time (Chatwoot's silent rejection): re-read the
   * profile and return the current credentials (the pubsub token may have rotated), or undefined
   * to keep the old ones. Errors are logged and treated as undefined.
   */
  refreshCredentials?: () => Promise<LiveCredentials | undefined>;
  logger?: LiveLogger;
  userAgent?: string;
  /** Default 10 s: Chatwoot pings every 3 s. */
  pingTimeoutMs?: number;
  /** Default 10 s. */
  confirmTimeoutMs?: number;
  /** Default 20 s (the dispatcher's connect timeout usually fires first). */
  handshakeTimeoutMs?: number;
  /** `close()` destroys the socket if the closing handshake takes longer. Default 1 s. */
  closeTimeoutMs?: number;
  /** Text frames larger than this are ignored (logged). Default 1 MiB. */
  maxFrameBytes?: number;
  /** Frames larger than this fail the connection inside undici. Default 16 MiB. */
  maxSocketPayloadBytes?: number;
  /** Identical events within this window are delivered once. Default 10 s. */
  dedupeWindowMs?: number;
  backoff?: BackoffOptions;
  /** Tests: fake time, deterministic jitter, a scripted socket. */
  timers?: Timers;
  random?: () => number;
  socketFactory?: SocketFactory;
}

export const DEFAULT_PING_TIMEOUT_MS = 10_000;
export const DEFAULT_CONFIRM_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

interface Subscription {
  identifier: string;
  accountId: number;
  confirmed: boolean;
  timer?: TimerHandle;
}

interface Session {
  socket: CableSocket;
  opened: boolean;
  welcomed: boolean;
  subs: Map<string, Subscription>;
  handshakeTimer?: TimerHandle;
  livenessTimer?: TimerHandle;
  resubscribeTimer?: TimerHandle;
  /** Confirmation failures in a row on this socket (drives the resubscribe backoff). */
  subscribeFailures: number;
  refreshing: boolean;
  socketGone: boolean;
  onSocketGone?: () => void;
}

type SessionEnd = { kind: 'offline'; reason: OfflineReason; message: string } | { kind: 'refused'; reason: RefusedReason; message: string; status?: number };

const NOOP_SOCKET: CableSocket = { send: () => undefined, close: () => undefined };

export class LiveClient {
  private readonly url: string;
  private readonly host: string;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly factory: SocketFactory;
  private readonly log: LiveLogger;
  private readonly recent: RecentEvents;
  private readonly pingTimeoutMs: number;
  private readonly confirmTimeoutMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly closeTimeoutMs: number;
  private readonly maxFrameBytes: number;

  private credentials: LiveCredentials;
  private forgetSecret: (() => void) | undefined;
  private current: LiveState = { kind: 'idle' };
  private session: Session | undefined;
  private reconnectTimer: TimerHandle | undefined;
  /** Connection failures since the last confirmed subscription (drives the reconnect backoff). */
  private failures = 0;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly eventListeners = new Set<(event: LiveEvent) => void>();
  private readonly stateListeners = new Set<(state: LiveState) => void>();

  constructor(private readonly options: LiveClientOptions) {
    this.url = cableUrl(options.serverUrl);
    this.host = new URL(this.url).host;
    this.timers = options.timers ?? systemTimers;
    this.random = options.random ?? Math.random;
    this.log = options.logger ?? { debug: () => undefined, info: () => undefined, warn: () => undefined };
    this.pingTimeoutMs = options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 20_000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 1_000;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.recent = new RecentEvents(options.dedupeWindowMs ?? 10_000);
    this.factory =
      options.socketFactory ??
      undiciSocketFactory({
        dispatcher: options.dispatcher,
        maxPayloadBytes: Math.max(options.maxSocketPayloadBytes ?? 16 * 1024 * 1024, this.maxFrameBytes),
        // Same-origin as the dashboard, for servers that enforce Rails' origin check (Chatwoot does not).
        headers: { 'user-agent': options.userAgent ?? 'chatwoot-assign-vscode', origin: new URL(options.serverUrl).origin },
      });
    this.credentials = checkCredentials(options.credentials);
    this.forgetSecret = this.log.redact?.(this.credentials.pubsubToken);
  }

  get state(): LiveState {
    return this.current;
  }

  /** Every validated event, once, with `accountId` from `data.account_id` (route by it). */
  onEvent(listener: (event: LiveEvent) => void): Disposable {
    this.eventListeners.add(listener);
    return { dispose: () => this.eventListeners.delete(listener) };
  }

  onStateChange(listener: (state: LiveState) => void): Disposable {
    this.stateListeners.add(listener);
    return { dispose: () => this.stateListeners.delete(listener) };
  }

  /** Opens the connection (once; later calls do nothing while it runs). */
  start(): void {
    if (this.closed) throw new Error('The live client is closed.');
    if (this.session || this.reconnectTimer !== undefined || this.current.kind === 'refused') return;
    this.connect();
  }

  /** Retries now instead of waiting for the backoff (e.g. the user pressed Retry, or the network came back). */
  reconnectNow(): void {
    if (this.closed) throw new Error('The live client is closed.');
    if (this.session) return;
    this.connect();
  }

  /**
   * New credentials (a re-read profile, an account added or removed): subscriptions are adjusted on
   * the open socket (failed identifiers are unsubscribed first).
   */
  setCredentials(next: LiveCredentials): void {
    if (this.closed) return;
    if (!this.applyCredentials(next)) return;
    const session = this.session;
    if (session?.welcomed) {
      this.clearTimer(session.resubscribeTimer);
      session.resubscribeTimer = undefined;
      this.reconcile(session);
    }
  }

  /**
   * Sends `update_presence` on every confirmed subscription (Chatwoot then counts the user as
   * present in that account for 20 s). Only for users who opted in. Returns how many were sent.
   */
  sendPresence(): number {
    const session = this.session;
    if (!session) return 0;
    let sent = 0;
    for (const sub of session.subs.values()) {
      if (!sub.confirmed) continue;
      session.socket.send(presenceCommand(sub.identifier));
      sent += 1;
    }
    return sent;
  }

  /** Stops everything: timers cancelled at once, the socket gone within `closeTimeoutMs`. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const session = this.session;
    this.session = undefined;
    this.forgetSecret?.();
    this.forgetSecret = undefined;
    this.recent.clear();
    this.setState({ kind: 'closed' });
    this.eventListeners.clear();
    this.stateListeners.clear();
    if (!session) return (this.closing = Promise.resolve());
    this.clearSessionTimers(session);
    this.closing = new Promise<void>((resolve) => {
      if (session.socketGone) return resolve();
      const guard = this.timers.setTimeout(resolve, this.closeTimeoutMs + 200);
      session.onSocketGone = () => {
        this.timers.clearTimeout(guard);
        resolve();
      };
      session.socket.close(this.closeTimeoutMs);
    });
    return this.closing;
  }

  // -------------------------------------------------------------------------------------------
  // Connection

  private connect(): void {
    this.clearTimer(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const session: Session = { socket: NOOP_SOCKET, opened: false, welcomed: false, subs: new Map(), subscribeFailures: 0, refreshing: false, socketGone: false };
    this.session = session;
    this.setState({ kind: 'connecting', attempt: this.failures + 1 });
    session.handshakeTimer = this.timers.setTimeout(
      () =>
        this.endSession(session, {
          kind: 'offline',
          reason: 'handshake-timeout',
          message: `${this.host} did not complete the websocket handshake within ${seconds(this.handshakeTimeoutMs)}.`,
        }),
      this.handshakeTimeoutMs,
    );
    try {
      session.socket = this.factory(this.url, {
        onOpen: (protocol) => this.onOpen(session, protocol),
        onMessage: (data) => this.onFrame(session, data),
        onClose: (info) => this.onSocketClose(session, info),
      });
    } catch (e) {
      session.socketGone = true;
      this.endSession(session, { kind: 'offline', reason: 'network', message: `Could not open a websocket to ${this.host}: ${(e as Error).message}` });
    }
  }

  private onOpen(session: Session, protocol: string): void {
    if (this.session !== session) return;
    session.opened = true;
    this.clearTimer(session.handshakeTimer);
    session.handshakeTimer = undefined;
    if (protocol !== CABLE_PROTOCOL) {
      this.endSession(session, {
        kind: 'refused',
        reason: 'protocol',
        message: `${this.host} accepted the websocket but not the ${CABLE_PROTOCOL} protocol (got "${protocol.slice(0, 40)}").`,
      });
      return;
    }
    this.log.debug(`Live updates: websocket to ${this.host} open.`);
    this.armLiveness(session);
  }

  private armLiveness(session: Session): void {
    this.clearTimer(session.livenessTimer);
    session.livenessTimer = this.timers.setTimeout(
      () =>
        this.endSession(session, { kind: 'offline', reason: 'ping-timeout', message: `${this.host} sent no ping for ${seconds(this.pingTimeoutMs)}; the connection seems dead.` }),
      this.pingTimeoutMs,
    );
  }

  private onSocketClose(session: Session, info: SocketCloseInfo): void {
    session.socketGone = true;
    session.onSocketGone?.();
    if (this.session !== session) return;
    if (!info.opened && info.status !== undefined && info.status !== 101) {
      const hint = info.status === 404 ? ' (a reverse proxy in front of Chatwoot may not forward websockets to /cable)' : '';
      this.endSession(session, {
        kind: 'refused',
        reason: 'http-status',
        status: info.status,
        message: `${this.host} refused the websocket upgrade with HTTP ${info.status}${hint}.`,
      });
    } else if (!info.opened && info.status === 101) {
      this.endSession(session, {
        kind: 'refused',
        reason: 'protocol',
        status: 101,
        message: `${this.host} answered the websocket upgrade, but not as an ActionCable server speaking ${CABLE_PROTOCOL}.`,
      });
    } else if (!info.opened) {
      const message = info.error
        ? toChatwootError(info.error, { label: 'GET /cable', idempotent: true, host: this.host, deadline: new AbortController().signal }).message
        : `Could not open a websocket to ${this.host}.`;
      this.endSession(session, { kind: 'offline', reason: 'network', message });
    } else {
      this.endSession(session, {
        kind: 'offline',
        reason: 'dropped',
        message: `The connection to ${this.host} closed (code ${info.code}${info.reason ? `, ${info.reason.slice(0, 80)}` : ''}).`,
      });
    }
  }

  /** Ends the socket and schedules the next attempt (unless closed, or told not to reconnect). */
  private endSession(session: Session, end: SessionEnd, retry = true): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.clearSessionTimers(session);
    if (!session.socketGone) session.socket.close(this.closeTimeoutMs);
    if (this.closed) return;
    this.failures += 1;
    const retryInMs = retry ? backoffDelayMs(this.failures, this.random, this.options.backoff) : undefined;
    const next = retryInMs === undefined ? 'not retrying' : `retrying in ${seconds(retryInMs)}`;
    this.log.warn(`Live updates offline: ${end.message} (${next})`);
    this.setState(end.kind === 'offline' ? { ...end, attempt: this.failures, retryInMs } : { ...end, status: end.status, attempt: this.failures, retryInMs });
    if (retryInMs !== undefined) {
      this.reconnectTimer = this.timers.setTimeout(() => {
        this.reconnectTimer = undefined;
        if (!this.closed && !this.session) this.connect();
      }, retryInMs);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Frames

  private onFrame(session: Session, data: string | { binaryBytes: number }): void {
    if (this.session !== session) return;
    // Any frame proves the connection alive (the 3 s pings normally do).
    this.armLiveness(session);
    if (typeof data !== 'string') {
      this.log.debug(`Live updates: ignored a binary frame (${data.binaryBytes} bytes).`);
      return;
    }
    const bytes = data.length > this.maxFrameBytes || data.length * 3 > this.maxFrameBytes ? Buffer.byteLength(data) : data.length;
    if (bytes > this.maxFrameBytes) {
      this.log.warn(`Live updates: ignored a ${bytes}-byte frame (limit ${this.maxFrameBytes}).`);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      this.log.debug(`Live updates: ignored a frame that is not JSON (${bytes} bytes).`);
      return;
    }
    const frame = classifyFrame(value);
    switch (frame.kind) {
      case 'welcome':
        if (session.welcomed) return;
        session.welcomed = true;
        this.reconcile(session);
        return;
      case 'ping':
        return;
      case 'confirm':
        this.onConfirm(session, frame.identifier);
        return;
      case 'reject': {
        const sub = session.subs.get(frame.identifier);
        if (sub && !sub.confirmed) this.onNotConfirmed(session);
        return;
      }
      case 'disconnect': {
        const why = frame.reason ? ` (${frame.reason.slice(0, 60)})` : '';
        if (frame.reconnect) this.endSession(session, { kind: 'offline', reason: 'server-disconnect', message: `${this.host} closed the connection${why}.` });
        else this.endSession(session, { kind: 'refused', reason: 'unauthorized', message: `${this.host} closed the connection and asked not to reconnect${why}.` }, false);
        return;
      }
      case 'broadcast':
        this.onBroadcast(session, frame.identifier, frame.event, frame.message);
        return;
      case 'unknown':
        this.log.debug(`Live updates: ignored ${frame.description}.`);
        return;
    }
  }

  private onConfirm(session: Session, identifier: string): void {
    const sub = session.subs.get(identifier);
    if (!sub || sub.confirmed) return;
    this.clearTimer(sub.timer);
    sub.timer = undefined;
    sub.confirmed = true;
    this.failures = 0;
    session.subscribeFailures = 0;
    this.log.info(`Live updates: subscribed to account ${sub.accountId} on ${this.host}.`);
    this.updateLiveState(session);
  }

  private onBroadcast(session: Session, identifier: string, name: string, message: Record<string, unknown>): void {
    if (!session.subs.has(identifier)) {
      this.log.debug(`Live updates: ignored "${name.slice(0, 60)}" for a subscription we do not hold.`);
      return;
    }
    if (!this.recent.firstTime(name, JSON.stringify(message), this.timers.now())) return;
    const parsed = parseLiveEvent(message);
    if (!parsed.ok) {
      if (parsed.quiet) this.log.trace?.(`Live updates: ignored ${parsed.why}.`);
      else this.log.debug(`Live updates: ignored ${parsed.why}.`);
      return;
    }
    for (const listener of [...this.eventListeners]) {
      try {
        listener(parsed.event);
      } catch (e) {
        this.log.warn(`Live updates: an event listener failed on "${parsed.event.name}": ${(e as Error).message}`);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Subscriptions

  /** Makes the socket's subscriptions match the credentials: unsubscribes stale ones, subscribes missing ones. */
  private reconcile(session: Session): void {
    const { pubsubToken, userId, accountIds } = this.credentials;
    const wanted = new Map<string, number>();
    for (const accountId of accountIds) wanted.set(roomIdentifier(pubsubToken, accountId, userId), accountId);
    for (const sub of [...session.subs.values()]) {
      if (wanted.has(sub.identifier)) continue;
      this.dropSubscription(session, sub);
    }
    for (const [identifier, accountId] of wanted) {
      if (session.subs.has(identifier)) continue;
      const sub: Subscription = { identifier, accountId, confirmed: false };
      session.subs.set(identifier, sub);
      session.socket.send(subscribeCommand(identifier));
      sub.timer = this.timers.setTimeout(() => this.onNotConfirmed(session), this.confirmTimeoutMs);
    }
    this.updateLiveState(session);
  }

  private dropSubscription(session: Session, sub: Subscription): void {
    this.clearTimer(sub.timer);
    session.subs.delete(sub.identifier);
    // Chatwoot keeps even a failed identifier registered until it is unsubscribed.
    session.socket.send(unsubscribeCommand(sub.identifier));
  }

  /** Silent rejection: re-read the credentials, then subscribe again (now, or after a backoff). */
  private onNotConfirmed(session: Session): void {
    if (this.session !== session || session.refreshing) return;
    const pending = [...session.subs.values()].filter((s) => !s.confirmed);
    if (pending.length === 0) return;
    for (const sub of pending) {
      this.clearTimer(sub.timer);
      sub.timer = undefined;
    }
    session.refreshing = true;
    const accounts = pending.map((s) => s.accountId).join(', ');
    this.log.warn(
      `Live updates: ${this.host} did not confirm the subscription for account ${accounts} within ${seconds(this.confirmTimeoutMs)} (the pubsub token may have changed); re-reading the profile.`,
    );
    void this.refresh().then((changed) => {
      session.refreshing = false;
      if (this.session !== session) return;
      for (const sub of pending) if (session.subs.get(sub.identifier) === sub && !sub.confirmed) this.dropSubscription(session, sub);
      if (changed) {
        this.reconcile(session);
        return;
      }
      this.updateLiveState(session);
      session.subscribeFailures += 1;
      const retryInMs = backoffDelayMs(session.subscribeFailures, this.random, this.options.backoff);
      if (![...session.subs.values()].some((s) => s.confirmed)) {
        this.setState({
          kind: 'offline',
          reason: 'not-confirmed',
          message: `${this.host} did not confirm the live-updates subscription (wrong pubsub token, or not a member of account ${accounts}).`,
          attempt: session.subscribeFailures,
          retryInMs,
        });
      }
      this.clearTimer(session.resubscribeTimer);
      session.resubscribeTimer = this.timers.setTimeout(() => {
        session.resubscribeTimer = undefined;
        if (this.session === session) this.reconcile(session);
      }, retryInMs);
    });
  }

  /** Asks the owner for fresh credentials; true when they differ from the current ones. */
  private async refresh(): Promise<boolean> {
    const read = this.options.refreshCredentials;
    if (!read) return false;
    try {
      const next = await read();
      if (!next || this.closed) return false;
      return this.applyCredentials(next);
    } catch (e) {
      this.log.warn(`Live updates: could not re-read the profile: ${(e as Error).message}`);
      return false;
    }
  }

  private applyCredentials(next: LiveCredentials): boolean {
    const checked = checkCredentials(next);
    const before = this.credentials;
    const same = before.pubsubToken === checked.pubsubToken && before.userId === checked.userId && sameNumbers(before.accountIds, checked.accountIds);
    if (same) return false;
    if (before.pubsubToken !== checked.pubsubToken) {
      this.forgetSecret?.();
      this.forgetSecret = this.log.redact?.(checked.pubsubToken);
      this.log.info('Live updates: the pubsub token changed; subscribing with the new one.');
    }
    this.credentials = checked;
    return true;
  }

  private updateLiveState(session: Session): void {
    if (this.session !== session) return;
    const confirmed = [...session.subs.values()].filter((s) => s.confirmed).map((s) => s.accountId);
    // Wanted but not (yet) confirmed: subscribing, or waiting to subscribe again.
    const pending = this.credentials.accountIds.filter((a) => !confirmed.includes(a));
    if (confirmed.length > 0) {
      const now = this.current;
      if (now.kind === 'live' && sameNumbers(now.accountIds, confirmed) && sameNumbers(now.pendingAccountIds, pending)) return;
      this.setState({ kind: 'live', accountIds: confirmed, pendingAccountIds: pending });
    } else if (this.current.kind === 'live') {
      this.setState({ kind: 'connecting', attempt: this.failures + 1 });
    }
  }

  // -------------------------------------------------------------------------------------------

  private setState(state: LiveState): void {
    this.current = state;
    for (const listener of [...this.stateListeners]) {
      try {
        listener(state);
      } catch (e) {
        this.log.warn(`Live updates: a state listener failed: ${(e as Error).message}`);
      }
    }
  }

  private clearSessionTimers(session: Session): void {
    this.clearTimer(session.handshakeTimer);
    this.clearTimer(session.livenessTimer);
    this.clearTimer(session.resubscribeTimer);
    session.handshakeTimer = session.livenessTimer = session.resubscribeTimer = undefined;
    for (const sub of session.subs.values()) {
      this.clearTimer(sub.timer);
      sub.timer = undefined;
    }
  }

  private clearTimer(handle: TimerHandle | undefined): void {
    if (handle !== undefined) this.timers.clearTimeout(handle);
  }
}

function checkCredentials(c: LiveCredentials): LiveCredentials {
  if (typeof c?.pubsubToken !== 'string' || c.pubsubToken.trim() === '') throw new TypeError('Live updates need the pubsub token from the profile.');
  if (!Number.isInteger(c.userId)) throw new TypeError('Live updates need the user id.');
  const accountIds = [...new Set(c.accountIds)];
  if (accountIds.length === 0 || !accountIds.every((a) => Number.isInteger(a))) throw new TypeError('Live updates need at least one account id.');
  return { pubsubToken: c.pubsubToken, userId: c.userId, accountIds };
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  return sa.every((v, i) => v === sb[i]);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
