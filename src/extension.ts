/**
 * Entry point: wires the pieces together and nothing else. Activation is cheap on purpose: the
 * HTTP stack (undici, zod) is loaded on the first network use, not here.
 */
import * as vscode from 'vscode';
import { AssignmentEvents } from './assign/events';
import { registerAssignCommands } from './assign/register';
import { AssignSession } from './assign/session';
import { registerAuthCommands } from './auth/commands';
import { Connection } from './auth/connection';
import { TokenStore } from './auth/tokenStore';
import { Commands } from './commands/ids';
import { createLogger } from './util/log';
import { registerConversationsView, type ConversationsView } from './views';

/** Returned by `activate()`: lets the extension-host tests observe the real objects. */
export interface ChatwootAssignApi {
  connection: Connection;
  events: AssignmentEvents;
  view: ConversationsView;
}

export async function activate(context: vscode.ExtensionContext): Promise<ChatwootAssignApi> {
  const channel = vscode.window.createOutputChannel('Chatwoot', { log: true });
  const log = createLogger(channel);
  const tokens = new TokenStore(context.secrets);
  const connection = new Connection(tokens, log);
  const events = new AssignmentEvents();
  // What the pickers remember for the session (in memory only).
  const session = new AssignSession(connection, events);
  context.subscriptions.push(channel, tokens, connection, events, session);

  const deps = { connection, events, log, session };
  context.subscriptions.push(
    ...registerAuthCommands(connection, log),
    ...registerAssignCommands(deps),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
  );
  const view = registerConversationsView(context, deps);

  try {
    await connection.initialize();
  } catch (e) {
    log.error('Activation could not read the stored token', e);
    void vscode.window.showErrorMessage(`Chatwoot Assign could not start: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { connection, events, view };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
