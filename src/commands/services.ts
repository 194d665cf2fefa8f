/** What every command handler is given: the extension's long-lived objects, created in extension.ts. */
import type { AssignmentEvents } from '../assign/events';
import type { Connection } from '../auth/connection';
import type { ChatwootStore } from '../store/store';
import type { Logger } from '../util/log';
import type { ConversationsView } from '../views/conversationsView';

export interface Services {
  connection: Connection;
  store: ChatwootStore;
  /** Announces every assignment made from this window (the store is patched already). */
  events: AssignmentEvents;
  log: Logger;
  view: ConversationsView;
}
