/**
 * One activation, in a fresh process: `node activateChild.js BUNDLE_DIR SERVER_URL TOKEN`.
 * Installs the stub `vscode` first (not timed), then times `require(extension.js)` + `activate()`
 * (signed in: the token is in the stub's SecretStorage) and prints one JSON line: the times and the
 * files of the bundle directory that were loaded.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { installVscodeStub, StubEditor, stubContext, tokenSecret } from '../../test/support/vscode/vscodeStub';

export interface ActivationSample {
  requireMs: number;
  activateMs: number;
  totalMs: number;
  loaded: Array<{ file: string; bytes: number }>;
}

async function main(): Promise<void> {
  const [dir, url, token] = process.argv.slice(2);
  const editor = new StubEditor({ settings: { 'chatwoot.serverUrl': url } });
  installVscodeStub(editor);
  const context = stubContext(tokenSecret(url, token));
  const file = path.resolve(dir, 'extension.js');

  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(file) as { activate(c: unknown): Promise<unknown> };
  const t1 = performance.now();
  await ext.activate(context);
  const t2 = performance.now();

  const root = path.resolve(dir) + path.sep;
  const loaded = Object.keys(require.cache)
    .filter((k) => k.startsWith(root))
    .map((k) => ({ file: path.basename(k), bytes: fs.statSync(k).size }));
  const sample: ActivationSample = { requireMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, loaded };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
  process.exit(0); // the view's deferred badge prefetch must not run: activation is what is measured
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
