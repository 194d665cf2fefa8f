// Agent partial (§8.2), user/bot push data (§8.9) and the agent-bot slim partial (§8.5).

import type { AgentBot, User } from '../model/types';
import type { World } from '../world';

export function availableName(user: User): string {
  return user.displayName ?? user.name;
}

/** `_agent.json.jbuilder` for `user` rendered in account `accountId` (the URL's account). */
export function agentJson(world: World, accountId: number, user: User): Record<string, unknown> {
  const member = world.store.membership(accountId, user.id);
  return {
    id: user.id,
    account_id: accountId,
    availability_status: world.store.availabilityStatus(accountId, user.id),
    auto_offline: member ? member.autoOffline : true,
    confirmed: true,
    email: user.email,
    provider: 'email',
    available_name: availableName(user),
    custom_attributes: Object.keys(user.customAttributes).length > 0 ? user.customAttributes : undefined,
    name: user.name,
    role: member ? member.role : null,
    thumbnail: '',
    // Enterprise builds only (§10 edition switch).
    custom_role_id: world.config.edition === 'ee' ? null : undefined,
  };
}

export function agentJsonById(world: World, accountId: number, userId: number): Record<string, unknown> | null {
  const user = world.store.users.get(userId);
  return user ? agentJson(world, accountId, user) : null;
}

/** `User#push_event_data`. */
export function userPushData(world: World, accountId: number, user: User): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    available_name: availableName(user),
    avatar_url: '',
    type: 'user',
    availability_status: world.store.availabilityStatus(accountId, user.id),
    thumbnail: '',
  };
}

/** `_agent_bot_slim.json.jbuilder`: `outgoing_url` omitted for system bots. */
export function botSlim(bot: AgentBot): Record<string, unknown> {
  return {
    id: bot.id,
    name: bot.name,
    description: bot.description,
    thumbnail: '',
    outgoing_url: bot.accountId === null ? undefined : bot.outgoingUrl,
    bot_type: 'webhook',
  };
}

/** `AgentBot#push_event_data`. */
export function botPushData(bot: AgentBot): Record<string, unknown> {
  return { id: bot.id, name: bot.name, avatar_url: '', type: 'agent_bot' };
}
