/**
 * Step 3: who gets the conversation. "Assign to me" first, then "Unassign" / "Remove team" when
 * they apply, then the agents the dashboard would offer for the conversation's inbox (online →
 * busy → offline), then the teams. The current assignee and team are marked.
 */
import * as vscode from 'vscode';
import type { Agent, Conversation, Profile, Team } from '../api';
import { byAvailability, humanAssignee, botAssignee } from '../util/present';
import type { AccountData } from './accountData';
import type { AssigneeChoice } from './choice';
import { pickStep, type Back, type StepContext } from './quickInput';

type Item = vscode.QuickPickItem & { choice?: AssigneeChoice };

const AVAILABILITY_ICON: Record<string, vscode.ThemeIcon> = {
  online: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('testing.iconPassed')),
  busy: new vscode.ThemeIcon('clock', new vscode.ThemeColor('editorWarning.foreground')),
  offline: new vscode.ThemeIcon('circle-outline'),
};

export function assigneeItems(conversation: Conversation, me: Profile, agents: readonly Agent[], teams: readonly Team[]): Item[] {
  const current = humanAssignee(conversation);
  const bot = botAssignee(conversation);
  const team = conversation.meta.team;
  const items: Item[] = [
    {
      label: 'Assign to me',
      description: current?.id === me.id ? 'you are the assignee' : (me.available_name ?? me.name),
      iconPath: new vscode.ThemeIcon('account'),
      choice: { kind: 'agent', agentId: me.id, name: me.available_name ?? me.name, isMe: true },
    },
  ];
  if (current || bot) {
    items.push({ label: 'Unassign', description: `currently ${current?.available_name ?? `${bot?.name} (bot)`}`, iconPath: new vscode.ThemeIcon('circle-slash'), choice: { kind: 'unassign' } });
  }
  if (team) {
    items.push({ label: 'Remove team', description: `currently ${team.name}`, iconPath: new vscode.ThemeIcon('close'), choice: { kind: 'remove-team' } });
  }
  items.push({ label: 'Agents', kind: vscode.QuickPickItemKind.Separator });
  for (const agent of [...agents].sort(byAvailability)) {
    const marks = [agent.availability_status, agent.id === current?.id ? 'current assignee' : undefined, agent.id === me.id ? 'you' : undefined];
    items.push({
      label: agent.available_name,
      description: marks.filter(Boolean).join(' · '),
      detail: agent.available_name !== agent.name ? agent.name : undefined,
      iconPath: AVAILABILITY_ICON[agent.availability_status] ?? AVAILABILITY_ICON.offline,
      choice: { kind: 'agent', agentId: agent.id, name: agent.available_name, isMe: agent.id === me.id },
    });
  }
  items.push({ label: 'Teams', kind: vscode.QuickPickItemKind.Separator });
  for (const t of teams) {
    items.push({
      label: t.name,
      description: [t.id === team?.id ? 'current team' : undefined, t.is_member ? 'your team' : undefined, t.allow_auto_assign ? 'auto-assigns' : undefined].filter(Boolean).join(' · '),
      iconPath: new vscode.ThemeIcon('organization'),
      choice: { kind: 'team', teamId: t.id, name: t.name },
    });
  }
  return items;
}

export async function pickAssignee(ctx: StepContext, conversation: Conversation, me: Profile, data: AccountData, describeError: (e: unknown) => string): Promise<AssigneeChoice | Back> {
  const minimal = assigneeItems(conversation, me, [], []);
  const picked = await pickStep<Item>(ctx, {
    placeholder: `Assign #${conversation.id} to…`,
    initial: minimal,
    load: async () => {
      const [agents, teams] = await Promise.all([data.agentsFor(conversation.inbox_id), data.teams()]);
      return assigneeItems(conversation, me, agents, teams);
    },
    matchOnDescription: true,
    describeError,
  });
  if (typeof picked === 'symbol') return picked;
  // Separators cannot be accepted, so every acceptable item carries a choice.
  if (!picked.choice) throw new Error('unreachable: an item without a choice was accepted');
  return picked.choice;
}
