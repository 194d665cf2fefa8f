/**
 * Where the conversation tabs can be reached from the assign bundle (a note posted by Hand Off or
 * Add Private Note shows in an open tab) without importing the tab code, which is a bundle of its
 * own (`dist/conversation.js`, with markdown-it). The manager registers itself on the window's
 * `Services` under a global symbol, so both bundles see the same one. No `vscode` here.
 */
import type { ConversationMessage } from '../api';

export interface MessageSink {
  /** A message created or changed in a conversation: shown in its tab, if one is open. */
  applyMessage(accountId: number, displayId: number, message: ConversationMessage): void;
}

const KEY = Symbol.for('chatwoot-assign.conversationPanels');

export function registerPanels(services: object, sink: MessageSink): void {
  (services as Record<symbol, unknown>)[KEY] = sink;
}

/** The tab manager if a tab was ever opened in this window. */
export function existingPanels(services: object): MessageSink | undefined {
  return (services as Record<symbol, MessageSink | undefined>)[KEY];
}
