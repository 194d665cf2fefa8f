/**
 * The tree's node classes other than conversations. Each node IS its TreeItem, so commands invoked
 * from the tree receive the node itself. Account and group nodes are long-lived (one instance per
 * id) because `onDidChangeTreeData` finds the element to refresh by identity.
 */
import * as vscode from 'vscode';
import type { ProfileAccount } from '../api';
import { Commands } from '../commands/ids';
import { describeError } from '../ui/feedback';
import { RETRY, SET_TOKEN, SHOW_LOG } from '../ui/labels';
import type { ConversationNode } from './conversationNode';
import type { ListKind } from '../store/membership';
import { formatCount, pluralOne } from '../util/present';

export type TreeNode = AccountNode | GroupNode | ConversationNode | LoadMoreNode | MessageNode;

export class AccountNode extends vscode.TreeItem {
  readonly kind = 'account';
  account: ProfileAccount;

  constructor(account: ProfileAccount, expanded: boolean) {
    super(account.name, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = String(account.id);
    this.iconPath = new vscode.ThemeIcon('organization');
    this.account = account;
    this.update(account);
  }

  get accountId(): number {
    return this.account.id;
  }

  /** The profile marks suspended accounts; every request to them would be a 401. */
  get suspended(): boolean {
    return this.account.status === 'suspended';
  }

  update(account: ProfileAccount): void {
    this.account = account;
    this.label = account.name;
    const role = this.suspended ? vscode.l10n.t('suspended') : roleText(account.role);
    this.description = role;
    // Whole-word tokens for `viewItem =~ /\baccount\b/` in package.json.
    this.contextValue = this.suspended ? 'account suspended' : 'account';
    this.tooltip = vscode.l10n.t('{name} (account {id}) · {role}', { name: account.name, id: account.id, role });
  }
}

/** The account role as Chatwoot's dashboard names it; an unknown role as the server wrote it. */
function roleText(role: string): string {
  if (role === 'administrator') return vscode.l10n.t('administrator');
  if (role === 'agent') return vscode.l10n.t('agent');
  return role;
}

/** The group names of Chatwoot's dashboard tabs. */
function groupLabel(group: ListKind): string {
  if (group === 'mine') return vscode.l10n.t('Mine');
  if (group === 'unassigned') return vscode.l10n.t('Unassigned');
  return vscode.l10n.t('All');
}
const GROUP_ICON: Record<ListKind, string> = { mine: 'account', unassigned: 'inbox', all: 'list-unordered' };

/** "3 open conversations assigned to you": one sentence per group and plural form. */
function groupTooltip(group: ListKind, count: number): string {
  const n = formatCount(count);
  const one = pluralOne(count);
  switch (group) {
    case 'mine':
      return one ? vscode.l10n.t('1 open conversation assigned to you') : vscode.l10n.t('{0} open conversations assigned to you', n);
    case 'unassigned':
      return one ? vscode.l10n.t('1 open conversation without an agent') : vscode.l10n.t('{0} open conversations without an agent', n);
    case 'all':
      return one ? vscode.l10n.t('1 open conversation in the inboxes you can see') : vscode.l10n.t('{0} open conversations in the inboxes you can see', n);
  }
}

export class GroupNode extends vscode.TreeItem {
  readonly kind = 'group';
  count: number | undefined;

  constructor(
    readonly accountId: number,
    readonly group: ListKind,
  ) {
    // Triage defaults: your own and the unassigned conversations open, the long "All" list closed.
    super(groupLabel(group), group === 'all' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    this.id = groupId(accountId, group);
    this.contextValue = 'group';
    this.iconPath = new vscode.ThemeIcon(GROUP_ICON[group]);
  }

  setCount(count: number): void {
    this.count = count;
    this.description = formatCount(count);
    this.tooltip = groupTooltip(this.group, count);
  }
}

export function groupId(accountId: number, group: ListKind): string {
  return `${accountId}/${group}`;
}

export class LoadMoreNode extends vscode.TreeItem {
  readonly kind = 'loadMore';

  constructor(
    readonly parent: GroupNode,
    loaded: number,
  ) {
    super(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    this.id = `${parent.id ?? ''}/more`;
    this.description = parent.count === undefined ? undefined : vscode.l10n.t('{0} of {1}', formatCount(loaded), formatCount(parent.count));
    this.iconPath = new vscode.ThemeIcon('more');
    this.contextValue = 'loadMore';
    this.command = { command: Commands.loadMore, title: vscode.l10n.t('Load More Conversations'), arguments: [this] };
  }
}

/** Information, errors and the actions that fix them; never carries conversation data. */
export class MessageNode extends vscode.TreeItem {
  readonly kind = 'message';
  readonly children: readonly MessageNode[];

  constructor(id: string, label: string, options: { icon: string; tooltip?: string; command?: vscode.Command; contextValue?: string; children?: MessageNode[] }) {
    const children = options.children ?? [];
    super(label, children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.children = children;
    this.id = id;
    this.iconPath = new vscode.ThemeIcon(options.icon);
    this.tooltip = options.tooltip ?? label;
    this.command = options.command;
    this.contextValue = options.contextValue ?? 'message';
  }
}

export function infoNode(id: string, text: string): MessageNode {
  return new MessageNode(id, text, { icon: 'info' });
}

/**
 * An error as a node (never a toast: the tree loads on its own). Its children offer Retry, Show
 * Log and, when a new token fixes it, Set API Token.
 */
export function errorNode(parentId: string, error: unknown, retry: TreeNode | undefined): MessageNode {
  const { message, actions } = describeError(error);
  const action = (key: string, label: string, icon: string, command: vscode.Command) =>
    new MessageNode(`${parentId}/error/${key}`, label, { icon, command, contextValue: 'action' });
  const children = [
    ...(actions.includes(SET_TOKEN) ? [action('token', SET_TOKEN, 'key', { command: Commands.signIn, title: SET_TOKEN })] : []),
    action('retry', RETRY, 'refresh', { command: Commands.refresh, title: RETRY, arguments: retry ? [retry] : [] }),
    action('log', SHOW_LOG, 'output', { command: Commands.showLog, title: SHOW_LOG }),
  ];
  return new MessageNode(`${parentId}/error`, message, { icon: 'error', contextValue: 'error', children });
}
