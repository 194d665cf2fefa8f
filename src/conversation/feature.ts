/**
 * Entry of the lazily loaded conversation tab (`dist/conversation.js`): Open Conversation and the
 * tab manager. The command table (src/commands/table.ts) loads this on the first Open Conversation.
 */
import { openConversation } from './openCommand';
import { conversationPanels } from './panelManager';

export const conversationFeature = { openConversation, conversationPanels };

export type ConversationFeature = typeof conversationFeature;
