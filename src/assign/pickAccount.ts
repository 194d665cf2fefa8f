/** Step 1: the Chatwoot account (skipped when the user has exactly one usable account). */
import * as vscode from 'vscode';
import type { Profile, ProfileAccount } from '../api';
import { usableAccounts } from '../util/accounts';
import { pickStep, type Back, type StepContext } from './quickInput';

interface AccountItem extends vscode.QuickPickItem {
  account: ProfileAccount;
}

export async function pickAccount(ctx: StepContext, profile: Profile, describeError: (e: unknown) => string): Promise<ProfileAccount | Back> {
  const items: AccountItem[] = usableAccounts(profile).map((account) => ({
    label: account.name,
    description: account.role,
    detail: account.id === profile.account_id ? vscode.l10n.t('most recently used') : undefined,
    iconPath: new vscode.ThemeIcon('organization'),
    account,
  }));
  const picked = await pickStep(ctx, { placeholder: vscode.l10n.t('Pick the Chatwoot account'), initial: items, describeError });
  return typeof picked === 'symbol' ? picked : picked.account;
}
