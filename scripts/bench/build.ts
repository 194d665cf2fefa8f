/**
 * Builds what the benchmark measures, the way `npm run package` builds it (esbuild.js --production),
 * into a temporary directory: the shipped layout (`lazy`: extension.js, with api.js loaded on the
 * first request and assign.js on the first assign command) and, for comparison, an `eager`
 * extension.js with both inlined.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface Bundles {
  root: string;
  lazyDir: string;
  eagerDir: string;
  /** dist/extension.js as shipped: what activation loads. */
  activationBytes: number;
  /** dist/api.js + dist/assign.js + dist/conversation.js as shipped: loaded on the first request / assign command / conversation tab. */
  lazyBytes: number;
  apiBytes: number;
  assignBytes: number;
  conversationBytes: number;
  /** extension.js of the eager build (everything loaded at activation). */
  eagerBytes: number;
  dispose(): void;
}

export function buildBundles(): Bundles {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-bench-'));
  const lazyDir = path.join(root, 'lazy');
  const eagerDir = path.join(root, 'eager');
  const build = (outdir: string, extra: string[]) =>
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js'), '--production', '--outdir', outdir, ...extra], { cwd: REPO_ROOT, stdio: 'pipe' });
  build(lazyDir, []);
  build(eagerDir, ['--eager']);
  const size = (f: string) => fs.statSync(f).size;
  return {
    root,
    lazyDir,
    eagerDir,
    activationBytes: size(path.join(lazyDir, 'extension.js')),
    lazyBytes: size(path.join(lazyDir, 'api.js')) + size(path.join(lazyDir, 'assign.js')) + size(path.join(lazyDir, 'conversation.js')),
    apiBytes: size(path.join(lazyDir, 'api.js')),
    assignBytes: size(path.join(lazyDir, 'assign.js')),
    conversationBytes: size(path.join(lazyDir, 'conversation.js')),
    eagerBytes: size(path.join(eagerDir, 'extension.js')),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
