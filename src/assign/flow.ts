/**
 * The Assign Conversation wizard: account → conversation → assignee, with Back between steps and
 * one AbortController for the whole flow (Escape ends every wait at once). Entry points that
 * already know some answers (a tree item, "Assign to Me" from the palette) start further in. Every
 * list it shows comes from the store, so the pickers open on what the tree already holds.
 */
import * as vscode from 'vscode';
import type { Conversation, Profile, ProfileAccount } from '../api';
import type { Services } from '../commands/services';
import { raceAbort } from '../util/abort';
import { describeError, showError } from '../ui/feedback';
import type { AssigneeChoice } from './choice';
import { usableAccounts } from '../util/accounts';
import { pickAccount } from './pickAccount';
import { pickAssignee, prefetchAssignees, seesWorkload } from './pickAssignee';
import { pickConversation } from './pickConversation';
import { BACK, FlowCancelled, type StepContext } from './quickInput';

/** A known profile is used at once; one older than this is re-read in the background. */
export const PROFILE_REFRESH_MS = 60_000;

export interface FlowOptions {
  title: string;
  /** Ask for the assignee (false: the caller only needs a conversation). */
  needAssignee: boolean;
  /** Already chosen, e.g. from a tree item. */
  start?: { accountId: number; conversation: Conversation };
  /** Agents and teams carry "Assign with a note…" in the assignee step. */
  noteButton?: boolean;
}

export interface FlowResult {
  accountId: number;
  conversation: Conversation;
  choice?: AssigneeChoice;
  /** The assignee was picked with "Assign with a note…". */
  withNote?: boolean;
  profile: Profile;
}

type Step = 'account' | 'conversation' | 'assignee';

const noop = () => undefined;

export async function runFlow(s: Services, options: FlowOptions): Promise<FlowResult | undefined> {
  const client = s.connection.client();
  const server = s.connection.server;
  if (!client || !('origin' in server)) return undefined; // the command wrapper checked; signed out meanwhile
  const { store } = s;
  const controller = new AbortController();
  const errorText = (e: unknown) => describeError(e).message;
  try {
    const known = store.knownProfile;
    if (known) store.refreshProfileIfOlderThan(PROFILE_REFRESH_MS);
    const profile = known ?? (await whileLoading(options.title, vscode.l10n.t('Loading your Chatwoot accounts…'), controller, () => store.profile(controller.signal)));
    const accounts = usableAccounts(profile);
    if (!options.start && accounts.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Your Chatwoot profile has no active account to assign conversations in.'));
      return undefined;
    }
    const steps: Step[] = [];
    if (!options.start && accounts.length > 1) steps.push('account');
    if (!options.start) steps.push('conversation');
    if (options.needAssignee) steps.push('assignee');

    let account: ProfileAccount | undefined = options.start ? accounts.find((a) => a.id === options.start!.accountId) : accounts.length === 1 ? accounts[0] : undefined;
    let accountId = options.start?.accountId ?? account?.id;
    let conversation = options.start?.conversation;
    let choice: AssigneeChoice | undefined;
    let withNote = false;
    // As soon as the account is known, what the next steps show is requested in parallel (the store
    // shares each request with the tree and keeps the answers).
    const prepare = (id: number) => {
      store.inboxes(id).get().catch(noop);
      if (options.needAssignee) store.teams(id).get().catch(noop);
      if (options.needAssignee && seesWorkload(profile, id)) store.workload(id).get().catch(noop);
      if (!options.start && !store.list(id, 'all')) store.loadList(id, 'all').catch(noop);
      if (options.start && options.needAssignee) prefetchAssignees(store, id, [options.start.conversation.inbox_id]);
    };
    if (accountId !== undefined) prepare(accountId);

    for (let i = 0; i < steps.length; ) {
      const ctx: StepContext = { title: options.title, step: i + 1, totalSteps: steps.length, signal: controller.signal, canGoBack: i > 0 };
      const step = steps[i];
      if (step === 'account') {
        const picked = await pickAccount(ctx, profile, errorText);
        if (picked === BACK) continue;
        account = picked;
        accountId = picked.id;
        prepare(picked.id);
      } else if (step === 'conversation') {
        const picked = await pickConversation(ctx, {
          store,
          client,
          accountId: accountId!,
          accountName: account?.name ?? vscode.l10n.t('account {0}', accountId!),
          origin: server.origin,
          describeError: errorText,
        });
        if (picked === BACK) {
          i--;
          continue;
        }
        conversation = picked;
      } else {
        const picked = await pickAssignee(ctx, [conversation!], profile, store, accountId!, errorText, undefined, { noteButton: options.noteButton });
        if (picked === BACK) {
          i--;
          continue;
        }
        const { withNote: note, ...rest } = picked;
        choice = rest;
        withNote = note === true;
      }
      i++;
    }
    return { accountId: accountId!, conversation: conversation!, choice, withNote, profile };
  } catch (e) {
    if (e instanceof FlowCancelled || controller.signal.aborted) return undefined;
    showError(options.title, e, s.log);
    return undefined;
  } finally {
    controller.abort();
  }
}

/**
 * Shows a busy quick pick while the first data loads, so the user sees the flow start at once and
 * can leave it with Escape, which ends the wait.
 */
async function whileLoading<T>(title: string, placeholder: string, controller: AbortController, load: () => Promise<T>): Promise<T> {
  const picker = vscode.window.createQuickPick();
  picker.title = title;
  picker.placeholder = placeholder;
  picker.busy = true;
  let loaded = false;
  const hide = picker.onDidHide(() => {
    if (!loaded) controller.abort(new FlowCancelled());
  });
  picker.show();
  try {
    return await raceAbort(load(), controller.signal);
  } finally {
    loaded = true;
    hide.dispose();
    picker.dispose();
  }
}
