/**
 * The Conversations view: the TreeView, its badge, the Refresh and Load more commands, and how the
 * store's changes reach the tree. No polling: the tree loads when VS Code asks for it; a patched
 * store (an assignment, later a live event) re-renders only the groups and counts that changed,
 * at most REFRESHES_PER_SECOND times a second whatever the rate of changes.
 */
import * as vscode from 'vscode';
import type { Connection } from '../auth/connection';
import type { ListKind } from '../store/membership';
import type { ChatwootStore, StoreChange } from '../store/store';
import { isCancellation, showError } from '../ui/feedback';
import type { Logger } from '../util/log';
import { formatCount, pluralOne } from '../util/present';
import { ConversationNode } from './conversationNode';
import { AccountNode, GroupNode, LoadMoreNode, type TreeNode } from './nodes';
import { ConversationsTreeProvider } from './provider';

export const CONVERSATIONS_VIEW_ID = 'chatwoot.conversations';
/** Bursts of changes are coalesced into at most this many tree refreshes per second. */
export const REFRESHES_PER_SECOND = 10;

export class ConversationsView implements vscode.Disposable {
  readonly treeDataProvider: ConversationsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Fires when the children of a node (undefined = the root) have been produced. */
  readonly onDidLoad: vscode.Event<TreeNode | undefined>;
  private readonly disposables: vscode.Disposable[] = [];
  private prefetchTimer: ReturnType<typeof setTimeout> | undefined;
  private prefetchDone: (() => void) | undefined;
  private readonly prefetchFor = new Set<number | 'all'>();
  /** Changes waiting for the next tree refresh. */
  private pending: { root: boolean; accounts: Set<number>; groups: Set<string> } = { root: false, accounts: new Set(), groups: new Set() };
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  /** Tree refreshes sent to VS Code (the benchmark counts them). */
  refreshCount = 0;

  constructor(
    private readonly connection: Connection,
    private readonly store: ChatwootStore,
    private readonly log: Logger,
  ) {
    this.treeDataProvider = new ConversationsTreeProvider(() => connection.signedIn, store, log);
    this.onDidLoad = this.treeDataProvider.onDidLoad;
    this.treeView = vscode.window.createTreeView(CONVERSATIONS_VIEW_ID, {
      treeDataProvider: this.treeDataProvider,
      showCollapseAll: true,
      canSelectMany: true,
    });
    this.disposables.push(
      this.treeView,
      this.treeDataProvider,
      connection.onDidChange(() => this.reset()),
      store.onDidChange((change) => this.onStoreChange(change)),
      this.treeDataProvider.onDidLoad((node) => {
        if (node) return;
        this.updateBadge();
        this.treeView.message = this.treeDataProvider.rootMessage;
      }),
    );
    if (connection.signedIn) this.schedulePrefetch('all');
  }

  /** Reloads a node's subtree: an account (and its counts), a group, a conversation's group; none = everything. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.store.refreshAll(); // also picks up new accounts
      this.schedulePrefetch('all');
      return;
    }
    switch (node.kind) {
      case 'account':
        this.store.refreshAccount(node.accountId);
        this.schedulePrefetch(node.accountId);
        return;
      case 'group':
      case 'conversation':
        return this.store.refreshList(node.accountId, node.group);
      case 'loadMore':
        return this.store.refreshList(node.parent.accountId, node.parent.group);
      case 'message':
        return this.refresh(this.treeDataProvider.getParent(node));
    }
  }

  /** `chatwoot.refresh`: the selected nodes (or the clicked one), else everything. */
  refreshCommand(node?: unknown, selection?: unknown): void {
    const targets = (Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [node]).filter(isTreeNode);
    if (targets.length === 0) this.refresh();
    for (const t of targets) this.refresh(t);
  }

  /** `chatwoot.loadMore`: appends the next page of the node's group; errors are shown, since the user clicked. */
  async loadMoreCommand(node?: unknown): Promise<void> {
    if (!(node instanceof LoadMoreNode)) return;
    const { accountId, group } = node.parent;
    try {
      await vscode.window.withProgress({ location: { viewId: CONVERSATIONS_VIEW_ID } }, () => this.store.loadMore(accountId, group));
      this.flushNow();
    } catch (e) {
      if (!isCancellation(e)) showError(vscode.l10n.t('Could not load more conversations'), e, this.log);
    }
  }

  /**
   * The row a keyboard shortcut of the view acts on (package.json `keybindings` pass
   * `{ focusedRow: true }`): the one selected row, else undefined (the command then asks).
   */
  focusedRow(): TreeNode | undefined {
    const selection = this.treeView.selection;
    return selection.length === 1 ? selection[0] : undefined;
  }

  /** Shows a conversation's row (Mine first, else All), selected and focused. */
  async reveal(accountId: number, displayId: number): Promise<void> {
    for (const kind of ['mine', 'all'] as const) {
      const node = await this.treeDataProvider.revealable(accountId, kind, displayId);
      if (node) return this.treeView.reveal(node, { select: true, focus: true, expand: true });
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Conversation {0} is not among the open conversations any more.', `#${displayId}`));
  }

  dispose(): void {
    clearTimeout(this.prefetchTimer);
    this.prefetchDone?.();
    clearTimeout(this.flushTimer);
    for (const d of this.disposables) d.dispose();
  }

  private onStoreChange(change: StoreChange): void {
    if (change.accountId === undefined) {
      // A refresh, a reset, or a profile read again (accounts, names, roles): from the root. Loaded
      // lists come from the store, so this costs no request.
      this.pending.root = true;
    } else {
      const { accountId } = change;
      if (change.lists === undefined && !change.counts) this.pending.accounts.add(accountId);
      if (change.counts) this.updateBadge();
      if (this.treeDataProvider.countsOutdated(accountId)) this.pending.accounts.add(accountId);
      for (const kind of change.lists ?? []) if (this.treeDataProvider.groupOutdated(accountId, kind)) this.pending.groups.add(`${accountId}/${kind}`);
    }
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    const { root, accounts, groups } = this.pending;
    if (!root && accounts.size === 0 && groups.size === 0) return;
    if (this.flushTimer) return;
    const wait = Math.max(0, this.lastFlush + 1000 / REFRESHES_PER_SECOND - Date.now());
    this.flushTimer = setTimeout(() => this.flushNow(), wait);
  }

  /** Sends the pending refreshes: the root covers everything, an account covers its groups. */
  private flushNow(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const { root, accounts, groups } = this.pending;
    this.pending = { root: false, accounts: new Set(), groups: new Set() };
    this.lastFlush = Date.now();
    const provider = this.treeDataProvider;
    if (root) {
      this.refreshCount++;
      provider.fire(undefined);
      return;
    }
    const nodes: TreeNode[] = [];
    for (const id of accounts) {
      const node = provider.accountNode(id);
      if (node) nodes.push(node);
    }
    for (const key of groups) {
      const [id, kind] = key.split('/');
      if (accounts.has(Number(id))) continue;
      const node = provider.groupNode(Number(id), kind as ListKind);
      if (node) nodes.push(node);
    }
    for (const node of nodes) provider.fire(node);
    if (nodes.length) this.refreshCount++;
  }

  /** Signed in, out, or to another server: start over (the store was reset by its owner). */
  private reset(): void {
    this.treeDataProvider.reset();
    this.treeView.message = undefined;
    this.updateBadge();
    this.pending.root = true;
    this.flushNow();
    if (this.connection.signedIn) this.schedulePrefetch('all');
  }

  private updateBadge(): void {
    const total = this.treeDataProvider.unassignedTotal();
    const tooltip = (n: number) => (pluralOne(n) ? vscode.l10n.t('1 unassigned conversation') : vscode.l10n.t('{0} unassigned conversations', formatCount(n)));
    this.treeView.badge = total ? { value: total, tooltip: tooltip(total) } : undefined;
  }

  /**
   * The badge needs the counts of collapsed accounts too, which VS Code never asks for. Deferred a
   * moment so that a burst of refreshes (or a sign-in still caching its profile) costs one pass;
   * the loads themselves are shared with the tree's, and the store's `idle()` waits for them.
   */
  private schedulePrefetch(target: number | 'all'): void {
    this.prefetchFor.add(target);
    if (this.prefetchTimer) return;
    void this.store.background(new Promise<void>((resolve) => (this.prefetchDone = resolve)));
    this.prefetchTimer = setTimeout(() => {
      const done = this.prefetchDone;
      this.prefetchTimer = undefined;
      this.prefetchDone = undefined;
      const targets = this.prefetchFor.has('all') ? [undefined] : [...this.prefetchFor].filter((t) => t !== 'all');
      this.prefetchFor.clear();
      void Promise.all(targets.map((t) => this.treeDataProvider.prefetchCounts(t))).finally(() => done?.());
    }, 50);
  }
}

function isTreeNode(x: unknown): x is TreeNode {
  return x instanceof AccountNode || x instanceof GroupNode || x instanceof ConversationNode || x instanceof LoadMoreNode;
}
