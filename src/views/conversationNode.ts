/**
 * One conversation in the tree. The assign commands read `accountId` and `conversation` from the
 * node the context menu hands them, so those two names are part of the contract.
 */
import * as vscode from 'vscode';
import type { Conversation } from '../api';
import { assigneeText, assignmentSummary, botAssignee, contactName, conversationLabel, humanAssignee, lastMessage, oneLine, relativeTime, statusText } from '../util/present';
import { Commands } from '../commands/ids';
import { groupId } from './nodes';
import type { ListKind } from '../store/membership';

export class ConversationNode extends vscode.TreeItem {
  readonly kind = 'conversation';

  constructor(
    readonly accountId: number,
    readonly group: ListKind,
    readonly conversation: Conversation,
    /** The signed-in user's id, to tell "mine" from "notMine". */
    readonly me: number | undefined,
  ) {
    super(conversationLabel(conversation), vscode.TreeItemCollapsibleState.None);
    // Per group: a conversation can be under Mine and All at once, and tree ids must be unique.
    this.id = `${groupId(accountId, group)}/${conversation.id}`;
    this.description = assignmentSummary(conversation);
    // The tooltip is built on hover (TreeDataProvider.resolveTreeItem): thousands of rows stay light,
    // and "last activity … ago" is right when it is read.
    this.iconPath = conversationIcon(conversation, me);
    this.contextValue = conversationContext(conversation, me).join(' ');
    // Opening a row (click or Enter, per `workbench.list.openMode`) opens its tab, keeping the focus
    // in the tree. Harmless with multi-select: VS Code runs an item's command only when exactly one
    // row is selected, Ctrl/Shift-clicks only change the selection, and the tab only reads (no
    // request changes anything on the server).
    this.command = { command: Commands.openConversation, title: 'Open Conversation', arguments: [this, { preserveFocus: true }] };
  }
}

/**
 * Capability tokens matched with `viewItem =~ /\btoken\b/` in package.json: always
 * `conversation`; `assigned` (a human agent) or `unassigned`; `mine` or `notMine`; `hasTeam`;
 * `bot` when an agent bot holds it (Chatwoot counts that as unassigned).
 */
export function conversationContext(c: Conversation, me: number | undefined): string[] {
  const human = humanAssignee(c);
  const tokens = ['conversation', human ? 'assigned' : 'unassigned', human && me !== undefined && human.id === me ? 'mine' : 'notMine'];
  if (c.meta.team) tokens.push('hasTeam');
  if (botAssignee(c)) tokens.push('bot');
  return tokens;
}

function conversationIcon(c: Conversation, me: number | undefined): vscode.ThemeIcon {
  const human = humanAssignee(c);
  if (human && human.id === me) return new vscode.ThemeIcon('person', new vscode.ThemeColor('charts.green'));
  if (human) return new vscode.ThemeIcon('person');
  if (botAssignee(c)) return new vscode.ThemeIcon('robot');
  return new vscode.ThemeIcon('circle-large-outline');
}

/** Contact names, labels and messages come from strangers: every value goes in as escaped text. */
export function conversationTooltip(c: Conversation): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const line = (name: string, value: string | undefined) => {
    if (!value) return;
    md.appendMarkdown(vscode.l10n.t('**{0}:** ', name));
    md.appendText(oneLine(value, 200));
    md.appendMarkdown('  \n');
  };
  md.appendMarkdown('**');
  md.appendText(oneLine(conversationLabel(c)));
  md.appendMarkdown('**\n\n');
  const sender = c.meta.sender;
  const reach = [sender.email, sender.phone_number].filter((x): x is string => !!x).join(', ');
  line(vscode.l10n.t('Contact'), reach ? `${contactName(c)} (${reach})` : contactName(c));
  const channel = c.meta.channel?.replace(/^Channel::/, '');
  line(vscode.l10n.t('Inbox'), channel ? `${c.inbox_id} (${channel})` : String(c.inbox_id));
  line(vscode.l10n.t('Status'), statusText(c));
  line(vscode.l10n.t('Assignee'), assigneeText(c));
  line(vscode.l10n.t('Team'), c.meta.team?.name);
  line(vscode.l10n.t('Labels'), c.labels?.length ? c.labels.join(', ') : undefined);
  const last = lastMessage(c);
  line(vscode.l10n.t('Last message'), last?.content ?? undefined);
  line(vscode.l10n.t('Last activity'), relativeTime(c.last_activity_at, Date.now(), vscode.env.language));
  return md;
}
