/**
 * One conversation tab: a webview panel showing the header (from the store) and the messages read
 * for it, newest 20 first, "Load older" for the 20 before (`before=`). The page comes whole from
 * the renderer (render/, strict CSP, escaped content); later changes travel as protocol messages.
 *
 * `retainContextWhenHidden` is off (a hidden tab costs nothing), so VS Code discards the page when
 * the tab is hidden and shows the last `webview.html` again when it comes back: every time the tab
 * becomes visible the page is rendered again from what is known (the store's conversation, the
 * messages loaded so far). Messages for a hidden tab are not posted; the next render has them.
 * Messages sent before the page script says `ready` are queued.
 */
import * as vscode from 'vscode';
import type { ChatwootClient, Conversation, ConversationMessage } from '../api';
import type { Services } from '../commands/services';
import { describeError } from '../ui/feedback';
import {
  conversationTitle,
  escapeHtml,
  headerUpdate,
  makeNonce,
  messageReplacement,
  messagesUpdate,
  renderConversationPage,
  type HeaderContext,
  type RenderContext,
} from './render';
import { parseWebviewMessage, type ExtensionToWebview, type OlderState, type WebviewAction, type WebviewToExtension } from './protocol';

export const CONVERSATION_VIEW_TYPE = 'chatwoot.conversation';

/** What the open command resolves with (tests read it). */
export interface PanelSnapshot {
  title: string;
  accountId: number;
  conversationId: number;
  /** Message ids shown, oldest first. */
  messageIds: number[];
  hasOlder: boolean;
}

export interface PanelHost {
  /** Runs a button of the page (Assign…, Add Note…). */
  action(panel: ConversationPanel, action: WebviewAction): Promise<void>;
  /** Opens a link the page asked for, after checking it. */
  openLink(href: string): void;
  disposed(panel: ConversationPanel): void;
}

export class ConversationPanel {
  private readonly messages = new Map<number, ConversationMessage>();
  private olderCursor: number | undefined;
  private older: OlderState = 'none';
  private ready = false;
  private queue: ExtensionToWebview[] = [];
  private wasVisible: boolean;
  private loadedOnce = false;
  private loadError: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Resolves when the first window of messages has been read (or failed). */
  readonly loaded: Promise<void>;

  constructor(
    private readonly s: Services,
    readonly accountId: number,
    private conversation: Conversation,
    readonly panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
  ) {
    this.wasVisible = panel.visible;
    panel.title = conversationTitle(conversation);
    panel.webview.html = loadingPage(conversationTitle(conversation));
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (message) void this.onMessage(message);
      }),
      panel.onDidChangeViewState(() => {
        // Hidden, then shown again: the page was discarded; render it from what is known.
        if (panel.visible && !this.wasVisible && this.loadedOnce) this.render();
        this.wasVisible = panel.visible;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    this.loaded = this.loadFirst();
  }

  get displayId(): number {
    return this.conversation.id;
  }

  /** The conversation as the page shows it (the store's copy when it has one). */
  get target(): { accountId: number; conversation: Conversation } {
    return { accountId: this.accountId, conversation: this.s.store.conversation(this.accountId, this.displayId) ?? this.conversation };
  }

  snapshot(): PanelSnapshot {
    const ids = [...this.messages.values()].sort((a, b) => a.created_at - b.created_at || a.id - b.id).map((m) => m.id);
    return { title: this.panel.title, accountId: this.accountId, conversationId: this.displayId, messageIds: ids, hasOlder: this.older !== 'none' };
  }

  reveal(preserveFocus: boolean): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** The store changed: a newer copy of the conversation updates the header and the tab title. */
  conversationChanged(): void {
    const now = this.s.store.conversation(this.accountId, this.displayId);
    if (!now || now === this.conversation) return;
    this.conversation = now;
    this.panel.title = conversationTitle(now);
    if (this.loadedOnce) this.post(headerUpdate(now, this.headerContext()));
  }

  /** A message created or changed (a live event, a note posted from this window). */
  applyMessage(message: ConversationMessage): void {
    const known = this.messages.has(message.id);
    this.messages.set(message.id, message);
    if (!this.loadedOnce) return; // the first render will have it
    this.post(known ? messageReplacement(message, this.renderContext()) : messagesUpdate([message], 'newer', this.renderContext()));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.host.disposed(this);
  }

  // ── internals ────────────────────────────────────────────────────────────

  private client(): ChatwootClient | undefined {
    return this.s.connection.client();
  }

  private async loadFirst(): Promise<void> {
    const client = this.client();
    try {
      if (!client) throw new Error(vscode.l10n.t('Not signed in to Chatwoot.'));
      // Inbox names are a nicety for the header: never wait long for them, never fail for them.
      const inboxes = this.s.store
        .inboxes(this.accountId)
        .get()
        .catch(() => undefined);
      const page = await client.listMessages(this.accountId, this.displayId);
      for (const m of page.messages) this.messages.set(m.id, m);
      this.olderCursor = page.olderCursor;
      this.older = page.hasOlder ? 'idle' : 'none';
      await inboxes;
    } catch (e) {
      this.loadError = vscode.l10n.t('Could not load the messages: {0}', describeError(e).message);
      this.s.log.error(`Loading the messages of #${this.displayId} failed`, e);
    }
    this.loadedOnce = true;
    this.render();
  }

  private async loadOlder(): Promise<void> {
    const client = this.client();
    if (!client || this.older === 'loading' || this.older === 'none' || this.olderCursor === undefined) return;
    this.older = 'loading';
    this.post({ type: 'olderState', state: 'loading', text: vscode.l10n.t('Loading older messages…') });
    try {
      const page = await client.listMessages(this.accountId, this.displayId, { before: this.olderCursor });
      const fresh = page.messages.filter((m) => !this.messages.has(m.id));
      for (const m of fresh) this.messages.set(m.id, m);
      this.olderCursor = page.olderCursor ?? this.olderCursor;
      this.older = page.hasOlder && page.messages.length > 0 ? 'idle' : 'none';
      if (fresh.length > 0) this.post(messagesUpdate(fresh, 'older', this.renderContext()));
      const text = this.older === 'none' ? vscode.l10n.t('This is the start of the conversation.') : vscode.l10n.t('{0} older messages loaded.', fresh.length);
      this.post({ type: 'olderState', state: this.older, text });
    } catch (e) {
      this.older = 'failed';
      this.post({ type: 'olderState', state: 'failed', text: vscode.l10n.t('Could not load older messages: {0}', describeError(e).message) });
    }
  }

  private async onMessage(message: WebviewToExtension): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.queue;
        this.queue = [];
        for (const m of queued) void this.panel.webview.postMessage(m);
        return;
      }
      case 'openLink':
        return this.host.openLink(message.href);
      case 'action':
        if (message.action === 'loadOlder') return this.loadOlder();
        this.post({ type: 'busy', busy: true });
        try {
          await this.host.action(this, message.action);
        } finally {
          this.post({ type: 'busy', busy: false });
        }
        return;
    }
  }

  private post(message: ExtensionToWebview): void {
    if (!this.panel.visible) return; // discarded while hidden; the next render has it all
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.queue.push(message);
  }

  private headerContext(): HeaderContext {
    const inbox = this.s.store.inboxes(this.accountId).value?.find((i) => i.id === this.conversation.inbox_id);
    return { inboxName: inbox?.name, viewerId: this.s.store.knownProfile?.id };
  }

  private renderContext(): RenderContext {
    return { now: Date.now(), locale: vscode.env.language };
  }

  /** The whole page from what is known now. */
  private render(): void {
    this.ready = false;
    this.queue = [];
    this.conversation = this.s.store.conversation(this.accountId, this.displayId) ?? this.conversation;
    this.panel.title = conversationTitle(this.conversation);
    this.panel.webview.html = renderConversationPage({
      conversation: this.conversation,
      messages: [...this.messages.values()],
      hasOlder: this.older !== 'none',
      nonce: makeNonce(),
      ...this.renderContext(),
      ...this.headerContext(),
    });
    if (this.loadError) this.post({ type: 'notice', kind: 'error', text: this.loadError });
    if (this.older === 'failed') this.post({ type: 'olderState', state: 'failed', text: vscode.l10n.t('Could not load older messages. Try again.') });
  }
}

/** Shown until the first messages arrive: no script, nothing loaded. */
function loadingPage(title: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>${escapeHtml(title)}</title></head><body><p role="status">${escapeHtml(vscode.l10n.t('Loading {0}…', title))}</p></body></html>`;
}
