/**
 * Entry of the lazily loaded part of the assign feature (`dist/assign.js`): pickers, assignment,
 * bulk assignment, notifications. Activation registers thin commands (register.ts) that load this
 * on their first use, so none of it is parsed while VS Code starts.
 */
import type { Conversation } from '../api';
import { createBulkHandler } from './bulkCommand';
import { createAssignHandlers, type AssignDeps, type AssignHandlers } from './commands';
import type { AssignSession } from './session';

export type HandlerDeps = AssignDeps & { session: AssignSession };

export interface Handlers extends AssignHandlers {
  assignConversations(first?: unknown, selection?: unknown): Promise<Conversation[] | undefined>;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return { ...createAssignHandlers(deps), assignConversations: createBulkHandler(deps) };
}
