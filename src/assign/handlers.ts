/**
 * Entry of the lazily loaded part of the assign feature (`dist/assign.js`): pickers, assignment,
 * bulk assignment, notes, undo, notifications, and the conversation tab (with markdown-it). The command table (src/commands/table.ts) loads this on the first
 * use of one of these commands, so none of it is parsed while VS Code starts.
 */
import { assignConversations } from './bulkCommand';
import { assignConversation, assignToMe, handOff, openInBrowser, unassign } from './commands';
import { addNote } from './noteCommand';
import { undoAssignment } from './undo/undoCommand';
import { openConversation } from '../conversation/openCommand';
import { conversationPanels } from '../conversation/panelManager';

export const assignFeature = { assignConversation, assignConversations, assignToMe, unassign, openInBrowser, handOff, addNote, undoAssignment, openConversation, conversationPanels };

export type AssignFeature = typeof assignFeature;
