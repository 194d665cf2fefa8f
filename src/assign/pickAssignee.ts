/**
 * Step 3: who gets the conversation (or the selected conversations). "Assign to me" first, then
 * "Unassign" / "Remove team" when they apply, then the agents the dashboard would offer for the
 * inboxes involved (online → busy → offline), then the teams. The current assignee and team are
 * marked. What the store knows shows at once; lists older than AGENTS_FRESH_MS are read again and
 * replace it (availability changes).
 *
 * For administrators each agent and team shows its open conversations ("3 open", from the store's
 * workload, requested in parallel with the agents; the items update in place when it arrives, the
 * picker never waits for it). For one conversation, agents and teams carry an item button
 * "Assign with a note…" (a hand-off: the caller asks for the note).
 */
import * as vscode from 'vscode';
import type { Agent, Conversation, Profile, Team, WorkloadGroup } from '../api';
import type { Workload } from '../store/account';
import { availabilityWord } from '../sync/availabilityText';
import { assigneeText, botAssignee, byAvailability, humanAssignee, profileName } from '../util/present';
import type { Resource } from '../store/shared';
import type { ChatwootStore } from '../store/store';
import type { AssigneeChoice } from './choice';
import { pickStep, replaceItems, type Back, type StepContext } from './quickInput';

type Item = vscode.QuickPickItem & { choice?: AssigneeChoice };

/** What the step picked; `withNote` when it was picked with the "Assign with a note…" button. */
export type PickedAssignee = AssigneeChoice & { withNote?: boolean };

export const NOTE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('note'), tooltip: vscode.l10n.t('Assign with a note…') };

export interface AssigneeItemOptions {
  /** Open conversations per agent and team (administrators); absent: no counts. */
  workload?: Workload;
  /** Offer "Assign with a note…" on agents and teams. */
  noteButton?: boolean;
}

/** "3 open": a group missing from the report has no open conversation. */
function openText(groups: readonly WorkloadGroup[] | undefined, id: number): string | undefined {
  if (!groups) return undefined;
  return vscode.l10n.t('{0} open', groups.find((g) => g.id === id)?.open ?? 0);
}

const AVAILABILITY_ICON: Record<string, vscode.ThemeIcon> = {
  online: new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor('testing.iconPassed')),
  busy: new vscode.ThemeIcon('clock', new vscode.ThemeColor('editorWarning.foreground')),
  offline: new vscode.ThemeIcon('circle-outline'),
};

/** "currently Bob Brown" for one conversation, else `many` ("3 of 7 assigned") for several. */
function currently(conversations: readonly Conversation[], has: (c: Conversation) => string | undefined, many: (count: number, total: number) => string): string {
  const values = conversations.map(has).filter((v): v is string => v !== undefined);
  if (conversations.length === 1) return vscode.l10n.t('currently {0}', values[0]);
  return many(values.length, conversations.length);
}

export function assigneeItems(conversations: readonly Conversation[], me: Profile, agents: readonly Agent[], teams: readonly Team[], options: AssigneeItemOptions = {}): Item[] {
  const buttons = options.noteButton ? [NOTE_BUTTON] : undefined;
  const single = conversations.length === 1;
  const assignees = new Set(conversations.map((c) => humanAssignee(c)?.id).filter((id): id is number => id !== undefined));
  const teamIds = new Set(conversations.map((c) => c.meta.team?.id).filter((id): id is number => id !== undefined));
  const assigneeName = (c: Conversation) => (humanAssignee(c) || botAssignee(c) ? assigneeText(c) : undefined);
  const myName = profileName(me);
  const mineAll = assignees.size === 1 && assignees.has(me.id) && conversations.every((c) => humanAssignee(c));
  const items: Item[] = [
    {
      label: vscode.l10n.t('Assign to me'),
      description: mineAll ? (single ? vscode.l10n.t('you are the assignee') : vscode.l10n.t('you are the assignee of all')) : myName,
      iconPath: new vscode.ThemeIcon('account'),
      choice: { kind: 'agent', agentId: me.id, name: myName, isMe: true },
    },
  ];
  if (conversations.some((c) => assigneeName(c))) {
    items.push({
      label: vscode.l10n.t('Unassign'),
      description: currently(conversations, assigneeName, (count, total) => vscode.l10n.t('{0} of {1} assigned', count, total)),
      iconPath: new vscode.ThemeIcon('circle-slash'),
      choice: { kind: 'unassign' },
    });
  }
  if (teamIds.size > 0) {
    items.push({
      label: vscode.l10n.t('Remove team'),
      description: currently(
        conversations,
        (c) => c.meta.team?.name,
        (count, total) => vscode.l10n.t('{0} of {1} with a team', count, total),
      ),
      iconPath: new vscode.ThemeIcon('close'),
      choice: { kind: 'remove-team' },
    });
  }
  items.push({ label: vscode.l10n.t('Agents'), kind: vscode.QuickPickItemKind.Separator });
  for (const agent of [...agents].sort(byAvailability)) {
    const current = assignees.has(agent.id) ? (single ? vscode.l10n.t('current assignee') : vscode.l10n.t('assignee of some')) : undefined;
    const marks = [availabilityWord(agent.availability_status), openText(options.workload?.agents, agent.id), current, agent.id === me.id ? vscode.l10n.t('you') : undefined];
    items.push({
      buttons,
      label: agent.available_name,
      description: marks.filter(Boolean).join(' · '),
      detail: agent.available_name !== agent.name ? agent.name : undefined,
      iconPath: AVAILABILITY_ICON[agent.availability_status] ?? AVAILABILITY_ICON.offline,
      choice: { kind: 'agent', agentId: agent.id, name: agent.available_name, isMe: agent.id === me.id },
    });
  }
  items.push({ label: vscode.l10n.t('Teams'), kind: vscode.QuickPickItemKind.Separator });
  for (const t of teams) {
    const current = teamIds.has(t.id) ? (single ? vscode.l10n.t('current team') : vscode.l10n.t('team of some')) : undefined;
    items.push({
      label: t.name,
      description: [
        openText(options.workload?.teams, t.id),
        current,
        t.is_member ? vscode.l10n.t('your team') : undefined,
        t.allow_auto_assign ? vscode.l10n.t('auto-assigns') : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      buttons,
      iconPath: new vscode.ThemeIcon('organization'),
      choice: { kind: 'team', teamId: t.id, name: t.name },
    });
  }
  return items;
}

/** Agents and teams read longer ago than this are read again when the step opens. */
export const AGENTS_FRESH_MS = 30_000;

/** The known value while it is fresh, else a new read (shared with whoever else asks). */
export function fresh<T>(resource: Resource<T>, signal?: AbortSignal): Promise<T> {
  return resource.value !== undefined && Date.now() - resource.at < AGENTS_FRESH_MS ? Promise.resolve(resource.value) : resource.load(signal);
}

/**
 * Starts reading what the assignee step will show for conversations of these inboxes, as soon as
 * they are known (highlighted, looked up, picked), so the step rarely waits and a pick in it never
 * waits for a request.
 */
export function prefetchAssignees(store: ChatwootStore, accountId: number, inboxIds: readonly number[]): void {
  for (const resource of [store.assignableAgents(accountId, inboxIds), store.teams(accountId)]) {
    if (resource.value === undefined) resource.get().catch(() => undefined);
    else resource.refreshIfOlderThan(AGENTS_FRESH_MS);
  }
}

/** Workload counts are for administrators of the account (others get a 401 from the report). */
export function seesWorkload(me: Profile, accountId: number): boolean {
  return me.accounts.some((a) => a.id === accountId && a.role === 'administrator');
}

export async function pickAssignee(
  ctx: StepContext,
  conversations: readonly Conversation[],
  me: Profile,
  store: ChatwootStore,
  accountId: number,
  describeError: (e: unknown) => string,
  placeholder = conversations.length === 1 ? vscode.l10n.t('Assign {0} to…', `#${conversations[0].id}`) : vscode.l10n.t('Assign {0} conversations to…', conversations.length),
  options: { noteButton?: boolean } = {},
): Promise<PickedAssignee | Back> {
  const agents = store.assignableAgents(
    accountId,
    conversations.map((c) => c.inbox_id),
  );
  const teams = store.teams(accountId);
  const workload = seesWorkload(me, accountId) ? store.workload(accountId) : undefined;
  const noteButton = options.noteButton === true && conversations.length === 1;
  // The newest of each list: whichever answer lands last renders with the others' latest values.
  let shown = { agents: agents.value ?? [], teams: teams.value ?? [] };
  const items = () => assigneeItems(conversations, me, shown.agents, shown.teams, { workload: workload?.value, noteButton });
  const sameItem = (a: Item, b: Item) => a.label === b.label && a.kind === b.kind;
  let withNote = false;
  const picked = await pickStep<Item>(ctx, {
    placeholder,
    initial: items(),
    load: async (signal) => {
      const [a, t] = await Promise.all([fresh(agents, signal), fresh(teams, signal)]);
      shown = { agents: a, teams: t };
      return items();
    },
    sameItem,
    matchOnDescription: true,
    describeError,
    setup(picker, signal) {
      // Counts never hold the picker up: they fill in when they come, or not at all on failure.
      let open = true;
      if (workload) {
        fresh(workload, signal).then(
          () => open && replaceItems(picker, items(), sameItem),
          () => undefined,
        );
      }
      return {
        dispose: () => (open = false),
        onItemButton(item, button) {
          if (button !== NOTE_BUTTON || !item.choice) return false;
          withNote = true;
          return true;
        },
      };
    },
  });
  if (typeof picked === 'symbol') return picked;
  // Separators cannot be accepted, so every acceptable item carries a choice.
  if (!picked.choice) throw new Error('unreachable: an item without a choice was accepted');
  return withNote ? { ...picked.choice, withNote } : picked.choice;
}
