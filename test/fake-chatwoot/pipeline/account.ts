// §3 step 3: the current account of /api/v1/accounts/{account_id}/… routes.

import type { Account, AccountUser, Caller } from '../model/types';
import { Errors } from '../reply';
import type { Store } from '../store';
import { pathId } from '../util/ruby';

export interface AccountScope {
  account: Account;
  /** The caller's membership; null for bots and platform tokens. */
  member: AccountUser | null;
}

export function resolveAccount(store: Store, caller: Caller, segment: string): AccountScope {
  const id = pathId(segment);
  const account = id === null ? undefined : store.accounts.get(id);
  if (!account) throw Errors.notFound();
  if (account.status !== 'active') throw Errors.suspended();
  if (caller.kind === 'user') {
    const member = store.membership(account.id, caller.user.id);
    if (!member) throw Errors.notMember();
    return { account, member };
  }
  if (caller.kind === 'bot') {
    const bot = caller.bot;
    const linked = bot.accountId === account.id || bot.inboxIds.some((inboxId) => store.inboxes.get(inboxId)?.accountId === account.id);
    if (!linked) throw Errors.botNotLinked();
  }
  // Platform-app tokens pass (no user, no bot); they fail later at authorization.
  return { account, member: null };
}

/** GET /api/v1/accounts/{id}: `current_user.accounts.find(id)` → 404 for non-members. */
export function resolveOwnAccount(store: Store, caller: Caller, segment: string): AccountScope {
  if (caller.kind !== 'user') throw Errors.botsNotAllowed();
  const id = pathId(segment);
  const member = id === null ? undefined : store.membership(id, caller.user.id);
  const account = member ? store.accounts.get(member.accountId) : undefined;
  if (!member || !account) throw Errors.notFound();
  return { account, member };
}
