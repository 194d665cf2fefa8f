/**
 * "Assigned to you": one notification when Chatwoot pushes a `conversation_assignment` notification
 * (it reaches the assignee even for inboxes they are not a member of). Quiet by design:
 * - several within BATCH_MS become one ("3 conversations were assigned to you: #12, #15, #19");
 * - never for an assignment this window made;
 * - one window shows it, not every open window: the focused one, else the one focused most
 *   recently. Windows agree through the extension's global state, which VS Code shares between
 *   windows: each records when it gains focus, and the one holding the latest record shows it.
 * Setting `chatwoot.notifyWhenAssigned` (default on).
 */
import * as vscode from 'vscode';
import type { AssignmentEvents } from '../assign/events';
import type { Connection } from '../auth/connection';
import { liveSettings } from '../config';
import { OPEN_IN_CHATWOOT } from '../ui/labels';
import type { PushNotification } from '../api';
import type { LiveService } from './liveService';

export const BATCH_MS = 3000;
/** An assignment this window made is recognised for this long (the push follows within seconds). */
const OWN_ASSIGNMENT_MS = 60_000;
const FOCUS_KEY = 'chatwoot.focusedWindow';
const OPEN = OPEN_IN_CHATWOOT;
const SHOW = vscode.l10n.t('Show in View');

export interface AssignedConversation {
  accountId: number;
  displayId: number;
  contact: string | undefined;
}

/** The notification's sentence. Pure. */
export function assignedMessage(list: readonly AssignedConversation[]): string {
  if (list.length === 1) {
    const c = list[0];
    return c.contact ? vscode.l10n.t('{0} {1} was assigned to you', `#${c.displayId}`, c.contact) : vscode.l10n.t('{0} was assigned to you', `#${c.displayId}`);
  }
  return vscode.l10n.t('{0} conversations were assigned to you: {1}', list.length, list.map((c) => `#${c.displayId}`).join(', '));
}

/** The conversation of an assignment notification, or undefined when it is something else. */
export function assignedConversation(accountId: number, n: PushNotification): AssignedConversation | undefined {
  if (n.notification_type !== 'conversation_assignment' || !n.primary_actor) return undefined;
  return { accountId: n.primary_actor.account_id ?? accountId, displayId: n.primary_actor.id, contact: n.primary_actor.meta?.sender?.name ?? undefined };
}

export interface RevealTarget {
  reveal(accountId: number, displayId: number): Promise<void>;
}

export class AssignedNotifier implements vscode.Disposable {
  private readonly windowId = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  private pending: AssignedConversation[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly own = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly state: vscode.Memento,
    private readonly connection: Connection,
    live: LiveService,
    events: AssignmentEvents,
    private readonly view: RevealTarget,
  ) {
    this.disposables.push(
      live.onNotification(({ accountId, notification }) => this.onNotification(accountId, notification)),
      events.onDidAssign((e) => {
        for (const id of e.displayIds) this.own.set(`${e.accountId}/${id}`, Date.now());
      }),
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.recordFocus();
      }),
    );
    if (vscode.window.state.focused) this.recordFocus();
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  private recordFocus(): void {
    void this.state.update(FOCUS_KEY, { id: this.windowId, at: Date.now() });
  }

  /**
   * This window shows it when it holds the latest focus record: the focused window wrote it when it
   * gained focus, and when no window is focused it is the one focused last. (Not "any focused
   * window": two instances sharing one globalState in one window would both show it.)
   */
  private mine(): boolean {
    const last = this.state.get<{ id: string; at: number }>(FOCUS_KEY);
    if (last === undefined) return true;
    return last.id === this.windowId;
  }

  private onNotification(accountId: number, n: PushNotification): void {
    const c = assignedConversation(accountId, n);
    if (!c || !liveSettings().notifyWhenAssigned) return;
    const key = `${c.accountId}/${c.displayId}`;
    const madeHere = this.own.get(key);
    if (madeHere !== undefined && Date.now() - madeHere < OWN_ASSIGNMENT_MS) return;
    if (this.pending.some((p) => p.accountId === c.accountId && p.displayId === c.displayId)) return;
    this.pending.push(c);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const list = this.pending;
    this.pending = [];
    if (list.length === 0 || !this.mine()) return;
    const first = list[0];
    void vscode.window.showInformationMessage(assignedMessage(list), OPEN, SHOW).then(async (choice) => {
      if (choice === OPEN) {
        const url = this.connection.webUrl(first.accountId, list.length === 1 ? first.displayId : undefined);
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
      } else if (choice === SHOW) {
        await this.view.reveal(first.accountId, first.displayId);
      }
    });
  }
}
