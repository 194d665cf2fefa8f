/** Which account the status bar speaks of, and the user's availability there. Pure. */
import type { Profile, ProfileAccount } from '../api';
import * as l10n from '../util/l10n';

export const AVAILABILITIES = ['online', 'busy', 'offline'] as const;
export type AvailabilityValue = (typeof AVAILABILITIES)[number];

/** The account the user worked in last (as the dashboard opens), else the first active one. */
export function currentAccount(profile: Profile): ProfileAccount | undefined {
  const active = profile.accounts.filter((a) => a.status !== 'suspended');
  return active.find((a) => a.id === profile.account_id) ?? active[0];
}

/** What the user chose (`availability`), else what Chatwoot computes (`availability_status`). */
export function ownAvailability(account: ProfileAccount): string | undefined {
  return account.availability ?? account.availability_status;
}

/** "Online" / "Busy" / "Offline", as a label (a quick pick item, the status bar); another value as Chatwoot sent it, capitalized. */
export function availabilityLabel(value: string): string {
  if (value === 'online') return l10n.t('Online');
  if (value === 'busy') return l10n.t('Busy');
  if (value === 'offline') return l10n.t('Offline');
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** "online" / "busy" / "offline", as a word in a description or a sentence; another value as Chatwoot sent it. */
export function availabilityWord(value: string): string {
  if (value === 'online') return l10n.t('online');
  if (value === 'busy') return l10n.t('busy');
  if (value === 'offline') return l10n.t('offline');
  return value;
}
