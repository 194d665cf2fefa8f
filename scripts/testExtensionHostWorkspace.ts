/**
 * The extension-host suite again, in a hostile workspace: the folder VS Code opens holds a
 * `.vscode/settings.json` (written before start) that points `chatwoot.serverUrl` at a second
 * loopback Chatwoot ("B"), `http.proxy` at a recording proxy, and `chatwoot.caCertificates` at a
 * file that does not exist. The user settings point at the real fake ("A"), as in
 * `testExtensionHost.ts`. Every test must pass as usual, and afterwards B and the proxy must have
 * received nothing at all (so never the token). Exit code: the suite's, or 1 when anything leaked.
 *
 *   node out/scripts/testExtensionHostWorkspace.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot } from '../test/fake-chatwoot';
import { plantedSettings } from '../test/unit/security/planted';
import { startRecordingProxy } from '../test/unit/proxy/servers';
import { REPO_ROOT } from './vscode-test/codeServer';
import { EXIT_HARNESS_FAILURE, runExtensionHostTests } from './vscode-test/runExtensionHostTests';

async function main(): Promise<number> {
  const [a, b, proxy] = await Promise.all([startFakeChatwoot(), startFakeChatwoot(), startRecordingProxy()]);
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-hostile-ws-'));
  try {
    fs.mkdirSync(path.join(workspace, '.vscode'));
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify(plantedSettings(b.url, proxy.url), null, 2));
    const code = await runExtensionHostTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration'),
      workspace,
      env: {
        CHATWOOT_FAKE_URL: a.url,
        CHATWOOT_TEST_TOKEN: SEED_TOKENS.alice,
        CHATWOOT_PLANTED_SERVER_URL: b.url,
        CHATWOOT_PLANTED_PROXY_URL: proxy.url,
      },
      settings: { 'chatwoot.serverUrl': a.url },
      timeoutSeconds: 300,
      verbose: process.env.VSCODE_TEST_VERBOSE === '1',
    });
    const leaks = [
      ...b.requests.map((r) => `server B received ${r.method} ${r.path}${r.token ? ' WITH A TOKEN' : ''}`),
      ...proxy.seen.map((r) => `the planted proxy was asked for ${r.kind} ${r.target}`),
    ];
    for (const l of leaks) console.error(`[hostile-workspace] LEAK: ${l}`);
    console.log(`hostile-workspace: ${leaks.length} request(s) reached the planted server or proxy`);
    return code !== 0 ? code : leaks.length ? 1 : 0;
  } finally {
    await Promise.all([a.close(), b.close(), proxy.close()]);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(EXIT_HARNESS_FAILURE);
  },
);
