// GET /api/v1/profile (§8.7) and GET /api/v1/accounts/{id} (§6.2).

import type { Account, AccountUser, User } from '../model/types';
import type { World } from '../world';
import { isoOrNull, iso } from '../util/time';
import { availableName } from './agent';

/**
 * The "active" membership: most recent active_at, memberships never active last
 * (so Alice's null account 3 does not win, §4.2); ties keep membership order.
 */
export function activeMembership(memberships: readonly AccountUser[]): AccountUser | undefined {
  let best: AccountUser | undefined;
  for (const m of memberships) {
    if (!best) best = m;
    else if (m.activeAt !== null && (best.activeAt === null || m.activeAt > best.activeAt)) best = m;
  }
  return best;
}

export function profileJson(world: World, user: User): Record<string, unknown> {
  const { store } = world;
  const memberships = store.userMemberships(user.id);
  const active = activeMembership(memberships);
  const ee = world.config.edition === 'ee';
  return {
    access_token: store.tokenOfUser(user.id),
    account_id: active ? active.accountId : null,
    available_name: availableName(user),
    avatar_url: '',
    confirmed: true,
    display_name: user.displayName,
    message_signature: null,
    email: user.email,
    id: user.id,
    inviter_id: null,
    name: user.name,
    provider: 'email',
    pubsub_token: user.pubsubToken,
    custom_attributes: Object.keys(user.customAttributes).length > 0 ? user.customAttributes : undefined,
    role: active ? active.role : null,
    ui_settings: {},
    uid: user.email,
    type: null,
    accounts: memberships.map((m) => {
      const account = store.accounts.get(m.accountId);
      return {
        id: m.accountId,
        name: account ? account.name : null,
        status: account ? account.status : null,
        active_at: isoOrNull(m.activeAt),
        role: m.role,
        permissions: [m.role],
        availability: m.availability,
        availability_status: store.availabilityStatus(m.accountId, user.id),
        auto_offline: m.autoOffline,
        custom_role_id: ee ? null : undefined,
        custom_role: ee ? null : undefined,
      };
    }),
  };
}

const FEATURES = ['agent_management', 'auto_resolve_conversations', 'inbox_management', 'labels', 'team_management'];

export function accountJson(world: World, account: Account): Record<string, unknown> {
  const stamp = Math.trunc(world.clock.now());
  return {
    settings: {},
    created_at: iso(account.createdAt),
    domain: account.domain,
    features: FEATURES,
    id: account.id,
    locale: account.locale,
    name: account.name,
    support_email: account.supportEmail,
    status: account.status,
    cache_keys: { label: stamp, inbox: stamp, team: stamp },
    latest_chatwoot_version: null,
  };
}
