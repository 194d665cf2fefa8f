/**
 * Turns the store into tree nodes: accounts → Mine / Unassigned / All → conversations (+ Load
 * more). `getChildren` never shows a toast and never throws: failures become nodes (or, when the
 * server cannot be reached at all, an empty tree so that the "offline" welcome view shows).
 */
import * as vscode from 'vscode';
import type { Profile, ProfileAccount } from '../api';
import type { Conversation } from '../api';
import { ContextKeys, setContext } from '../contextKeys';
import { isChatwootError } from '../lazyApi';
import { countOf, LIST_KINDS, type ListKind } from '../store/membership';
import type { ChatwootStore } from '../store/store';
import { isCancellation } from '../ui/feedback';
import { isUsableAccount, usableAccounts } from '../util/accounts';
import type { Logger } from '../util/log';
import { ConversationNode, conversationTooltip } from './conversationNode';
import { AccountNode, errorNode, groupId, GroupNode, infoNode, LoadMoreNode, type TreeNode } from './nodes';

export class ConversationsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<TreeNode | undefined>();
  /** Fires when `getChildren(node)` has produced its nodes (undefined = the root). */
  readonly onDidLoad = this.loaded.event;
  private readonly accountNodes = new Map<number, AccountNode>();
  private readonly groupNodes = new Map<string, GroupNode>();
  /** Accounts of the last profile read that can have conversations (not suspended). */
  private activeAccountIds: number[] = [];
  /** Shown as `TreeView.message` (only for the rare "no account at all"). */
  rootMessage: string | undefined;
  private disposed = false;
  /**
   * One node per loaded conversation object, reused whenever VS Code asks for the group again (after
   * every "Load more…"): a group of 10,000 rows is not rebuilt per page. A reload brings new objects.
   */
  private nodes = new WeakMap<Conversation, ConversationNode>();
  /** What each group and account showed when VS Code last asked, to skip refreshes that would change nothing. */
  private shown = new Map<string, readonly Conversation[] | string>();

  constructor(
    private readonly signedIn: () => boolean,
    private readonly store: ChatwootStore,
    private readonly log: Logger,
  ) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node;
  }

  /** Called by VS Code on hover: the tooltip is built only for the rows someone looks at. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'conversation' && item.tooltip === undefined) item.tooltip = conversationTooltip(node.conversation);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'conversation':
        return this.groupNodes.get(groupId(node.accountId, node.group));
      case 'group':
        return this.accountNodes.get(node.accountId);
      case 'loadMore':
        return node.parent;
      default:
        return undefined;
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (this.disposed) return [];
    const children = await this.childrenOf(node);
    this.loaded.fire(node);
    return children;
  }

  /** Tells the tree that `node` (undefined = everything) must be asked again. */
  fire(node?: TreeNode): void {
    if (!this.disposed) this.changed.fire(node);
  }

  /** The live node for an account or group, whatever instance a command was handed. */
  accountNode(accountId: number): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  groupNode(accountId: number, kind: ListKind): GroupNode | undefined {
    return this.groupNodes.get(groupId(accountId, kind));
  }

  /** The node of a conversation in a group (created as VS Code would), for `TreeView.reveal`. */
  async revealable(accountId: number, kind: ListKind, displayId: number): Promise<ConversationNode | undefined> {
    await this.getChildren(); // account nodes
    const account = this.accountNodes.get(accountId);
    if (!account) return undefined;
    await this.getChildren(account); // group nodes
    const group = this.groupNode(accountId, kind);
    if (!group) return undefined;
    const children = await this.getChildren(group);
    return children.find((n): n is ConversationNode => n.kind === 'conversation' && n.conversation.id === displayId);
  }

  /** Sum of the newest Unassigned counts, or undefined while signed out. */
  unassignedTotal(): number | undefined {
    if (!this.signedIn()) return undefined;
    return this.activeAccountIds.reduce((sum, id) => sum + (this.store.counts(id)?.unassigned_count ?? 0), 0);
  }

  /** Loads the counts of every account (or of `only`), so the badge is right while the view is closed. */
  async prefetchCounts(only?: number): Promise<void> {
    if (this.disposed || !this.signedIn()) return;
    const report = (e: unknown) => {
      if (!isCancellation(e)) this.log.warn(`Could not load conversation counts for the badge: ${describe(e)}`);
    };
    try {
      this.useProfile(await this.store.profile());
    } catch (e) {
      return report(e);
    }
    const ids = this.activeAccountIds.filter((id) => only === undefined || id === only);
    await Promise.all(ids.map((id) => this.store.loadCounts(id).catch(report)));
  }

  /** Another user or server: nothing of the old tree is valid. */
  reset(): void {
    this.activeAccountIds = [];
    this.rootMessage = undefined;
    this.nodes = new WeakMap();
    this.shown.clear();
  }

  /** True when the group's rows in the store differ from what the tree last showed (or it never showed them). */
  groupOutdated(accountId: number, kind: ListKind): boolean {
    const shown = this.shown.get(groupId(accountId, kind));
    if (!Array.isArray(shown)) return shown === undefined ? false : true;
    const now = this.store.list(accountId, kind);
    if (!now) return true;
    return (
      now.conversations.length !== shown.length ||
      now.conversations.some((c, i) => c !== shown[i]) ||
      now.hasMore !== (this.shown.get(`${groupId(accountId, kind)}/more`) === 'more')
    );
  }

  /** True when the account's counts in the store differ from the ones its groups show. */
  countsOutdated(accountId: number): boolean {
    const shown = this.shown.get(String(accountId));
    const counts = this.store.counts(accountId);
    return shown !== undefined && counts !== undefined && shown !== countsKey(counts);
  }

  dispose(): void {
    this.disposed = true;
    this.changed.dispose();
    this.loaded.dispose();
  }

  private async childrenOf(node: TreeNode | undefined): Promise<TreeNode[]> {
    // A refresh aborts the loads it supersedes; their waiters simply ask the fresh entries (a few
    // times at most: a cancellation that keeps coming back is reported like any other failure).
    for (let attempt = 1; ; attempt++) {
      try {
        if (!node) return await this.roots();
        switch (node.kind) {
          case 'account':
            return await this.accountChildren(node);
          case 'group':
            return await this.groupChildren(node);
          case 'message':
            return [...node.children];
          default:
            return [];
        }
      } catch (e) {
        if (this.disposed) return [];
        if (isCancellation(e) && attempt < 5) continue;
        return this.failure(node, e);
      }
    }
  }

  private async roots(): Promise<TreeNode[]> {
    if (!this.signedIn()) {
      this.reset();
      return []; // the signed-out welcome view
    }
    const profile = await this.store.profile();
    setContext(ContextKeys.offline, false);
    return this.useProfile(profile);
  }

  private useProfile(profile: Profile): AccountNode[] {
    const active = usableAccounts(profile);
    this.activeAccountIds = active.map((a) => a.id);
    this.rootMessage = profile.accounts.length === 0 ? vscode.l10n.t('Your Chatwoot user is not a member of any account.') : undefined;
    return profile.accounts.map((account) => this.accountNodeFor(account, profile, active.length));
  }

  private accountNodeFor(account: ProfileAccount, profile: Profile, activeCount: number): AccountNode {
    let node = this.accountNodes.get(account.id);
    if (node) {
      node.update(account);
    } else {
      // Open the only account, or the one the user worked in last (as the dashboard does).
      const expanded = isUsableAccount(account) && (activeCount === 1 || account.id === profile.account_id);
      node = new AccountNode(account, expanded);
      this.accountNodes.set(account.id, node);
    }
    return node;
  }

  private async accountChildren(node: AccountNode): Promise<TreeNode[]> {
    if (node.suspended) return [infoNode(`${node.accountId}/suspended`, vscode.l10n.t('This account is suspended.'))];
    const counts = await this.store.loadCounts(node.accountId);
    this.shown.set(String(node.accountId), countsKey(counts));
    return LIST_KINDS.map((kind) => {
      const key = groupId(node.accountId, kind);
      let group = this.groupNodes.get(key);
      if (!group) this.groupNodes.set(key, (group = new GroupNode(node.accountId, kind)));
      group.setCount(countOf(counts, kind));
      return group;
    });
  }

  private async groupChildren(node: GroupNode): Promise<TreeNode[]> {
    const [profile, data] = await Promise.all([this.store.profile(), this.store.loadList(node.accountId, node.group)]);
    const key = groupId(node.accountId, node.group);
    this.shown.set(key, data.conversations);
    this.shown.set(`${key}/more`, data.hasMore ? 'more' : 'end');
    const children: TreeNode[] = data.conversations.map((c) => this.conversationNode(node, c, profile.id));
    if (children.length === 0) children.push(infoNode(`${node.id ?? ''}/empty`, vscode.l10n.t('No open conversations.')));
    if (data.hasMore) children.push(new LoadMoreNode(node, data.conversations.length));
    return children;
  }

  private conversationNode(group: GroupNode, c: Conversation, me: number): ConversationNode {
    let node = this.nodes.get(c);
    if (!node || node.accountId !== group.accountId || node.group !== group.group || node.me !== me) {
      node = new ConversationNode(group.accountId, group.group, c, me);
      this.nodes.set(c, node);
    }
    return node;
  }

  private failure(node: TreeNode | undefined, e: unknown): TreeNode[] {
    const where = node ? `"${typeof node.label === 'string' ? node.label : (node.id ?? '?')}"` : 'accounts';
    this.log.error(`Could not load Chatwoot ${where}`, e);
    if (!node && isChatwootError(e) && (e.kind === 'network' || e.kind === 'timeout')) {
      setContext(ContextKeys.offline, true);
      return []; // the offline welcome view, with Retry
    }
    const retry = node && (node.kind === 'account' || node.kind === 'group') ? node : undefined;
    return [errorNode(node?.id ?? 'root', e, retry)];
  }
}

function countsKey(c: { mine_count: number; unassigned_count: number; assigned_count: number; all_count: number }): string {
  return `${c.mine_count}/${c.unassigned_count}/${c.assigned_count}/${c.all_count}`;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
