/**
 * Chatwoot: Set Availability. An account step when the user has several, then Online / Busy /
 * Offline with the current one marked; `POST /api/v1/profile/availability`. The answer is the whole
 * profile: the store takes it and the status bar follows. Non-interactive:
 * `executeCommand('chatwoot.setAvailability', { accountId, availability })`.
 */
import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { AVAILABILITIES, availabilityLabel, availabilityWord, currentAccount, ownAvailability, type AvailabilityValue } from './availabilityText';

const ICON: Record<AvailabilityValue, string> = { online: 'circle-filled', busy: 'clock', offline: 'circle-outline' };

export async function setAvailability(s: Services, arg?: unknown): Promise<string | undefined> {
  const client = s.connection.client();
  if (!client) return undefined;
  const profile = await s.store.profile();
  const accounts = profile.accounts.filter((a) => a.status !== 'suspended');
  const given = arg as { accountId?: unknown; availability?: unknown } | undefined;
  let accountId: number | undefined;
  let value: AvailabilityValue | undefined;
  if (given && typeof given === 'object' && 'availability' in given) {
    if (!AVAILABILITIES.includes(given.availability as AvailabilityValue) || !accounts.some((a) => a.id === given.accountId)) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t('{title}: expected {shape}', {
          title: vscode.l10n.t('Set Availability'),
          shape: '{ accountId: one of your accounts, availability: "online" | "busy" | "offline" }',
        }),
      );
      return undefined;
    }
    accountId = given.accountId as number;
    value = given.availability as AvailabilityValue;
  } else {
    let account = accounts.length === 1 ? accounts[0] : undefined;
    if (!account) {
      const current = currentAccount(profile);
      const picked = await vscode.window.showQuickPick(
        accounts.map((a) => ({
          label: a.name,
          description: [availabilityOf(a), a.id === current?.id ? vscode.l10n.t('current') : undefined].filter(Boolean).join(' · '),
          account: a,
        })),
        { title: vscode.l10n.t('Chatwoot: Set Availability'), placeHolder: vscode.l10n.t('Pick the account') },
      );
      if (!picked) return undefined;
      account = picked.account;
    }
    const now = ownAvailability(account);
    const picked = await vscode.window.showQuickPick(
      AVAILABILITIES.map((v) => ({
        label: availabilityLabel(v),
        description: v === now ? vscode.l10n.t('current') : undefined,
        iconPath: new vscode.ThemeIcon(ICON[v]),
        value: v,
      })),
      {
        title: vscode.l10n.t('Chatwoot: Set Availability — {0}', account.name),
        placeHolder: now ? vscode.l10n.t('You are {0} in {1}', availabilityWord(now), account.name) : vscode.l10n.t('You are unknown in {0}', account.name),
      },
    );
    if (!picked) return undefined;
    accountId = account.id;
    value = picked.value;
  }
  const updated = await client.setAvailability(accountId, value);
  s.store.setProfile(updated);
  const recorded = updated.accounts.find((a) => a.id === accountId);
  const result = recorded ? ownAvailability(recorded) : value;
  s.log.info(`Availability in account ${accountId} set to ${result}`);
  return result;
}

function availabilityOf(account: Parameters<typeof ownAvailability>[0]): string | undefined {
  const value = ownAvailability(account);
  return value === undefined ? undefined : availabilityWord(value);
}
