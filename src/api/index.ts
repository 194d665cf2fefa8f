/**
 * The Chatwoot API layer. It never imports `vscode`: it runs (and is tested) in plain Node, and the
 * extension loads it lazily on first network use so that activation stays small.
 */
export { ChatwootClient } from './client';
export type { AssignmentResult } from './client';
export { assignmentBody } from './assignment';
export type { AssignmentTarget } from './assignment';
export { createDispatcher } from './dispatcher';
export type { DispatcherSettings } from './dispatcher';
export { ChatwootError, isChatwootError } from './errors';
export type { ChatwootErrorKind } from './errors';
export { encodeQuery, parseServerUrl } from './http';
export type { CallOptions } from './http';
export type { Agent, AgentBot, Contact, Conversation, ConversationCounts, Inbox, Label, Message, Profile, ProfileAccount, Team } from './schemas';
export { MAX_MESSAGE_LENGTH, MESSAGE_TYPE, MESSAGES_PER_PAGE } from './messages';
export type { Attachment, ConversationMessage, ListMessagesParams, MessageListMeta, MessagePage, MessageSender, NewMessage } from './messages';
export { openCount } from './workload';
export type { WorkloadGroup, WorkloadGroupBy, WorkloadParams } from './workload';
export { displayIdFilterBody, FILTER_PAGE_SIZE } from './filter';
export type { ConversationsById } from './filter';
// The live client rides in the same lazily loaded bundle: it shares undici (and the dispatcher).
export { LiveClient, readLiveCredentials } from '../live';
export type { LiveClientOptions, LiveCredentials, LiveEvent, LiveState, PushConversation, PushMessage, PushNotification } from '../live';
