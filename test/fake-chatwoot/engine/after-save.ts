// After-commit work of a save (§7.2), queued as one job so `deferred` mode shows the
// real ordering: the HTTP response first, activity message / reorder / events later.

import type { ChangedAttribute } from '../events';
import type { Actor, Conversation, ConversationStatus, Message } from '../model/types';
import { conversationPushData } from '../serializers/conversation';
import { messagePushData } from '../serializers/message';
import type { World } from '../world';
import { iso, isoOrNull } from '../util/time';
import { assignmentNotificationTarget, createNotification } from './notifications';
import type { Snapshot } from './save';

const STATUS_TEXT: Readonly<Record<ConversationStatus, string>> = {
  resolved: 'Conversation was marked resolved by %{actor}',
  open: 'Conversation was reopened by %{actor}',
  pending: 'Conversation was marked as pending by %{actor}',
  snoozed: 'Conversation was snoozed by %{actor}',
};

/** Activity texts, computed at save time so the names are those of that moment. */
export function activityTexts(world: World, conversation: Conversation, before: Snapshot, after: Snapshot, actor: Actor | null): string[] {
  if (!actor) return []; // no actor, no activity message
  const { store } = world;
  const texts: string[] = [];
  if (after.status !== before.status) texts.push(STATUS_TEXT[after.status].replace('%{actor}', actor.name));
  const assigneeChanged = after.assigneeId !== before.assigneeId;
  const assigneeName = after.assigneeId === null ? '' : (store.users.get(after.assigneeId)?.name ?? '');
  if (after.teamId !== before.teamId) {
    // If the team changed, only a team message is written (first matching rule).
    const team = store.teamInAccount(conversation.accountId, after.teamId);
    if (team && assigneeChanged && after.assigneeId !== null) texts.push(`Assigned to ${assigneeName} via ${team.name} by ${actor.name}`);
    else if (team) texts.push(`Assigned to ${team.name} by ${actor.name}`);
    else {
      const previous = before.teamId === null ? undefined : store.teams.get(before.teamId);
      texts.push(`Unassigned from ${previous ? previous.name : ''} by ${actor.name}`);
    }
  } else if (assigneeChanged) {
    // Ids only are compared, so a bot whose id equals the assignee's "self-assigns" (quirk kept).
    if (after.assigneeId !== null && after.assigneeId === actor.id) texts.push(`${actor.name} self-assigned this conversation`);
    else if (after.assigneeId !== null) texts.push(`Assigned to ${assigneeName} by ${actor.name}`);
    else texts.push(`Conversation unassigned by ${actor.name}`);
  }
  return texts;
}

function changedAttributes(before: Snapshot, after: Snapshot): ChangedAttribute[] {
  const out: ChangedAttribute[] = [];
  const add = (name: string, previous: unknown, current: unknown): void => {
    out.push({ [name]: { previous_value: previous, current_value: current } });
  };
  if (before.status !== after.status) add('status', before.status, after.status);
  if (before.assigneeId !== after.assigneeId) add('assignee_id', before.assigneeId, after.assigneeId);
  if (before.teamId !== after.teamId) add('team_id', before.teamId, after.teamId);
  if (before.assigneeAgentBotId !== after.assigneeAgentBotId) add('assignee_agent_bot_id', before.assigneeAgentBotId, after.assigneeAgentBotId);
  if (before.priority !== after.priority) add('priority', before.priority, after.priority);
  if (before.snoozedUntil !== after.snoozedUntil) add('snoozed_until', isoOrNull(before.snoozedUntil), isoOrNull(after.snoozedUntil));
  if (before.labels.join(',') !== after.labels.join(',')) add('cached_label_list', before.labels.join(', '), after.labels.join(', '));
  add('updated_at', iso(before.updatedAt), iso(after.updatedAt));
  return out;
}

export function scheduleAfterSave(world: World, conversation: Conversation, before: Snapshot, after: Snapshot, actor: Actor | null): void {
  const texts = activityTexts(world, conversation, before, after, actor);
  const changes = changedAttributes(before, after);
  const notify = assignmentNotificationTarget(world, conversation, before, after, actor);
  world.jobs.enqueue(`conversation ${conversation.accountId}/${conversation.displayId} after_save`, () => {
    const created = texts.map((content) => createActivityMessage(world, conversation, content));
    // ParticipationListener: every new human assignee becomes a participant, never removed (LIVE §8.2).
    if (after.assigneeId !== null && after.assigneeId !== before.assigneeId) addParticipant(conversation, after.assigneeId);
    // Listeners re-read the conversation, so event data is the state at job time (no performer,
    // availability_status null: API-FACTS-LIVE §1.6).
    const data = conversationPushData(world, conversation, { reread: true });
    const accountId = conversation.accountId;
    if (before.assigneeId !== after.assigneeId) world.events.record({ event: 'assignee.changed', account_id: accountId, data });
    if (before.teamId !== after.teamId) world.events.record({ event: 'team.changed', account_id: accountId, data });
    if (before.status !== after.status) world.events.record({ event: 'conversation.status_changed', account_id: accountId, data });
    world.events.record({ event: 'conversation.updated', account_id: accountId, data });
    world.events.record({ event: 'conversation_updated', account_id: accountId, data, changed_attributes: changes });
    // Activity messages: message push data without sender or performer (created in a job).
    for (const message of created) world.events.record({ event: 'message.created', account_id: accountId, data: messagePushData(world, conversation, message) });
  });
  if (notify !== null) {
    // EventDispatcherJob → NotificationListener: its own job, after the save's.
    world.jobs.enqueue(`notification ${conversation.accountId}/${conversation.displayId} user ${notify}`, () => {
      createNotification(world, conversation, notify, 'conversation_assignment');
    });
  }
}

export function addParticipant(conversation: Conversation, userId: number): void {
  const list = (conversation.participantIds ??= []);
  if (!list.includes(userId)) list.push(userId);
}

/** Activity message (type 2, no sender); creating it moves last_activity_at (§7.2). */
export function createActivityMessage(world: World, conversation: Conversation, content: string): Message {
  const now = world.clock.now();
  const message = world.store.addMessage(conversation, {
    accountId: conversation.accountId,
    inboxId: conversation.inboxId,
    conversationDbId: conversation.dbId,
    messageType: 2,
    content,
    private: false,
    sender: null,
    createdAt: now,
    updatedAt: now,
  });
  conversation.lastActivityAt = now;
  return message;
}
