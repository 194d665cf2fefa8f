/**
 * `npm run test:ext`: starts the fake Chatwoot on 127.0.0.1 (free port), then runs the mocha suite of
 * test/integration inside the real extension host of code-server with the extension under
 * development (dist/ must be built), `chatwoot.serverUrl` pointing at the fake, and the fake's URL and
 * a seed token in the environment. Exits with the suite's code.
 */
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot } from '../test/fake-chatwoot';
import { REPO_ROOT } from './vscode-test/codeServer';
import { EXIT_HARNESS_FAILURE, runExtensionHostTests } from './vscode-test/runExtensionHostTests';

async function main(): Promise<number> {
  const fake = await startFakeChatwoot();
  try {
    return await runExtensionHostTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(REPO_ROOT, 'out', 'test', 'integration'),
      env: { CHATWOOT_FAKE_URL: fake.url, CHATWOOT_TEST_TOKEN: SEED_TOKENS.alice },
      settings: { 'chatwoot.serverUrl': fake.url },
      timeoutSeconds: 300,
      verbose: process.env.VSCODE_TEST_VERBOSE === '1',
    });
  } finally {
    await fake.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(EXIT_HARNESS_FAILURE);
  },
);
