/** The cable events that carry a conversation (kept here so activation never loads src/live). */
export const CONVERSATION_EVENT_NAMES: ReadonlySet<string> = new Set([
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.read',
  'conversation.contact_changed',
  'conversation.mentioned',
  'assignee.changed',
  'team.changed',
]);
