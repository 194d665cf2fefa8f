import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring arrives with the Assign Conversation feature.
}

export function deactivate(): void {}
