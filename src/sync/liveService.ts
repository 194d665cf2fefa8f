/**
 * Keeps the store true while the user works: one ActionCable connection (src/live) whose events
 * patch the store, and, when that connection cannot be had, polling of what is loaded, every
 * POLL_MS and only while the window is focused. While live it sends no periodic request at all.
 *
 * - After every (re)connection the loaded lists are read again once: events were missed meanwhile.
 * - Presence: subscribing marks the user present for ~20 s; `update_presence` (every 20 s) keeps
 *   them online and eligible for auto-assignment, so it is sent only with `chatwoot.appearOnline`.
 * - Signing out or switching server closes the socket (within 1 s: LiveClient.close()).
 */
import * as vscode from 'vscode';
import type { LiveClient, LiveEvent, LiveState, PushMessage, PushNotification } from '../api';
import type { Connection } from '../auth/connection';
import { liveSettings } from '../config';
import { CONVERSATION_EVENT_NAMES } from '../live/eventNames';
import type { ChatwootStore } from '../store/store';
import type { Logger } from '../util/log';

/** Polling period while live updates are unavailable (only while the window is focused). */
export const POLL_MS = 60_000;
/** On focus, data older than this is read again at once (when not live). */
export const STALE_ON_FOCUS_MS = 30_000;
/** `update_presence` period with `chatwoot.appearOnline` (the server forgets presence after ~20 s). */
export const PRESENCE_MS = 20_000;

/** What the status bar shows. `polling`: live updates are unavailable and the views are polled. */
export type LiveStatus = { kind: 'off'; why: 'signed-out' | 'setting' } | { kind: 'connecting' } | { kind: 'live' } | { kind: 'polling'; why: string };

export interface AssignmentNotice {
  accountId: number;
  notification: PushNotification;
}

export class LiveService implements vscode.Disposable {
  private readonly statusChanged = new vscode.EventEmitter<LiveStatus>();
  readonly onDidChangeStatus = this.statusChanged.event;
  private readonly notified = new vscode.EventEmitter<AssignmentNotice>();
  /** `notification.created` pushes (e.g. "assigned to you"). */
  readonly onNotification = this.notified.event;
  private readonly messages = new vscode.EventEmitter<{ accountId: number; message: PushMessage }>();
  /** New or updated messages (the conversation tab follows them). */
  readonly onMessage = this.messages.event;
  private current: LiveStatus = { kind: 'off', why: 'signed-out' };
  /** When the last event arrived (ms since epoch), for the status bar's tooltip. */
  lastEventAt: number | undefined;
  private client: LiveClient | undefined;
  private clientSubs: Array<{ dispose(): void }> = [];
  private generation = 0;
  private everLive = false;
  private armed = true;
  /** When the current connection attempt began: lists loaded before it may have missed events. */
  private connectingSince = 0;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private presenceTimer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly store: ChatwootStore,
    private readonly log: Logger,
  ) {
    this.disposables.push(
      this.statusChanged,
      this.notified,
      this.messages,
      // Started on first use (the profile read by the tree or a command), not at activation: the
      // network layer stays unloaded until something needs the server.
      connection.onDidChange(() => this.arm()),
      store.onDidChange(() => {
        if (this.armed && this.connection.signedIn && this.store.knownProfile) {
          this.armed = false;
          // Tracked from the first moment: `store.idle()` then covers the profile read of openLive.
          void this.store.background(this.restart('first use'));
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if ((e.affectsConfiguration('chatwoot.liveUpdates') || e.affectsConfiguration('chatwoot.appearOnline')) && !this.armed) {
          void this.store.background(this.restart('settings changed'));
        }
      }),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.onFocus();
      }),
    );
  }

  /** Stops, and starts again on the next use of the store (sign-in changes, server switch). */
  private arm(): void {
    this.armed = true;
    this.generation++;
    void this.stopClient();
    this.stopPolling();
    this.setStatus(this.connection.signedIn ? { kind: 'connecting' } : { kind: 'off', why: 'signed-out' });
  }

  get status(): LiveStatus {
    return this.current;
  }

  /** Starts (or restarts) according to the sign-in state and the settings; the store's `idle()` waits for it. */
  restart(reason: string): Promise<void> {
    return this.store.background(this.start(reason));
  }

  private async start(reason: string): Promise<void> {
    const generation = ++this.generation;
    await this.stopClient();
    this.stopPolling();
    this.everLive = false;
    if (generation !== this.generation) return;
    if (!this.connection.signedIn) return this.setStatus({ kind: 'off', why: 'signed-out' });
    const settings = liveSettings();
    if (!settings.liveUpdates) {
      this.setStatus({ kind: 'off', why: 'setting' });
      this.startPolling();
      return;
    }
    this.setStatus({ kind: 'connecting' });
    this.connectingSince = Date.now();
    this.log.info(`Live updates: connecting (${reason})`);
    try {
      // One subscription carries the events of every account; presence is per subscribed account,
      // so all accounts are subscribed only when the user wants to appear online in them.
      const client = await this.connection.openLive((active) =>
        settings.appearOnline ? active : [this.store.knownProfile?.account_id ?? active[0]].filter((a): a is number => a !== undefined && active.includes(a)),
      );
      if (generation !== this.generation || !client) {
        void client?.close();
        return;
      }
      this.client = client;
      this.clientSubs = [client.onStateChange((s) => this.onState(s)), client.onEvent((e) => this.onEvent(e))];
      client.start();
      if (settings.appearOnline) this.presenceTimer = setInterval(() => client.sendPresence(), PRESENCE_MS);
    } catch (e) {
      if (generation !== this.generation) return;
      this.log.warn(`Live updates unavailable: ${(e as Error).message}`);
      this.setStatus({ kind: 'polling', why: (e as Error).message });
      this.startPolling();
    }
  }

  dispose(): void {
    this.generation++;
    void this.stopClient();
    this.stopPolling();
    for (const d of this.disposables) d.dispose();
  }

  private onState(state: LiveState): void {
    switch (state.kind) {
      case 'live':
        if (this.current.kind !== 'live') {
          this.store.live = true;
          this.stopPolling();
          // Whatever was loaded before this connection may have missed events: read it once.
          const oldest = this.store.oldestLoad();
          if (this.everLive || (oldest !== undefined && oldest < this.connectingSince)) void this.store.background(this.store.resync());
          this.everLive = true;
          this.setStatus({ kind: 'live' });
        }
        return;
      case 'connecting':
        if (this.current.kind === 'live') this.goPolling('reconnecting');
        return;
      case 'offline':
      case 'refused':
        this.goPolling(state.message);
        return;
      default:
        return;
    }
  }

  private goPolling(why: string): void {
    this.store.live = false;
    if (this.current.kind !== 'polling' || this.current.why !== why) this.log.info(`Live updates unavailable (${why}); polling while the window is focused`);
    this.setStatus({ kind: 'polling', why });
    this.startPolling();
  }

  private onEvent(event: LiveEvent): void {
    this.lastEventAt = Date.now();
    if (CONVERSATION_EVENT_NAMES.has(event.name) && 'conversation' in event) {
      this.store.applyPush(event.accountId, event.conversation);
    } else if ((event.name === 'message.created' || event.name === 'message.updated') && 'message' in event) {
      this.store.applyMessage(event.accountId, event.message);
      this.messages.fire({ accountId: event.accountId, message: event.message });
    } else if (event.name === 'notification.created' && 'notification' in event) {
      this.notified.fire({ accountId: event.accountId, notification: event.notification });
    } else if (event.name === 'presence.update' && 'users' in event) {
      this.store.applyPresence(event.accountId, event.users);
    }
    this.statusChanged.fire(this.current); // the tooltip's "last event"
  }

  private startPolling(): void {
    if (this.pollTimer || !this.connection.signedIn) return;
    this.pollTimer = setInterval(() => {
      if (vscode.window.state.focused) void this.store.background(this.store.resync());
    }, POLL_MS);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private onFocus(): void {
    if (!this.pollTimer) return; // live, or signed out: nothing to catch up
    const oldest = this.store.oldestLoad();
    if (oldest !== undefined && Date.now() - oldest > STALE_ON_FOCUS_MS) void this.store.background(this.store.resync());
  }

  private async stopClient(): Promise<void> {
    clearInterval(this.presenceTimer);
    this.presenceTimer = undefined;
    for (const d of this.clientSubs) d.dispose();
    this.clientSubs = [];
    this.store.live = false;
    const client = this.client;
    this.client = undefined;
    if (client) await client.close();
  }

  private setStatus(status: LiveStatus): void {
    this.current = status;
    this.statusChanged.fire(status);
  }
}
