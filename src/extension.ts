/**
 * Entry point: wires the pieces together and nothing else. Activation is cheap on purpose: the
 * HTTP stack (undici, zod) is loaded on the first network use, the assign feature on the first
 * assign command.
 */
import * as vscode from 'vscode';
import { AssignmentEvents } from './assign/events';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ChatwootAuthenticationProvider } from './auth/authProvider';
import { Connection } from './auth/connection';
import { TokenStore } from './auth/tokenStore';
import { registerCommands } from './commands/register';
import type { Services } from './commands/services';
import { COMMAND_TABLE } from './commands/table';
import { ContextKeys, setContext } from './contextKeys';
import { ChatwootStore } from './store/store';
import { AssignedNotifier } from './sync/assignedNotifier';
import { LiveService } from './sync/liveService';
import { conversationMessageFromPush } from './sync/pushedMessage';
import { LiveStatusBar } from './sync/statusBar';
import { existingPanels } from './conversation/registry';
import { showNetworkWarnings } from './ui/networkWarnings';
import { createLogger } from './util/log';
import { ConversationsView } from './views';

/** Returned by `activate()`: lets the extension-host tests observe the real objects. */
export interface ChatwootAssignApi {
  connection: Connection;
  store: ChatwootStore;
  events: AssignmentEvents;
  view: ConversationsView;
  live: LiveService;
  accounts: ChatwootAuthenticationProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<ChatwootAssignApi> {
  const channel = vscode.window.createOutputChannel('Chatwoot', { log: true });
  const log = createLogger(channel);
  const tokens = new TokenStore(context.secrets);
  const connection = new Connection(tokens, log);
  const store = new ChatwootStore(connection, log);
  const events = new AssignmentEvents();
  context.subscriptions.push(
    channel,
    tokens,
    connection,
    events,
    { dispose: () => store.dispose() },
    // Before the view's own listener: the view starts over from a store that has been reset.
    connection.onDidChange(() => {
      store.reset();
      setContext(ContextKeys.signedIn, connection.signedIn);
      setContext(ContextKeys.offline, false);
    }),
    connection.onDidWarn((warnings) => showNetworkWarnings(warnings, log)),
  );
  const view = new ConversationsView(connection, store, log);
  // After the store's reset listener: a new connection starts from a clean store.
  const live = new LiveService(connection, store, log);
  const services: Services = { connection, store, events, log, view };
  context.subscriptions.push(
    view,
    live,
    new LiveStatusBar(connection, store, live),
    new AssignedNotifier(context.globalState, connection, live, events, view),
    ...registerCommands(services, COMMAND_TABLE),
    // New messages reach an open conversation tab (its header follows the store by itself).
    live.onMessage(({ accountId, message }) => existingPanels(services)?.applyMessage(accountId, message.conversation_id, conversationMessageFromPush(message))),
  );
  // The Accounts menu and vscode.authentication: a view of the token store (reads nothing now).
  const accounts = new ChatwootAuthenticationProvider({ connection, store, log });
  context.subscriptions.push(accounts, vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, accounts, { supportsMultipleAccounts: false }));

  try {
    await connection.initialize();
  } catch (e) {
    log.error('Activation could not read the stored token', e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Chatwoot Assign could not start: {0}', e instanceof Error ? e.message : String(e)));
  }
  setContext(ContextKeys.loaded, true);
  return { connection, store, events, view, live, accounts };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
