/**
 * UI test: where the API token ends up after a person's session at trace log level. The extension
 * is installed from the `.vsix` into a fresh code-server started with `--log trace`, the workbench
 * log level is set to Trace with "Developer: Set Log Level…", and the person signs in (a wrong
 * token first), assigns, opens the log and runs into errors (a 500, a revoked token). Then EVERY
 * file code-server was given (user-data dir with logs, settings and key files, extensions dir,
 * XDG dirs, the workspace folder), its console output, the workbench DOM, and the browser's whole
 * storage (localStorage, IndexedDB, cookies) are searched for the token, binary-safe and in the
 * encodings it could hide in (UTF-8, UTF-16, base64 at any alignment, hex, byte lists).
 *
 * Where code-server keeps secrets (code-server 4.100.3, VS Code 1.100.3 web): NOT on the server.
 * The web workbench's SecretStorage provider (`LocalStorageSecretStorageProvider`, vs/code/browser/
 * workbench/workbench.ts) keeps all secrets as one JSON map in the BROWSER's localStorage under
 * `secrets.provider`, sealed with AES-256-GCM. The stored value is base64(clientKey 32 bytes ‖ IV 12
 * bytes ‖ ciphertext+tag); the AES key is clientKey XOR a 32-byte server half that code-server's
 * `POST /mint-key` route creates once in `<user-data-dir>/serve-web-key-half` (random bytes; see
 * code-server out/node/routes/vscode.js). So neither side alone holds the token in readable form,
 * but whoever has both the browser profile and that file can decrypt it; this test does exactly
 * that to prove the token IS in the secret storage, filed under the extension's key, and nowhere
 * else. (Playwright's contexts are off the record: localStorage lives in memory only here; in a
 * person's Chrome it is in the profile's "Local Storage" LevelDB, still sealed.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seedPubsubToken } from '../fake-chatwoot';
import { fakeControl, SEED_TOKENS, startFake, type FakeChatwoot } from '../support/fake';
import { REPO_ROOT, launchChromium, newGuardedContext, startCodeServer, type CodeServer } from '../../scripts/vscode-test/codeServer';
import { findSecretInFiles, findSecretInText, unsealCodeServerSecrets } from '../unit/security/secretSearch';
import { Workbench } from './workbench';

const VSIX = path.join(REPO_ROOT, 'chatwoot-assign.vsix');
const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';
const TOKEN = SEED_TOKENS.alice;

// ---------------------------------------------------------------------------------------------

describe('security: after a session at trace level, the token is only in the secret storage', function () {
  this.timeout(120_000);
  let fake: FakeChatwoot;
  let server: CodeServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let wb: Workbench;
  let folder: string;
  const toasts: string[] = [];

  const control = async (route: string, body: unknown) => {
    await fakeControl(fake.url)('POST', route, body);
  };
  /** Waits for a toast, records every toast text on screen, then clears them. */
  const toast = async (text: RegExp) => {
    const message = await wb.waitForToast(text);
    toasts.push(...(await wb.toastMessages()));
    await wb.clearNotifications();
    return message;
  };

  /** Waits until a toast, the quick input's message or one of its rows matches; records what was on screen. */
  const shownSomewhere = async (text: RegExp, timeout = 15_000): Promise<string> => {
    const qi = wb.quickInput;
    const until = Date.now() + timeout;
    for (;;) {
      const onScreen = [...(await wb.toastMessages()), await qi.message().catch(() => ''), ...(await qi.labels().catch(() => []))];
      toasts.push(...onScreen);
      const found = onScreen.find((t) => text.test(t));
      if (found) return found;
      if (Date.now() > until) throw new Error(`nothing on screen matches ${String(text)}: ${JSON.stringify(onScreen)}`);
      await page.waitForTimeout(200);
    }
  };

  before(async function () {
    this.timeout(180_000);
    assert.ok(fs.existsSync(VSIX), `${VSIX} must be built first (npm run package)`);
    fake = await startFake();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'chatwoot-ui-sec-ws-'));
    server = await startCodeServer({
      vsix: VSIX,
      folder,
      settings: { 'chatwoot.serverUrl': fake.url },
      extraArgs: ['--log', 'trace'],
    });
    browser = await launchChromium();
    ({ context } = await newGuardedContext(browser));
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(server.workbenchUrl({ folder }));
    wb = new Workbench(page);
    await wb.waitForWorkbench();
  });
  afterEach(async function () {
    const t = this.currentTest;
    if (wb && t?.state === 'failed') await wb.screenshot(`${t.fullTitle()}-FAILED`).catch(() => undefined);
  });
  after(async function () {
    this.timeout(30_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    await fake?.close();
  });

  it('Developer: Set Log Level… → Trace', async () => {
    const qi = wb.quickInput;
    await wb.runCommand('Developer: Set Log Level...');
    await qi.waitForItem('Trace');
    await qi.pick('Trace');
    await qi.waitForClosed().catch(() => undefined);
    if (await qi.isOpen()) {
      // 1.100 asks which logger first ("Set Default Log Level" / a channel), then the level.
      await qi.pick('Trace');
    }
    await wb.screenshot('sec-01-log-level-trace');
  });

  it('signs in (a wrong token first), assigns, and meets errors: a 500 and a revoked token', async () => {
    const qi = wb.quickInput;
    await wb.runCommand('Chatwoot: Set API Token');
    await qi.waitForOpen({ title: /Set API Token/ });
    await qi.fill('notTheRightToken00000000');
    await qi.accept();
    await qi.waitForOpen({ message: /rejected/ });
    await qi.cancel();

    await wb.runCommand('Chatwoot: Set API Token');
    await wb.answerInputBox(TOKEN, { title: /Set API Token/, password: true });
    assert.match(await toast(/Signed in to/), /as Alice Anderson/);

    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#\d+ /);
    await qi.fill('#21');
    await qi.pick(/^#21 /);
    await qi.pick('Caz', { filter: 'Caz' });
    assert.equal(await toast(/Conversation #21/), 'Conversation #21 assigned to Caz');

    // A server error on the next assignment.
    await control('config', { fail_next: { path_regex: 'assignments', status: 500 } });
    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#\d+ /);
    await qi.fill('#5');
    await qi.pick(/^#5 /);
    await qi.pick('sales', { filter: 'sales' });
    await toast(/failed|500|error/i);

    // The token is revoked on the server side while assigning: "Invalid Access Token".
    await control('config', { fail_next: { path_regex: 'assignments', status: 401, body: JSON.stringify({ error: 'Invalid Access Token' }) } });
    await wb.runCommand('Chatwoot: Assign Conversation');
    await qi.pick('Acme Support');
    await qi.waitForItem(/^#\d+ /);
    await qi.fill('#42');
    await qi.pick(/^#42 /);
    await qi.pick('Caz', { filter: 'Caz' });
    await shownSomewhere(/rejected|Invalid Access Token/i);
    await wb.screenshot('sec-02-token-revoked');
    if (await qi.isOpen()) await qi.cancel();
    await wb.clearNotifications();

    await wb.runCommand('Chatwoot: Show Log');
    await page.locator('.part.panel .monaco-editor').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(1000);
    await wb.screenshot('sec-03-log-at-trace');
    const tokenRequests = fake.requests.filter((r) => r.token === TOKEN);
    assert.ok(tokenRequests.length >= 5, 'the token was used for real');
  });

  it('the token is nowhere on disk, in the server output, the DOM or the browser storage, except sealed in the secret storage', async () => {
    // Let debounced writers (logs, storage) flush.
    await page.waitForTimeout(2000);

    const dom = await page.content();
    assert.deepEqual(findSecretInText(dom, TOKEN), [], 'the workbench DOM (notifications, output panel, inputs)');
    assert.deepEqual(
      toasts.filter((t) => t.includes(TOKEN)),
      [],
    );

    const state = await context.storageState({ indexedDB: true });
    const stateText = JSON.stringify(state);
    if (process.env.UI_SECURITY_DUMP) fs.writeFileSync(process.env.UI_SECURITY_DUMP, JSON.stringify(state, null, 1));
    assert.deepEqual(findSecretInText(stateText, TOKEN), [], 'browser storage (localStorage, IndexedDB, cookies) in any encoding');
    const databases = state.origins.flatMap((o) => ((o as { indexedDB?: Array<{ name: string }> }).indexedDB ?? []).map((db) => db.name));
    assert.ok(databases.length > 0, 'IndexedDB snapshot taken (the workbench keeps its state there)');

    assert.deepEqual(findSecretInText(server.output(), TOKEN), [], 'code-server console output');

    const roots = [server.tmpDir, server.userDataDir, server.extensionsDir, folder];
    const scan = findSecretInFiles(roots, TOKEN);
    assert.deepEqual(scan.hits, [], `files below ${roots.join(', ')}`);
    assert.ok(scan.files > 20, `searched ${scan.files} files`);
    console.log(`      searched ${scan.files} files (${Math.round(scan.bytes / 1024)} KB), IndexedDB: ${databases.join(', ')}; localStorage keys: ${localKeys(state).join(', ')}`);

    // The log was written at trace/debug level (so the search above meant something).
    const logs = findFiles(path.join(server.userDataDir, 'logs'), (f) => f.endsWith('Chatwoot.log'));
    assert.equal(logs.length, 1, 'the Chatwoot output channel has its log file');
    const log = fs.readFileSync(logs[0], 'utf8');
    assert.match(log, /\[debug\] GET \/api\/v1\/accounts\/1\/conversations → 200/);
    assert.match(log, /Signed in to/);
    const extHostLog = findFiles(path.join(server.userDataDir, 'logs'), (f) => f.endsWith(`${path.sep}remoteexthost.log`));
    assert.match(fs.readFileSync(extHostLog[0] ?? '', 'utf8'), /\[trace\]/, 'the extension host (and so the Chatwoot channel) runs at trace level');

    // And it IS in the secret storage: sealed in the browser's localStorage, filed under the extension.
    const local = state.origins.find((o) => o.origin === new URL(server.url).origin)?.localStorage ?? [];
    const sealed = local.find((e) => e.name === 'secrets.provider')?.value;
    assert.ok(sealed, 'code-server keeps secrets in localStorage["secrets.provider"]');
    const secrets = unsealCodeServerSecrets(sealed, server.userDataDir);
    const entry = secrets[JSON.stringify({ extensionId: EXTENSION_ID, key: `chatwoot.token:${new URL(fake.url).origin}` })];
    assert.ok(entry, `the extension's secret; keys: ${Object.keys(secrets).join(', ')}`);
    assert.deepEqual(JSON.parse(entry), { url: fake.url, token: TOKEN });
  });

  it('the pubsub token (live updates) was used over the websocket and is nowhere at all: memory only', async () => {
    const PUBSUB = seedPubsubToken(1);
    // The live connection subscribed with it during the session above.
    const cable = (await fakeControl(fake.url)('GET', 'cable')) as { sockets: Array<{ subscriptions: Array<{ identifier: string; confirmed: boolean }> }> };
    const subscribed = cable.sockets.flatMap((s) => s.subscriptions).filter((sub) => sub.identifier.includes(PUBSUB) && sub.confirmed);
    assert.ok(subscribed.length > 0, `a confirmed RoomChannel subscription with the pubsub token: ${JSON.stringify(cable)}`);

    assert.deepEqual(findSecretInText(await page.content(), PUBSUB), [], 'the workbench DOM');
    const state = await context.storageState({ indexedDB: true });
    assert.deepEqual(findSecretInText(JSON.stringify(state), PUBSUB), [], 'browser storage, the sealed secret storage included');
    assert.deepEqual(findSecretInText(server.output(), PUBSUB), [], 'code-server console output');
    const scan = findSecretInFiles([server.tmpDir, server.userDataDir, server.extensionsDir, folder], PUBSUB);
    assert.deepEqual(scan.hits, [], 'files (logs at trace level included)');
    const local = state.origins.find((o) => o.origin === new URL(server.url).origin)?.localStorage ?? [];
    const sealed = local.find((e) => e.name === 'secrets.provider')?.value;
    assert.ok(sealed);
    assert.deepEqual(findSecretInText(JSON.stringify(unsealCodeServerSecrets(sealed, server.userDataDir)), PUBSUB), [], 'not even in the secret storage');
  });
});

function localKeys(state: { origins: Array<{ localStorage: Array<{ name: string }> }> }): string[] {
  return state.origins.flatMap((o) => o.localStorage.map((e) => e.name));
}

function findFiles(root: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) visit(path.join(p, n));
    else if (st.isFile() && match(p)) out.push(p);
  };
  if (fs.existsSync(root)) visit(root);
  return out;
}
