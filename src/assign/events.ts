/** Announces every assignment, from any entry point, so views can refresh. */
import * as vscode from 'vscode';
import type { Conversation } from '../api';

export interface AssignmentEvent {
  accountId: number;
  /** The conversation as re-read after the assignment (undefined when the re-read failed). */
  conversation: Conversation | undefined;
  displayIds: number[];
  /** Bulk assignments: every conversation re-read afterwards. */
  conversations?: Conversation[];
}

export class AssignmentEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<AssignmentEvent>();
  readonly onDidAssign = this.emitter.event;

  fire(event: AssignmentEvent): void {
    this.emitter.fire(event);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
