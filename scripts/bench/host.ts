/**
 * Runs the built extension (a bundle directory with extension.js and api.js) in this Node process
 * against a Chatwoot server, with the stub `vscode`: activate() as VS Code would call it, signed
 * in through the stub's SecretStorage.
 */
import * as path from 'node:path';
import type * as Api from '../../src/api';
import type { ChatwootAssignApi } from '../../src/extension';
import { installVscodeStub, StubEditor, stubContext, tokenSecret } from '../../test/support/vscode/vscodeStub';

export interface Host {
  editor: StubEditor;
  ext: ChatwootAssignApi;
  /** The bundle's own API layer (dist-like api.js), for baselines that use the client directly. */
  api: typeof Api;
  run<T>(command: string, ...args: unknown[]): Promise<T>;
  dispose(): void;
}

/** Puts the real `require('vscode')` back (for test processes that run other suites afterwards). */
export function uninstallStub(): void {
  uninstall?.();
  uninstall = undefined;
}

let uninstall: (() => void) | undefined;

/** Where the extension is: a bundle directory (extension.js + api.js), or explicit files (e.g. out/src for tests). */
export type Layout = string | { extension: string; api: string; root: string };

export async function startHost(layout: Layout, serverUrl: string, token: string): Promise<Host> {
  const files = typeof layout === 'string' ? { extension: path.join(layout, 'extension.js'), api: path.join(layout, 'api.js'), root: layout } : layout;
  const editor = new StubEditor({ settings: { 'chatwoot.serverUrl': serverUrl, 'http.proxySupport': 'off' } });
  uninstall?.();
  uninstall = installVscodeStub(editor);
  const context = stubContext(tokenSecret(serverUrl, token));
  // A fresh copy of the bundle per host: each one binds `vscode` when it is loaded.
  const root = path.resolve(files.root) + path.sep;
  for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(files.extension) as { activate(c: unknown): Promise<ChatwootAssignApi> };
  const ext = await bundle.activate(context);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require(files.api) as typeof Api;
  return {
    editor,
    ext,
    api,
    run: <T>(command: string, ...args: unknown[]) => editor.execute<T>(command, ...args),
    dispose: () => {
      for (const d of context.subscriptions) d.dispose();
    },
  };
}
