/**
 * Entry of the lazily loaded part of the assign feature (`dist/assign.js`): pickers, assignment,
 * bulk assignment, notes, undo, notifications, and the other prompts that need not be parsed at
 * activation (Set API Token / Sign Out, Set Availability). The conversation tab is a bundle of its own
 * (src/conversation/lazy.ts). The command table (src/commands/table.ts) loads this on the first
 * use of one of these commands, so none of it is parsed while VS Code starts.
 */
import { signIn, signOut } from '../auth/commands';
import type { Services } from '../commands/services';
import { setAvailability } from '../sync/setAvailability';
import { assignConversations } from './bulkCommand';
import { assignConversation, assignToMe, handOff, openInBrowser, unassign } from './commands';
import { addNote } from './noteCommand';
import { undoAssignment } from './undo/undoCommand';
import { runFlow } from './flow';

/** The account → conversation steps alone, for features of other bundles (Open Conversation). */
const pickConversation = (s: Services, title: string) => runFlow(s, { title, needAssignee: false });

export const assignFeature = {
  assignConversation,
  assignConversations,
  assignToMe,
  unassign,
  openInBrowser,
  handOff,
  addNote,
  undoAssignment,
  pickConversation,
  signIn,
  signOut,
  setAvailability,
};

export type AssignFeature = typeof assignFeature;
