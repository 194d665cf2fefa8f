/**
 * The command table: every command id with its handler, in one place. What all commands share
 * (the sign-in guard, cancellation, error reporting) is done once, by `registerCommands`; handlers
 * only do their own work. The assign feature (pickers, assignment, bulk) is a bundle of its own,
 * loaded on the first use of one of its commands (src/assign/lazy.ts); so is the conversation tab
 * (src/conversation/lazy.ts).
 */
import { loadAssignFeature } from '../assign/lazy';
import { loadConversationFeature } from '../conversation/lazy';
import { Commands, type CommandId } from './ids';
import type { Services } from './services';

export interface CommandSpec {
  /** Used in error notifications ("<title>: what went wrong"). */
  title: string;
  /**
   * Completes "Set your API token to …" when the command is used signed out (it then sends no
   * request). Absent: the command works signed out.
   */
  needsSignIn?: string;
  run(services: Services, ...args: unknown[]): unknown;
}

const assign = loadAssignFeature;

export const COMMAND_TABLE: Readonly<Record<CommandId, CommandSpec>> = {
  [Commands.signIn]: { title: 'Set API Token', run: (s, arg) => assign().signIn(s, arg) },
  [Commands.signOut]: { title: 'Sign Out', run: (s) => assign().signOut(s) },
  [Commands.assignConversation]: { title: 'Assign Conversation', needsSignIn: 'assign conversations', run: (s, arg) => assign().assignConversation(s, arg) },
  [Commands.assignConversations]: { title: 'Assign Conversations', needsSignIn: 'assign conversations', run: (s, first, selection) => assign().assignConversations(s, first, selection) },
  [Commands.assignToMe]: { title: 'Assign to Me', needsSignIn: 'assign to me', run: (s, arg) => assign().assignToMe(s, arg) },
  [Commands.unassign]: { title: 'Unassign', needsSignIn: 'unassign', run: (s, arg) => assign().unassign(s, arg) },
  [Commands.openInBrowser]: { title: 'Open in Chatwoot', needsSignIn: 'open conversations', run: (s, arg) => assign().openInBrowser(s, arg) },
  // A tree row's own command passes (node, { preserveFocus: true }); menus pass (node, selection).
  [Commands.openConversation]: { title: 'Open Conversation', needsSignIn: 'open conversations', run: (s, arg, options) => loadConversationFeature().openConversation(s, arg, options) },
  [Commands.handOff]: { title: 'Hand Off Conversation', needsSignIn: 'hand off conversations', run: (s, arg) => assign().handOff(s, arg) },
  [Commands.addNote]: { title: 'Add Private Note', needsSignIn: 'add notes', run: (s, arg) => assign().addNote(s, arg) },
  [Commands.undoAssignment]: { title: 'Undo Last Assignment', needsSignIn: 'undo assignments', run: (s, arg) => assign().undoAssignment(s, arg) },
  // From a context menu VS Code passes (clicked node, selected nodes); from the title bar, nothing.
  [Commands.refresh]: { title: 'Refresh', run: (s, node, selection) => s.view.refreshCommand(node, selection) },
  [Commands.loadMore]: { title: 'Load More Conversations', needsSignIn: 'load conversations', run: (s, node) => s.view.loadMoreCommand(node) },
  [Commands.showLog]: { title: 'Show Log', run: (s) => s.log.show() },
  [Commands.setAvailability]: { title: 'Set Availability', needsSignIn: 'set your availability', run: (s, arg) => assign().setAvailability(s, arg) },
};
