/**
 * The cable events that carry a conversation. Dependency-free (no zod), so the extension can route
 * events without loading the validation layer at activation.
 */
export const CONVERSATION_EVENTS = [
  'conversation.created',
  'conversation.updated',
  'conversation.status_changed',
  'conversation.read',
  'conversation.contact_changed',
  'conversation.mentioned',
  'assignee.changed',
  'team.changed',
] as const;
export type ConversationEventName = (typeof CONVERSATION_EVENTS)[number];

export const CONVERSATION_EVENT_NAMES: ReadonlySet<string> = new Set(CONVERSATION_EVENTS);
