/**
 * Registers the command table. Every command gets, once, here: the sign-in guard (signed out: a
 * prompt to set the token and no request), the end of a cancelled flow (Escape) without a word, and
 * an error notification + log line for anything a handler did not handle. A command never throws.
 */
import * as vscode from 'vscode';
import { isFlowCancelled } from '../assign/flowCancelled';
import { isCancellation, promptSignIn, showError } from '../ui/feedback';
import type { CommandId } from './ids';
import type { Services } from './services';
import type { CommandSpec } from './table';

export function registerCommands(services: Services, table: Readonly<Record<CommandId, CommandSpec>>): vscode.Disposable[] {
  return (Object.entries(table) as Array<[CommandId, CommandSpec]>).map(([id, spec]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (spec.needsSignIn && !services.connection.signedIn) {
        promptSignIn(spec.needsSignIn);
        return undefined;
      }
      // A keybinding of the Conversations view: act on its selected row, as the context menu would.
      if (isFocusedRowArg(args[0])) args = [services.view.focusedRow()];
      try {
        return await spec.run(services, ...args);
      } catch (e) {
        if (isFlowCancelled(e) || isCancellation(e)) return undefined;
        showError(spec.title, e, services.log);
        return undefined;
      }
    }),
  );
}

/** What the view's keybindings pass (package.json): "the row that has the focus". */
export function isFocusedRowArg(arg: unknown): boolean {
  return typeof arg === 'object' && arg !== null && (arg as { focusedRow?: unknown }).focusedRow === true;
}
