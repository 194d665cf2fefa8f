/**
 * The command table: every command id with its handler, in one place. What all commands share
 * (the sign-in guard, cancellation, error reporting) is done once, by `registerCommands`; handlers
 * only do their own work. The assign feature (pickers, assignment, bulk) is a bundle of its own,
 * loaded on the first use of one of its commands (src/assign/lazy.ts); so is the conversation tab
 * (src/conversation/lazy.ts).
 */
import { loadAssignFeature } from '../assign/lazy';
import { loadConversationFeature } from '../conversation/lazy';
import * as l10n from '../util/l10n';
import { OPEN_IN_CHATWOOT, REFRESH, SET_TOKEN, SHOW_LOG, SIGN_OUT } from '../ui/labels';
import { Commands, type CommandId } from './ids';
import type { Services } from './services';

export interface CommandSpec {
  /** Used in error notifications ("<title>: what went wrong"); translated. */
  title: string;
  /**
   * The whole prompt shown when the command is used signed out ("You are not signed in to Chatwoot.
   * Set your API token to …"), one translated sentence per command; the command then sends no
   * request. Absent: the command works signed out.
   */
  needsSignIn?: string;
  run(services: Services, ...args: unknown[]): unknown;
}

const assign = loadAssignFeature;

export const COMMAND_TABLE: Readonly<Record<CommandId, CommandSpec>> = {
  [Commands.signIn]: { title: SET_TOKEN, run: (s, arg) => assign().signIn(s, arg) },
  [Commands.signOut]: { title: SIGN_OUT, run: (s) => assign().signOut(s) },
  [Commands.assignConversation]: {
    title: l10n.t('Assign Conversation'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to assign conversations.'),
    run: (s, arg) => assign().assignConversation(s, arg),
  },
  [Commands.assignConversations]: {
    title: l10n.t('Assign Conversations'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to assign conversations.'),
    run: (s, first, selection) => assign().assignConversations(s, first, selection),
  },
  [Commands.assignToMe]: {
    title: l10n.t('Assign to Me'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to assign to me.'),
    run: (s, arg) => assign().assignToMe(s, arg),
  },
  [Commands.unassign]: {
    title: l10n.t('Unassign'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to unassign.'),
    run: (s, arg) => assign().unassign(s, arg),
  },
  [Commands.openInBrowser]: {
    title: OPEN_IN_CHATWOOT,
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to open conversations.'),
    run: (s, arg) => assign().openInBrowser(s, arg),
  },
  // A tree row's own command passes (node, { preserveFocus: true }); menus pass (node, selection).
  [Commands.openConversation]: {
    title: l10n.t('Open Conversation'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to open conversations.'),
    run: (s, arg, options) => loadConversationFeature().openConversation(s, arg, options),
  },
  [Commands.handOff]: {
    title: l10n.t('Hand Off Conversation'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to hand off conversations.'),
    run: (s, arg) => assign().handOff(s, arg),
  },
  [Commands.addNote]: {
    title: l10n.t('Add Private Note'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to add notes.'),
    run: (s, arg) => assign().addNote(s, arg),
  },
  [Commands.undoAssignment]: {
    title: l10n.t('Undo Last Assignment'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to undo assignments.'),
    run: (s, arg) => assign().undoAssignment(s, arg),
  },
  // From a context menu VS Code passes (clicked node, selected nodes); from the title bar, nothing.
  [Commands.refresh]: { title: REFRESH, run: (s, node, selection) => s.view.refreshCommand(node, selection) },
  [Commands.loadMore]: {
    title: l10n.t('Load More Conversations'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to load conversations.'),
    run: (s, node) => s.view.loadMoreCommand(node),
  },
  [Commands.showLog]: { title: SHOW_LOG, run: (s) => s.log.show() },
  [Commands.setAvailability]: {
    title: l10n.t('Set Availability'),
    needsSignIn: l10n.t('You are not signed in to Chatwoot. Set your API token to set your availability.'),
    run: (s, arg) => assign().setAvailability(s, arg),
  },
};
