// The `/cable` websocket endpoint (API-FACTS-LIVE §1): an ActionCable server with one
// channel, RoomChannel. It listens to the EventLog (the single source of events) and
// broadcasts each record to its streams (§1.5); test switches live in `settings`.

import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { EventRecord } from '../events';
import { isRecord } from '../params';
import { castId } from '../util/ruby';
import type { World } from '../world';
import { confirmFrame, disconnectFrame, encodeFrame, isCablePath, messageFrame, pickProtocol, pingFrame, welcomeFrame } from './frames';
import { recordPresenceUpdate, touchContact, touchUser } from './presence';
import { streamsFor } from './recipients';

export interface Subscription {
  /** The identifier string exactly as the client sent it. */
  identifier: string;
  /** false: registered but `subscribed` failed — Rails stays silent and ignores repeats. */
  confirmed: boolean;
  kind: 'user' | 'contact' | null;
  userId: number | null;
  contactId: number | null;
  accountId: number | null;
  /** The pubsub token it authenticated with (stays the old one after a rotation). */
  token: string | null;
  streams: string[];
}

export interface CableSocket {
  id: number;
  ws: WebSocket;
  protocol: string;
  origin: string | null;
  path: string;
  subscriptions: Map<string, Subscription>;
  framesSent: number;
  framesReceived: number;
}

export interface CableSettings {
  /** null: accept upgrades; a status: answer every upgrade with it (no websocket). */
  refuseStatus: number | null;
  refuseBody: string | null;
  pings: boolean;
  pingIntervalMs: number;
  /** Delay between a state change and its broadcast (Sidekiq lag). */
  delayMs: number;
}

export const DEFAULT_PING_MS = 3000;

export function defaultCableSettings(): CableSettings {
  return { refuseStatus: null, refuseBody: null, pings: true, pingIntervalMs: DEFAULT_PING_MS, delayMs: 0 };
}

export class CableHub {
  settings = defaultCableSettings();
  readonly sockets = new Map<number, CableSocket>();
  private readonly wss: WebSocketServer;
  private readonly timers = new Set<NodeJS.Timeout>();
  private pingTimer: NodeJS.Timeout | null = null;
  private nextSocketId = 1;
  private rotations = 0;
  private closed = false;

  constructor(readonly world: World) {
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      perMessageDeflate: false,
      handleProtocols: (offered) => pickProtocol(offered),
    });
    world.events.listen((entry) => this.onEvent(entry));
  }

  // ---- HTTP side -------------------------------------------------------------------

  /** The HTTP server's `upgrade` event. */
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (this.closed) {
      socket.destroy();
      return;
    }
    const pathname = (req.url ?? '/').split(/[?#]/)[0];
    if (!isCablePath(pathname)) {
      answer(socket, 404, 'text/plain; charset=utf-8', 'Not Found');
      return;
    }
    const { refuseStatus, refuseBody } = this.settings;
    if (refuseStatus !== null) {
      const page = refusalPage(refuseStatus, refuseBody);
      answer(socket, refuseStatus, page.contentType, page.body);
      return;
    }
    // Not a websocket upgrade (h2c…): Rails answers like any plain request to /cable.
    if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      answer(socket, 404, 'text/plain; charset=utf-8', 'Page not found');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws, req, pathname));
  }

  // ---- connection lifecycle --------------------------------------------------------

  private open(ws: WebSocket, req: http.IncomingMessage, path: string): void {
    if (this.closed) {
      ws.terminate();
      return;
    }
    const socket: CableSocket = {
      id: this.nextSocketId,
      ws,
      protocol: ws.protocol,
      origin: req.headers.origin ?? null,
      path,
      subscriptions: new Map(),
      framesSent: 0,
      framesReceived: 0,
    };
    this.nextSocketId += 1;
    this.sockets.set(socket.id, socket);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      socket.framesReceived += 1;
      if (!isBinary) this.command(socket, rawText(data));
    });
    ws.on('close', () => {
      this.sockets.delete(socket.id);
      if (this.sockets.size === 0) this.stopPings();
    });
    ws.on('error', () => ws.terminate());
    // Chatwoot's connection has no `connect`: every socket is welcomed.
    this.send(socket, encodeFrame(welcomeFrame()));
    this.startPings();
  }

  private send(socket: CableSocket, text: string | Buffer): void {
    if (socket.ws.readyState !== WebSocket.OPEN) return;
    socket.framesSent += 1;
    socket.ws.send(text);
  }

  // ---- client → server commands (connection/subscriptions.rb) ----------------------

  private command(socket: CableSocket, text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return; // logged and ignored
    }
    if (!isRecord(message) || typeof message.identifier !== 'string') return;
    const identifier = message.identifier;
    switch (message.command) {
      case 'subscribe':
        this.subscribe(socket, identifier);
        return;
      case 'unsubscribe':
        socket.subscriptions.delete(identifier);
        return;
      case 'message':
        this.perform(socket, identifier, message.data);
        return;
      default:
    }
  }

  private subscribe(socket: CableSocket, identifier: string): void {
    if (socket.subscriptions.has(identifier)) return; // a repeated subscribe is ignored
    let params: unknown;
    try {
      params = JSON.parse(identifier);
    } catch {
      return; // decode raises before the subscription is stored
    }
    if (!isRecord(params) || params.channel !== 'RoomChannel') return; // "Subscription class not found"
    const sub: Subscription = {
      identifier,
      confirmed: false,
      kind: null,
      userId: null,
      contactId: null,
      accountId: null,
      token: null,
      streams: [],
    };
    socket.subscriptions.set(identifier, sub);
    if (!this.authenticate(sub, params)) return; // RecordNotFound in `subscribed`: silence, no reject
    sub.confirmed = true;
    this.send(socket, encodeFrame(confirmFrame(identifier)));
    this.presence(sub);
  }

  /** RoomChannel#current_user / #current_account (room_channel.rb:42-58). */
  private authenticate(sub: Subscription, params: Record<string, unknown>): boolean {
    const { store } = this.world;
    const token = params.pubsub_token;
    if (typeof token !== 'string' || token === '') return false;
    const rawUser = params.user_id;
    if (rawUser === undefined || rawUser === null || (typeof rawUser === 'string' && rawUser.trim() === '')) {
      // Blank user_id: a contact (widget) token.
      const row = store.contactInboxByPubsubToken(token);
      const inbox = row ? store.inboxes.get(row.inboxId) : undefined;
      if (!row || !inbox) return false;
      Object.assign(sub, { kind: 'contact', contactId: row.contactId, accountId: inbox.accountId, token, streams: [token] });
      return true;
    }
    const userId = castId(rawUser);
    const user = userId === null ? undefined : store.users.get(userId);
    if (!user || user.pubsubToken !== token) return false;
    const accountId = castId(params.account_id);
    if (accountId === null || !Number.isInteger(accountId) || !store.membership(accountId, user.id)) return false;
    Object.assign(sub, { kind: 'user', userId: user.id, accountId, token, streams: [token, `account_${accountId}`] });
    return true;
  }

  private perform(socket: CableSocket, identifier: string, data: unknown): void {
    const sub = socket.subscriptions.get(identifier);
    if (!sub || !sub.confirmed || typeof data !== 'string') return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    if (isRecord(payload) && payload.action === 'update_presence') this.presence(sub);
  }

  /** update_subscription + broadcast_presence. */
  private presence(sub: Subscription): void {
    if (sub.accountId === null || sub.token === null) return;
    if (sub.kind === 'user' && sub.userId !== null) touchUser(this.world, sub.accountId, sub.userId);
    else if (sub.kind === 'contact' && sub.contactId !== null) touchContact(this.world, sub.accountId, sub.contactId);
    recordPresenceUpdate(this.world, sub.accountId, sub.token, sub.kind === 'user');
  }

  // ---- server → client broadcasts --------------------------------------------------

  private onEvent(entry: EventRecord): void {
    if (this.closed || this.sockets.size === 0) return;
    const streams = streamsFor(this.world.store, entry);
    if (streams.length === 0) return;
    const message = { event: entry.event, data: entry.data };
    // After the HTTP response (and after `delay_ms`), like a Sidekiq job.
    this.later(this.settings.delayMs, () => this.publish(streams, message));
  }

  /** ActionCable.server.broadcast per stream: each following subscription gets one frame per stream. */
  publish(streams: readonly string[], message: unknown): number {
    let sent = 0;
    for (const stream of streams) {
      for (const socket of this.sockets.values()) {
        for (const sub of socket.subscriptions.values()) {
          if (!sub.confirmed || !sub.streams.includes(stream)) continue;
          this.send(socket, encodeFrame(messageFrame(sub.identifier, message)));
          sent += 1;
        }
      }
    }
    return sent;
  }

  /** A raw frame, once per socket that follows `stream` (malformed/oversized/unknown frame tests). */
  sendRaw(stream: string, frame: string | Buffer): number {
    let sent = 0;
    for (const socket of this.sockets.values()) {
      if (![...socket.subscriptions.values()].some((s) => s.confirmed && s.streams.includes(stream))) continue;
      this.send(socket, frame);
      sent += 1;
    }
    return sent;
  }

  // ---- pings ------------------------------------------------------------------------

  /** One server-wide beat, like ActionCable's heartbeat: every socket pinged together. */
  private startPings(): void {
    if (this.pingTimer || !this.settings.pings || this.closed || this.sockets.size === 0) return;
    this.pingTimer = setInterval(() => {
      const frame = encodeFrame(pingFrame(Math.floor(Date.now() / 1000)));
      for (const socket of this.sockets.values()) this.send(socket, frame);
    }, this.settings.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopPings(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  /** Applies ping settings now (restarts the beat). */
  restartPings(): void {
    this.stopPings();
    this.startPings();
  }

  // ---- control ----------------------------------------------------------------------

  /** Closes sockets (all, or those with a subscription of `userId`); returns how many. */
  drop(options: { userId: number | null; frame: boolean; reason: string; reconnect: boolean; terminate: boolean; code: number }): number {
    let dropped = 0;
    for (const socket of [...this.sockets.values()]) {
      if (options.userId !== null && ![...socket.subscriptions.values()].some((s) => s.userId === options.userId)) continue;
      dropped += 1;
      if (options.terminate) {
        socket.ws.terminate();
        continue;
      }
      if (options.frame) this.send(socket, encodeFrame(disconnectFrame(options.reason, options.reconnect)));
      socket.ws.close(options.code);
      // A peer that never answers the close handshake must not keep the socket alive.
      this.later(1000, () => socket.ws.terminate());
    }
    return dropped;
  }

  /** A new pubsub token for the user; old subscriptions stay open but hear nothing. */
  rotate(userId: number, explicit: string | null): { previous: string; token: string } | null {
    const user = this.world.store.users.get(userId);
    if (!user) return null;
    const previous = user.pubsubToken;
    this.rotations += 1;
    user.pubsubToken = explicit ?? `pubsub${String(userId).padStart(6, '0')}R${this.rotations}`.padEnd(24, 'P');
    return { previous, token: user.pubsubToken };
  }

  /** `reset` restores the switches; sockets and their subscriptions stay. */
  reset(): void {
    this.settings = defaultCableSettings();
    this.restartPings();
  }

  close(): Promise<void> {
    this.closed = true;
    this.stopPings();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets.values()) socket.ws.terminate();
    this.sockets.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** What a refused upgrade gets: Rails' plain 404, nginx's HTML page for 5xx, else the reason phrase. */
function refusalPage(status: number, body: string | null): { contentType: string; body: string } {
  if (body !== null) return { contentType: 'text/plain', body };
  if (status === 404) return { contentType: 'text/plain; charset=utf-8', body: 'Page not found' };
  const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
  if (status >= 500) {
    return {
      contentType: 'text/html',
      body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    };
  }
  return { contentType: 'text/plain', body: title };
}

/** A complete HTTP/1.1 answer on a raw socket, then close. */
function answer(socket: Duplex, status: number, contentType: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  const head = `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Unknown'}\r\nContent-Type: ${contentType}\r\n` + `Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
}
