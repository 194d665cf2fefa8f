/**
 * Registers the assign commands at activation without loading them: each command loads the assign
 * feature (lazy.ts) the first time it runs. What stays here is what activation needs anyway.
 */
import * as vscode from 'vscode';
import { Commands } from '../commands/ids';
import type { HandlerDeps, Handlers } from './handlers';
import { loadHandlers } from './lazy';

const COMMANDS: ReadonlyArray<[string, keyof Handlers]> = [
  [Commands.assignConversation, 'assignConversation'],
  [Commands.assignConversations, 'assignConversations'],
  [Commands.assignToMe, 'assignToMe'],
  [Commands.unassign, 'unassign'],
  [Commands.openInBrowser, 'openInBrowser'],
];

export function registerAssignCommands(deps: HandlerDeps): vscode.Disposable[] {
  let handlers: Handlers | undefined;
  const get = () => (handlers ??= loadHandlers().createHandlers(deps));
  return COMMANDS.map(([id, name]) => vscode.commands.registerCommand(id, (...args: unknown[]) => (get()[name] as (...a: unknown[]) => Promise<unknown>)(...args)));
}
