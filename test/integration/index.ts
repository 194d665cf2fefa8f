/**
 * Entry point the extension host loads (`extensionTestsPath` = the compiled folder out/test/integration):
 * the @vscode/test-electron contract, `run(): Promise<void>` rejecting when a test fails.
 * Runs mocha (BDD: describe/it, like the unit tests) over every `*.test.js` below this folder.
 *
 * Env (pass with `--env K=V` to the runner): EXT_TEST_GREP (only tests matching), EXT_TEST_TIMEOUT (ms).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false, // the output travels through the workbench log: no ANSI escapes
    reporter: 'spec',
    timeout: Number(process.env.EXT_TEST_TIMEOUT) || 20_000,
  });
  if (process.env.EXT_TEST_GREP) mocha.grep(process.env.EXT_TEST_GREP);
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passes = runner.stats?.passes ?? 0;
        // plain closing line for log readers (CI greps for it)
        console.log(`ext-host: ${passes} passed, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else if (passes === 0) reject(new Error(`no extension-host tests ran (found ${files.length} test files in ${__dirname})`));
        else resolve();
      });
    } catch (e) {
      console.log('ext-host: 0 passed, 1 failed (the test files could not be loaded)');
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
