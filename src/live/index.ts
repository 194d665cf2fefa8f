/**
 * Live updates (ActionCable). Never imports `vscode`: runs and is tested in plain Node; the extension
 * loads it lazily, like src/api.
 */
export { LiveClient, DEFAULT_CONFIRM_TIMEOUT_MS, DEFAULT_MAX_FRAME_BYTES, DEFAULT_PING_TIMEOUT_MS } from './client';
export type { Disposable, LiveClientOptions, LiveCredentials, LiveLogger, LiveState, LiveStateKind, OfflineReason, RefusedReason } from './client';
export { readLiveCredentials } from './credentials';
export type { ReadCredentialsOptions } from './credentials';
export { parseLiveEvent, CONVERSATION_EVENTS } from './events';
export type { ConversationEventName, LiveEvent, LiveEventName, PushAssignee, PushConversation, PushMessage, PushNotification, PushTeam } from './events';
export { backoffDelayMs, nominalDelayMs } from './backoff';
export { cableUrl, roomIdentifier } from './protocol';
export type { CableSocket, SocketCloseInfo, SocketFactory, SocketHandlers } from './socket';
export type { Timers, TimerHandle } from './timers';
