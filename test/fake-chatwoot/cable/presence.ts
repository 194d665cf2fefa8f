// Presence over the cable (API-FACTS-LIVE §2.2-§2.3): subscribing and `update_presence`
// stamp (account, user) with the virtual clock; `presence.update` answers the subscriber's
// own token with who is online in that account.

import { pairKey, PRESENCE_DURATION_S } from '../store';
import type { World } from '../world';

export function touchUser(world: World, accountId: number, userId: number): void {
  world.store.presenceSeen.set(pairKey(accountId, userId), world.clock.now());
}

export function touchContact(world: World, accountId: number, contactId: number): void {
  world.store.contactPresenceSeen.set(pairKey(accountId, contactId), world.clock.now());
}

/**
 * `users`: present users plus every member with auto_offline=false, each with the stored
 * availability (string keys, membership order); `contacts`: widget-present contacts, for
 * user subscribers only.
 */
export function presenceData(world: World, accountId: number, forUser: boolean): Record<string, unknown> {
  const { store } = world;
  const users: Record<string, string> = {};
  for (const member of store.accountMembers(accountId)) {
    if (!member.autoOffline || store.isPresent(accountId, member.userId)) users[String(member.userId)] = member.availability;
  }
  if (!forUser) return { account_id: accountId, users };
  const contacts: Record<string, string> = {};
  const since = world.clock.now() - PRESENCE_DURATION_S;
  for (const [key, seen] of store.contactPresenceSeen) {
    const [account, contactId] = key.split(':');
    if (Number(account) === accountId && seen > since) contacts[contactId] = 'online';
  }
  return { account_id: accountId, users, contacts };
}

/** Broadcast straight to the subscriber's token (not via a job), recorded like every event. */
export function recordPresenceUpdate(world: World, accountId: number, token: string, forUser: boolean): void {
  world.events.record({ event: 'presence.update', account_id: accountId, data: presenceData(world, accountId, forUser), streams: [token] });
}
