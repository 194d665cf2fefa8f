/**
 * Which of a user's accounts can be worked in. The profile marks a suspended account, and every
 * request to it would be a 401, so the pickers, the tree and the live client all leave it out.
 */

/** An account membership as the profile lists it (only `status` matters here). */
interface Membership {
  status?: string;
}

export function isUsableAccount(account: Membership): boolean {
  return account.status !== 'suspended';
}

/** The profile's accounts that can have conversations, in the profile's order. */
export function usableAccounts<A extends Membership>(profile: { accounts: readonly A[] }): A[] {
  return profile.accounts.filter(isUsableAccount);
}
