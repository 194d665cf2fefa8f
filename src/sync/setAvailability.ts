/**
 * Chatwoot: Set Availability. An account step when the user has several, then Online / Busy /
 * Offline with the current one marked; `POST /api/v1/profile/availability`. The answer is the whole
 * profile: the store takes it and the status bar follows. Non-interactive:
 * `executeCommand('chatwoot.setAvailability', { accountId, availability })`.
 */
import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import { AVAILABILITIES, currentAccount, ownAvailability, type AvailabilityValue } from './availabilityText';

const ICON: Record<AvailabilityValue, string> = { online: 'circle-filled', busy: 'clock', offline: 'circle-outline' };
const LABEL: Record<AvailabilityValue, string> = { online: 'Online', busy: 'Busy', offline: 'Offline' };

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
      void vscode.window.showErrorMessage('Set Availability: expected { accountId: one of your accounts, availability: "online" | "busy" | "offline" }');
      return undefined;
    }
    accountId = given.accountId as number;
    value = given.availability as AvailabilityValue;
  } else {
    let account = accounts.length === 1 ? accounts[0] : undefined;
    if (!account) {
      const current = currentAccount(profile);
      const picked = await vscode.window.showQuickPick(
        accounts.map((a) => ({ label: a.name, description: [ownAvailability(a), a.id === current?.id ? 'current' : undefined].filter(Boolean).join(' · '), account: a })),
        { title: 'Chatwoot: Set Availability', placeHolder: 'Pick the account' },
      );
      if (!picked) return undefined;
      account = picked.account;
    }
    const now = ownAvailability(account);
    const picked = await vscode.window.showQuickPick(
      AVAILABILITIES.map((v) => ({ label: LABEL[v], description: v === now ? 'current' : undefined, iconPath: new vscode.ThemeIcon(ICON[v]), value: v })),
      { title: `Chatwoot: Set Availability — ${account.name}`, placeHolder: `You are ${now ?? 'unknown'} in ${account.name}` },
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
