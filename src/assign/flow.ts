/**
 * The Assign Conversation wizard: account → conversation → assignee, with Back between steps and
 * one AbortController for the whole flow (Escape stops every pending request). Entry points that
 * already know some answers (a tree item, "Assign to Me" from the palette) start further in.
 */
import * as vscode from 'vscode';
import type { Conversation, Profile, ProfileAccount } from '../api';
import type { Connection } from '../auth/connection';
import { raceAbort } from '../util/abort';
import { describeError, promptSignIn, showError } from '../ui/feedback';
import type { Logger } from '../util/log';
import { AccountData } from './accountData';
import type { AssigneeChoice } from './choice';
import { pickAccount, usableAccounts } from './pickAccount';
import { pickAssignee } from './pickAssignee';
import { pickConversation } from './pickConversation';
import { BACK, FlowCancelled, type StepContext } from './quickInput';
import type { AssignSession } from './session';

export interface FlowDeps {
  connection: Connection;
  log: Logger;
  session: AssignSession;
}

export interface FlowOptions {
  title: string;
  /** Ask for the assignee (false: the caller only needs a conversation). */
  needAssignee: boolean;
  /** Already chosen, e.g. from a tree item. */
  start?: { accountId: number; conversation: Conversation };
}

export interface FlowResult {
  accountId: number;
  conversation: Conversation;
  choice?: AssigneeChoice;
  profile: Profile;
}

type Step = 'account' | 'conversation' | 'assignee';

export async function runFlow(deps: FlowDeps, options: FlowOptions): Promise<FlowResult | undefined> {
  const client = deps.connection.client();
  const server = deps.connection.server;
  if (!client || !('origin' in server)) {
    promptSignIn('assign conversations');
    return undefined;
  }
  const controller = new AbortController();
  const errorText = (e: unknown) => describeError(e).message;
  try {
    // Remembered for the session: the account step shows at once (refreshed in the background).
    const profile = deps.session.cachedProfile
      ? await deps.session.profile(controller.signal)
      : await whileLoading(options.title, 'Loading your Chatwoot accounts…', controller, () => deps.session.profile(controller.signal));
    const accounts = usableAccounts(profile);
    if (!options.start && accounts.length === 0) {
      void vscode.window.showWarningMessage('Your Chatwoot profile has no active account to assign conversations in.');
      return undefined;
    }
    const steps: Step[] = [];
    if (!options.start && accounts.length > 1) steps.push('account');
    if (!options.start) steps.push('conversation');
    if (options.needAssignee) steps.push('assignee');

    let account: ProfileAccount | undefined = options.start ? accounts.find((a) => a.id === options.start!.accountId) : accounts.length === 1 ? accounts[0] : undefined;
    let accountId = options.start?.accountId ?? account?.id;
    let conversation = options.start?.conversation;
    let data: AccountData | undefined;
    let choice: AssigneeChoice | undefined;
    // As soon as the account is known, everything the next steps show is requested in parallel.
    const prepare = (id: number) => {
      if (data?.accountId === id) return;
      data = new AccountData(client, id, controller.signal, deps.log, deps.session.account(id));
      data.prefetch({ firstPage: !options.start });
      if (options.start && options.needAssignee) data.agentsFor([options.start.conversation.inbox_id]).catch(() => undefined);
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
        const picked = await pickConversation(ctx, { client, data: data!, accountName: account?.name ?? `account ${accountId}`, origin: server.origin, describeError: errorText });
        if (picked === BACK) {
          i--;
          continue;
        }
        conversation = picked;
      } else {
        const picked = await pickAssignee(ctx, [conversation!], profile, data!, errorText);
        if (picked === BACK) {
          i--;
          continue;
        }
        choice = picked;
      }
      i++;
    }
    return { accountId: accountId!, conversation: conversation!, choice, profile };
  } catch (e) {
    if (e instanceof FlowCancelled || controller.signal.aborted) return undefined;
    showError(options.title, e, deps.log);
    return undefined;
  } finally {
    controller.abort();
  }
}

/**
 * Shows a busy quick pick while the first data loads, so the user sees the flow start at once and
 * can leave it with Escape, which aborts the pending request.
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
