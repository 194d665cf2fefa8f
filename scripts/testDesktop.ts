/**
 * `npm run test:desktop`: the extension-host suite in desktop VS Code through @vscode/test-electron.
 * It downloads VS Code (the engines floor, 1.100.3) from update.code.visualstudio.com, so it needs
 * internet and a display (use `xvfb-run -a` on Linux); CI uses `npm run test:ext` (code-server) instead.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { SEED_TOKENS, startFakeChatwoot } from '../test/fake-chatwoot';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const fake = await startFakeChatwoot();
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-desktop-'));
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'chatwoot.serverUrl': fake.url }, null, 2));
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration'),
      launchArgs: ['--disable-extensions', `--user-data-dir=${userData}`, fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-ws-'))],
      extensionTestsEnv: { CHATWOOT_FAKE_URL: fake.url, CHATWOOT_TEST_TOKEN: SEED_TOKENS.alice },
    });
  } finally {
    await fake.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`Desktop test run failed (it needs internet to download VS Code): ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
