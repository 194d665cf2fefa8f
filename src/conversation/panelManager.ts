/**
 * The open conversation tabs of this window, one per conversation: opening a conversation that has
 * a tab focuses it. Tabs follow the store (`onDidChange`: header and title), and close when the user
 * signs out or in as someone else (they show that user's data).
 *
 * Live updates are wired elsewhere: `applyStoreChange` takes a store change and `applyMessage` a
 * message created or changed (e.g. from a `message.created` event).
 */
import * as vscode from 'vscode';
import type { Conversation, ConversationMessage } from '../api';
import { Commands } from '../commands/ids';
import type { Services } from '../commands/services';
import type { StoreChange } from '../store/store';
import { ConversationPanel, CONVERSATION_VIEW_TYPE, type PanelHost } from './panel';
import type { WebviewAction } from './protocol';
import { registerPanels } from './registry';
import { isAllowedLink, safeLink } from './render';

/** What each button of the page runs: the same commands as everywhere else, with this conversation. */
const ACTION_COMMANDS: Record<Exclude<WebviewAction, 'loadOlder'>, string> = {
  assign: Commands.assignConversation,
  assignToMe: Commands.assignToMe,
  unassign: Commands.unassign,
  addNote: Commands.addNote,
  openInChatwoot: Commands.openInBrowser,
};

export class ConversationPanels implements PanelHost, vscode.Disposable {
  private readonly panels = new Map<string, ConversationPanel>();
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(private readonly s: Services) {
    this.disposables.push(
      s.store.onDidChange((change) => this.applyStoreChange(change)),
      s.connection.onDidChange(() => this.closeAll()),
    );
  }

  /** Opens the conversation's tab, or focuses the one already open. */
  open(accountId: number, conversation: Conversation, options: { preserveFocus?: boolean } = {}): ConversationPanel {
    const existing = this.get(accountId, conversation.id);
    if (existing) {
      existing.reveal(options.preserveFocus === true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      CONVERSATION_VIEW_TYPE,
      `#${conversation.id}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: options.preserveFocus === true },
      { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false, enableFindWidget: true, enableCommandUris: false },
    );
    const opened = new ConversationPanel(this.s, accountId, this.s.store.conversation(accountId, conversation.id) ?? conversation, panel, this);
    this.panels.set(key(accountId, conversation.id), opened);
    return opened;
  }

  get(accountId: number, displayId: number): ConversationPanel | undefined {
    return this.panels.get(key(accountId, displayId));
  }

  /** Every open tab (tests, live wiring). */
  all(): ConversationPanel[] {
    return [...this.panels.values()];
  }

  /** A store change: the tabs of that account (all, when `accountId` is undefined) update their header. */
  applyStoreChange(change: StoreChange): void {
    for (const panel of this.panels.values()) if (change.accountId === undefined || change.accountId === panel.accountId) panel.conversationChanged();
  }

  /** A message created or changed in a conversation: shown in its tab, if one is open. */
  applyMessage(accountId: number, displayId: number, message: ConversationMessage): void {
    this.get(accountId, displayId)?.applyMessage(message);
  }

  closeAll(): void {
    for (const panel of [...this.panels.values()]) panel.panel.dispose();
  }

  dispose(): void {
    this.closeAll();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ── PanelHost ────────────────────────────────────────────────────────────

  async action(panel: ConversationPanel, action: WebviewAction): Promise<void> {
    if (action === 'loadOlder') return;
    await vscode.commands.executeCommand(ACTION_COMMANDS[action], panel.target);
  }

  openLink(href: string): void {
    // The page only offers allowed links, but its messages are input: check again.
    const safe = isAllowedLink(href) ? safeLink(href) : undefined;
    if (!safe) {
      this.s.log.warn(`The conversation tab asked to open a link that is not allowed; ignored (${href.slice(0, 80)})`);
      return;
    }
    void vscode.env.openExternal(vscode.Uri.parse(safe, true));
  }

  disposed(panel: ConversationPanel): void {
    const k = key(panel.accountId, panel.displayId);
    if (this.panels.get(k) === panel) this.panels.delete(k);
  }
}

function key(accountId: number, displayId: number): string {
  return `${accountId}/${displayId}`;
}

const managers = new WeakMap<Services, ConversationPanels>();

/** The window's tab manager, created on first use (and reachable from the assign bundle, registry.ts). */
export function conversationPanels(s: Services): ConversationPanels {
  let manager = managers.get(s);
  if (!manager) {
    managers.set(s, (manager = new ConversationPanels(s)));
    registerPanels(s, manager);
  }
  return manager;
}
