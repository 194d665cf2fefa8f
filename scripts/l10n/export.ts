/**
 * `npm run l10n:export`: writes l10n/bundle.l10n.json, the English messages of every
 * `vscode.l10n.t(…)` and `l10n.t(…)` call in src/, found by @vscode/l10n-dev's own analyzer (the one
 * behind `l10n-dev export`). The vscode-free modules call the same `t` through src/util/l10n.ts; for
 * the analyzer that import reads as `@vscode/l10n`, whose `l10n.t` has the same signature.
 * `--check`: writes nothing, exits 1 when the committed bundle differs from the sources.
 * test/unit/l10n/completeness.test.ts runs `exportBundle()` too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { REPO_ROOT } from '../vscode-test/codeServer';

export const L10N_DIR = path.join(REPO_ROOT, 'l10n');
export const BUNDLE_FILE = path.join(L10N_DIR, 'bundle.l10n.json');

/** The helper's import, however deep the importing module is (`./l10n`, `../util/l10n`, …). */
const HELPER_IMPORT = /(from\s+)(['"])(?:\.\.?\/)+(?:util\/)?l10n\2/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(file);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [file] : [];
  });
}

/** The English bundle of the sources under `srcDir` (keys sorted). */
export async function exportBundle(srcDir = path.join(REPO_ROOT, 'src')): Promise<Record<string, string>> {
  const files = sourceFiles(srcDir)
    .filter((f) => path.basename(f) !== 'l10n.ts' || path.basename(path.dirname(f)) !== 'util')
    .map((f) => ({ extension: '.ts', contents: fs.readFileSync(f, 'utf8').replace(HELPER_IMPORT, '$1$2@vscode/l10n$2') }));
  const json = await getL10nJson(files);
  const out: Record<string, string> = {};
  for (const key of Object.keys(json).sort()) {
    const value = json[key];
    out[key] = typeof value === 'string' ? value : value.message;
  }
  return out;
}

export function serialize(bundle: Record<string, unknown>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

async function main(): Promise<void> {
  const text = serialize(await exportBundle());
  if (process.argv.includes('--check')) {
    const now = fs.existsSync(BUNDLE_FILE) ? fs.readFileSync(BUNDLE_FILE, 'utf8') : '';
    if (now !== text) {
      console.error(`${path.relative(REPO_ROOT, BUNDLE_FILE)} is out of date: run npm run l10n:export`);
      process.exitCode = 1;
    }
    return;
  }
  fs.mkdirSync(L10N_DIR, { recursive: true });
  fs.writeFileSync(BUNDLE_FILE, text);
  console.log(`${path.relative(REPO_ROOT, BUNDLE_FILE)}: ${Object.keys(JSON.parse(text) as object).length} messages`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
