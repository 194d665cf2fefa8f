/** The Conversations tree view: what extension.ts wires and what the assign commands receive. */
export { CONVERSATIONS_VIEW_ID, ConversationsView } from './conversationsView';
export { ConversationNode, conversationContext } from './conversationNode';
export { AccountNode, GroupNode, LoadMoreNode, MessageNode } from './nodes';
export type { TreeNode } from './nodes';
export type { ConversationsTreeProvider } from './provider';
