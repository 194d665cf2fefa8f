/**
 * Entry of the lazily loaded part of the assign feature (`dist/assign.js`): pickers, assignment,
 * bulk assignment, notifications. The command table (src/commands/table.ts) loads this on the first
 * use of one of these commands, so none of it is parsed while VS Code starts.
 */
import { assignConversations } from './bulkCommand';
import { assignConversation, assignToMe, openInBrowser, unassign } from './commands';

export const assignFeature = { assignConversation, assignConversations, assignToMe, unassign, openInBrowser };

export type AssignFeature = typeof assignFeature;
