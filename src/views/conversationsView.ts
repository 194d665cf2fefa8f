/**
 * The Conversations view: the TreeView, its badge, its two commands (Refresh, Load more) and what
 * makes it reload (sign-in changes, assignments, the Refresh command). No polling: the tree loads
 * when VS Code asks for it, and the counts for the badge once per refresh.
 */
import * as vscode from 'vscode';
import type { AssignmentEvents } from '../assign/events';
import type { Connection } from '../auth/connection';
import { Commands } from '../commands/ids';
import { isCancellation, showError } from '../ui/feedback';
import type { Logger } from '../util/log';
import { ConversationNode } from './conversationNode';
import { ConversationsModel } from './model';
import { AccountNode, GroupNode, LoadMoreNode, type TreeNode } from './nodes';
import { ConversationsTreeProvider } from './provider';

export const CONVERSATIONS_VIEW_ID = 'chatwoot.conversations';

export interface ConversationsViewDeps {
  connection: Connection;
  events: AssignmentEvents;
  log: Logger;
}

export class ConversationsView implements vscode.Disposable {
  readonly treeDataProvider: ConversationsTreeProvider;
  readonly treeView: vscode.TreeView<TreeNode>;
  /** Fires when the children of a node (undefined = the root) have been produced. */
  readonly onDidLoad: vscode.Event<TreeNode | undefined>;
  private readonly model: ConversationsModel;
  private readonly disposables: vscode.Disposable[] = [];
  private prefetchTimer: NodeJS.Timeout | undefined;
  private readonly prefetchFor = new Set<number | 'all'>();

  constructor(private readonly deps: ConversationsViewDeps) {
    this.model = new ConversationsModel(deps.connection);
    this.treeDataProvider = new ConversationsTreeProvider(deps.connection, this.model, deps.log);
    this.onDidLoad = this.treeDataProvider.onDidLoad;
    this.treeView = vscode.window.createTreeView(CONVERSATIONS_VIEW_ID, {
      treeDataProvider: this.treeDataProvider,
      showCollapseAll: true,
      canSelectMany: true,
    });
    this.disposables.push(
      this.treeView,
      this.treeDataProvider,
      this.model,
      deps.connection.onDidChange(() => this.reset()),
      // The assignment moved a conversation between groups and changed the counts of its account.
      deps.events.onDidAssign((e) => this.refreshAccount(e.accountId)),
      this.model.onDidChangeCounts(() => this.updateBadge()),
      this.treeDataProvider.onDidLoad((node) => {
        if (node) return;
        this.updateBadge();
        this.treeView.message = this.treeDataProvider.rootMessage;
      }),
    );
    if (deps.connection.signedIn) this.schedulePrefetch('all');
  }

  /** Reloads a node's subtree: an account (and its counts), a group, a conversation's group; none = everything. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.deps.connection.invalidateProfile(); // a full refresh also picks up new accounts
      this.model.invalidateAll();
      this.treeDataProvider.fire(undefined);
      this.schedulePrefetch('all');
      return;
    }
    switch (node.kind) {
      case 'account':
        return this.refreshAccount(node.accountId);
      case 'group':
      case 'conversation':
        return this.refreshGroup(node.accountId, node.group);
      case 'loadMore':
        return this.refreshGroup(node.parent.accountId, node.parent.group);
      case 'message':
        return this.refresh(this.treeDataProvider.getParent(node));
    }
  }

  /** Appends the next page of the node's group; errors are shown, since the user clicked. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const { accountId, group } = node.parent;
    try {
      await vscode.window.withProgress({ location: { viewId: CONVERSATIONS_VIEW_ID } }, () => this.model.loadMore(accountId, group));
      const live = this.treeDataProvider.groupNode(accountId, group);
      if (live) this.treeDataProvider.fire(live);
    } catch (e) {
      if (!isCancellation(e)) showError('Could not load more conversations', e, this.deps.log);
    }
  }

  dispose(): void {
    clearTimeout(this.prefetchTimer);
    for (const d of this.disposables) d.dispose();
  }

  private refreshAccount(accountId: number): void {
    this.model.invalidateAccount(accountId);
    const node = this.treeDataProvider.accountNode(accountId);
    if (node) this.treeDataProvider.fire(node);
    this.schedulePrefetch(accountId);
  }

  private refreshGroup(accountId: number, group: GroupNode['group']): void {
    this.model.invalidateGroup(accountId, group);
    const node = this.treeDataProvider.groupNode(accountId, group);
    if (node) this.treeDataProvider.fire(node);
  }

  /** Signed in, out, or to another server: start over. */
  private reset(): void {
    this.model.reset();
    this.treeDataProvider.reset();
    this.treeView.message = undefined;
    this.updateBadge();
    this.treeDataProvider.fire(undefined);
    if (this.deps.connection.signedIn) this.schedulePrefetch('all');
  }

  private updateBadge(): void {
    const total = this.treeDataProvider.unassignedTotal();
    this.treeView.badge = total ? { value: total, tooltip: `${total} unassigned conversation${total === 1 ? '' : 's'}` } : undefined;
  }

  /**
   * The badge needs the counts of collapsed accounts too, which VS Code never asks for. Deferred a
   * moment so that a burst of refreshes (or a sign-in still caching its profile) costs one pass;
   * the loads themselves are shared with the tree's.
   */
  private schedulePrefetch(target: number | 'all'): void {
    this.prefetchFor.add(target);
    clearTimeout(this.prefetchTimer);
    this.prefetchTimer = setTimeout(() => {
      const targets = this.prefetchFor.has('all') ? [undefined] : [...this.prefetchFor].filter((t) => t !== 'all');
      this.prefetchFor.clear();
      for (const t of targets) void this.treeDataProvider.prefetchCounts(t);
    }, 50);
  }
}

/**
 * Creates the view and registers Refresh and Load more. Everything ends up in
 * `context.subscriptions`.
 */
export function registerConversationsView(context: vscode.ExtensionContext, deps: ConversationsViewDeps): ConversationsView {
  const view = new ConversationsView(deps);
  context.subscriptions.push(
    view,
    // From a context menu VS Code passes (clicked node, selected nodes); from the title bar, nothing.
    vscode.commands.registerCommand(Commands.refresh, (node?: unknown, selection?: unknown) => {
      const targets = (Array.isArray(selection) && selection.length > 0 ? (selection as unknown[]) : [node]).filter(isTreeNode);
      if (targets.length === 0) view.refresh();
      for (const t of targets) view.refresh(t);
    }),
    vscode.commands.registerCommand(Commands.loadMore, (node?: unknown) => (node instanceof LoadMoreNode ? view.loadMore(node) : undefined)),
  );
  return view;
}

function isTreeNode(x: unknown): x is TreeNode {
  return x instanceof AccountNode || x instanceof GroupNode || x instanceof ConversationNode || x instanceof LoadMoreNode;
}
