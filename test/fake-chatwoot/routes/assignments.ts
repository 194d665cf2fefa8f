// POST conversations/{display_id}/assignments (§6.9): branches on key *presence*
// (assignee_id / assignee_type=AgentBot, else team_id, else nothing), then the save
// rules of §7. Always 200 once past the pipeline.

import { has } from '../params';
import { authorizeConversation } from '../policies';
import { json, nullReply } from '../reply';
import { saveConversation } from '../engine/save';
import { agentJson, botSlim } from '../serializers/agent';
import { rawTeamJson } from '../serializers/team';
import { castId } from '../util/ruby';
import { accountOf, actorOf, findConversation, type Handler } from './context';

export const create: Handler = (ctx) => {
  const { world, params } = ctx;
  const { store } = world;
  const account = accountOf(ctx);
  const conversation = findConversation(ctx, ctx.path.id);
  authorizeConversation(store, ctx.caller, ctx.member, conversation);
  world.clock.tick();
  const actor = actorOf(ctx.caller);

  if (has(params, 'assignee_id') || params.assignee_type === 'AgentBot') {
    if (params.assignee_type === 'AgentBot') {
      // AgentBot.accessible_to(account): the account's bots plus system bots.
      const botId = castId(params.assignee_id);
      const bot = botId === null ? undefined : store.bots.get(botId);
      if (!bot || (bot.accountId !== null && bot.accountId !== account.id)) return nullReply();
      saveConversation(world, conversation, { assigneeId: null, assigneeAgentBotId: bot.id }, actor);
      return json(botSlim(bot));
    }
    // account.users.find_by(id:): any member, any role; a miss unassigns. team_id is ignored.
    const userId = castId(params.assignee_id);
    const user = userId !== null && store.membership(account.id, userId) ? store.users.get(userId) : undefined;
    saveConversation(world, conversation, { assigneeId: user ? user.id : null, assigneeAgentBotId: null }, actor);
    return user ? json(agentJson(world, account.id, user)) : nullReply();
  }

  if (has(params, 'team_id')) {
    // 0, null, "", unknown ids and other accounts' teams all mean "no team".
    const team = store.teamInAccount(account.id, castId(params.team_id));
    saveConversation(world, conversation, { teamId: team ? team.id : null }, actor);
    return team ? json(rawTeamJson(team)) : nullReply();
  }
  return nullReply();
};
