/** Which account the status bar speaks of, and the user's availability there. Pure. */
import type { Profile, ProfileAccount } from '../api';

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
