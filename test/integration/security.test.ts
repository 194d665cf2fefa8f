/**
 * Where the token goes, and how requests travel, in the real extension host (code-server): the
 * token is bound to the origin it was stored for, a workspace cannot redirect it, plain http:// off
 * loopback sends nothing, redirects are not followed; chatwoot.caCertificates, http.proxy,
 * http.noProxy and http.proxyAuthorization are read from the real configuration and take effect
 * without a reload. Every extra server is started here, on 127.0.0.1.
 *
 * Run by `node out/scripts/testExtensionHost.js` (an empty workspace: the workspace test writes
 * the hostile .vscode/settings.json itself, after activation) and by
 * `node out/scripts/testExtensionHostWorkspace.js` (the workspace holds that file from the start,
 * pointing at servers of the runner: CHATWOOT_PLANTED_SERVER_URL, CHATWOOT_PLANTED_PROXY_URL).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Conversation } from '../../src/api';
import type { TokenStore } from '../../src/auth/tokenStore';
import type { ChatwootAssignApi } from '../../src/extension';
import { fakeControl, fakeRequests, startFake, type FakeChatwoot, type RecordedRequest } from '../support/fake';
import { rawServer } from '../unit/helpers/rawServer';
import { makeTestCa, type TestCa } from '../unit/proxy/certs';
import { plantedSettings } from '../unit/security/planted';
import { startRecordingProxy, startTlsFront, type ProxyRecord, type RecordingProxy, type TlsFront } from '../unit/proxy/servers';
import { storedRecord } from '../support/storedToken';

const EXTENSION_ID = 'chatwoot-assign.chatwoot-assign';
const FAKE_URL = process.env.CHATWOOT_FAKE_URL ?? '';
const TOKEN = process.env.CHATWOOT_TEST_TOKEN ?? '';
const PLANTED_SERVER = process.env.CHATWOOT_PLANTED_SERVER_URL;
const PLANTED_PROXY = process.env.CHATWOOT_PLANTED_PROXY_URL;
const Global = vscode.ConfigurationTarget.Global;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson<T>(url: string, method = 'GET'): Promise<T> {
  const res = await fetch(url, { method });
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}
const controlA = fakeControl(FAKE_URL, { lenient: true });
const fakeA = {
  reset: () => controlA('POST', 'reset'),
  clearLog: () => controlA('DELETE', 'requests'),
  requests: () => fakeRequests(FAKE_URL),
  port: () => Number(new URL(FAKE_URL).port),
};

interface Shown {
  level: 'error' | 'warning' | 'info';
  message: string;
}

/**
 * Records the notifications the extension shows. The extension and these tests share one `vscode`
 * API object (the test files live inside the extension's folder), so replacing the functions on
 * `vscode.window` catches the extension's calls. Nothing is shown meanwhile.
 */
function captureNotifications(): { shown: Shown[]; restore(): void } {
  const win = vscode.window as unknown as Record<string, unknown>;
  const originals = { error: win.showErrorMessage, warning: win.showWarningMessage, info: win.showInformationMessage };
  const shown: Shown[] = [];
  const fake = (level: Shown['level']) => (message: string) => {
    shown.push({ level, message });
    return Promise.resolve(undefined);
  };
  win.showErrorMessage = fake('error');
  win.showWarningMessage = fake('warning');
  win.showInformationMessage = fake('info');
  return {
    shown,
    restore() {
      win.showErrorMessage = originals.error;
      win.showWarningMessage = originals.warning;
      win.showInformationMessage = originals.info;
    },
  };
}

describe('Security and network settings in the extension host', function () {
  this.timeout(30_000);
  let api: ChatwootAssignApi;
  let notifications: ReturnType<typeof captureNotifications>;

  /** Changes a user setting and waits until the connection has reloaded for it. */
  async function setUser(section: string, key: string, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration(section);
    if (JSON.stringify(config.inspect(key)?.globalValue) === JSON.stringify(value)) return;
    const reloaded = new Promise<void>((resolve) => {
      const d = api.connection.onDidChange(() => {
        d.dispose();
        resolve();
      });
    });
    await config.update(key, value, Global);
    await Promise.race([reloaded, sleep(5000).then(() => assert.fail(`no reload after ${section}.${key} changed`))]);
  }
  const signIn = () => vscode.commands.executeCommand<{ name: string } | undefined>('chatwoot.signIn', { token: TOKEN });
  const assign = () => vscode.commands.executeCommand<Conversation | undefined>('chatwoot.assignConversation', { accountId: 1, conversationId: 21, assigneeId: 2 });
  const errors = () => notifications.shown.filter((n) => n.level === 'error').map((n) => n.message);
  const origin = () => ('origin' in api.connection.server ? api.connection.server.origin : undefined);

  /**
   * Waits until the view's background loading (it reloads after every settings change) has
   * settled, i.e. fake A's request log and `counters` stop growing for 400 ms, then clears A's log.
   */
  async function quiesce(...counters: Array<() => number>): Promise<void> {
    await api.store.idle();
    let last = -1;
    let stableSince = Date.now();
    const until = Date.now() + 8000;
    for (;;) {
      const n = (await fakeA.requests()).length + counters.reduce((sum, c) => sum + c(), 0);
      if (n !== last) {
        last = n;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= 400) break;
      assert.ok(Date.now() < until, 'the extension kept sending requests');
      await sleep(100);
    }
    await fakeA.clearLog();
  }

  before(async () => {
    assert.ok(FAKE_URL && TOKEN, 'CHATWOOT_FAKE_URL and CHATWOOT_TEST_TOKEN must be set by the runner');
    const ext = vscode.extensions.getExtension<ChatwootAssignApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    notifications = captureNotifications();
  });
  beforeEach(async () => {
    notifications.shown.length = 0;
    await fakeA.reset();
  });
  after(async () => {
    notifications?.restore();
    // Leave the user settings as the runner made them, signed in to the fake (the next suites expect it).
    for (const [section, key] of [
      ['chatwoot', 'caCertificates'],
      ['http', 'proxy'],
      ['http', 'noProxy'],
      ['http', 'proxyAuthorization'],
      ['http', 'proxySupport'],
    ]) {
      await vscode.workspace.getConfiguration(section).update(key, undefined, Global);
    }
    await vscode.workspace.getConfiguration('chatwoot').update('serverUrl', FAKE_URL, Global);
    await sleep(200);
    await signIn();
  });

  it('can watch the notifications the extension shows (the shared vscode API object)', async () => {
    await vscode.commands.executeCommand('chatwoot.signIn', { token: 'wrongTokenwrongTokenxxxx' });
    assert.equal(errors().length, 1, JSON.stringify(notifications.shown));
    assert.match(errors()[0], /rejected this token/);
  });

  describe('the token is bound to the origin it was stored for', () => {
    let b: FakeChatwoot;
    before(async () => {
      b = await startFake();
    });
    after(async () => {
      await setUser('chatwoot', 'serverUrl', FAKE_URL);
      await b.close();
    });

    it('switching chatwoot.serverUrl to server B signs out; B never receives the token; switching back restores A', async () => {
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
      await quiesce();

      await setUser('chatwoot', 'serverUrl', b.url);
      assert.equal(origin(), b.url);
      assert.equal(api.connection.signedIn, false, 'no token is stored for B');
      assert.equal(await storedRecord(api), undefined);
      // Everything that would use the network, while pointed at B.
      assert.equal(await assign(), undefined);
      await vscode.commands.executeCommand('chatwoot.refresh');
      const roots = await api.view.treeDataProvider.getChildren();
      assert.ok(Array.isArray(roots));
      await sleep(300);
      assert.deepEqual(b.requests, [], 'B received nothing, so not the token');
      assert.deepEqual(await fakeA.requests(), []);

      await setUser('chatwoot', 'serverUrl', FAKE_URL);
      assert.equal(api.connection.signedIn, true, 'the session for A is back');
      assert.equal((await assign())?.meta.assignee?.id, 2);
      assert.ok((await fakeA.requests()).every((r) => r.token === TOKEN));
      assert.deepEqual(b.requests, []);
    });

    it('a stored record filed under A but naming another server is never used (defence in depth)', async () => {
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
      await quiesce();
      const tokens = (api.connection as unknown as { tokens: TokenStore }).tokens;
      await tokens.store(new URL(FAKE_URL).origin, { url: b.url, token: TOKEN });
      const until = Date.now() + 5000;
      while (api.connection.signedIn) {
        assert.ok(Date.now() < until, 'the connection did not reload after the secret changed');
        await sleep(50);
      }
      assert.equal(await storedRecord(api), undefined);
      assert.equal(await assign(), undefined);
      await sleep(300);
      assert.deepEqual(b.requests, []);
      assert.deepEqual(await fakeA.requests(), []);
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' }, 'signing in again replaces the record');
    });
  });

  describe('a workspace .vscode/settings.json cannot redirect the token', () => {
    let b: { url: string; requests(): Promise<RecordedRequest[]>; close(): Promise<void> };
    let proxy: { url: string; seen(): Promise<ProxyRecord[]>; close(): Promise<void> };
    let file: string | undefined;

    before(async function () {
      this.timeout(20_000);
      if (PLANTED_SERVER && PLANTED_PROXY) {
        // The runner planted the file before VS Code started; its servers live in the runner.
        b = { url: PLANTED_SERVER, requests: () => fakeRequests(PLANTED_SERVER), close: () => Promise.resolve() };
        proxy = { url: PLANTED_PROXY, seen: () => getJson(`${PLANTED_PROXY}/__seen`), close: () => Promise.resolve() };
      } else {
        const fake = await startFake();
        const recording: RecordingProxy = await startRecordingProxy();
        b = { url: fake.url, requests: () => Promise.resolve(fake.requests), close: () => fake.close() };
        proxy = { url: recording.url, seen: () => Promise.resolve(recording.seen), close: () => recording.close() };
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
        assert.ok(folder, 'the runner opens a workspace folder');
        file = path.join(folder, '.vscode', 'settings.json');
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(plantedSettings(b.url, proxy.url), null, 2));
      }
      // The canary (a window-scoped setting in the same file) proves VS Code has read the file.
      const until = Date.now() + 15_000;
      while (vscode.workspace.getConfiguration('editor').get('tabSize') !== 7) {
        assert.ok(Date.now() < until, 'VS Code did not pick up the workspace settings file');
        await sleep(100);
      }
      await sleep(300); // let the connection reload for the change, if it fires one
    });
    after(async () => {
      if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
      await b?.close();
      await proxy?.close();
    });

    it('config reads user values only: inspect() in the real host keeps the workspace value apart', () => {
      const server = vscode.workspace.getConfiguration('chatwoot').inspect<string>('serverUrl');
      assert.equal(server?.globalValue, FAKE_URL);
      // VS Code 1.100 drops application/machine-scoped values from a workspace altogether; config.ts
      // would ignore them anyway (it reads globalValue ?? defaultValue only).
      assert.equal(server?.workspaceValue, undefined);
      const proxySetting = vscode.workspace.getConfiguration('http').inspect('proxy');
      assert.equal(proxySetting?.workspaceValue, undefined);
      assert.notEqual(vscode.workspace.getConfiguration('chatwoot').get('serverUrl'), b.url, 'get() ignores it too (application scope)');
      assert.equal(origin(), new URL(FAKE_URL).origin, 'the connection uses the user value');
      assert.equal(proxySetting?.globalValue, undefined);
    });

    it('signing in, assigning and the tree all go to the user-configured server; B and the planted proxy see nothing', async () => {
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
      assert.equal((await assign())?.meta.assignee?.id, 2);
      api.view.refresh();
      assert.ok((await api.view.treeDataProvider.getChildren()).length > 0);
      await sleep(300);
      assert.ok((await fakeA.requests()).length >= 3);
      assert.deepEqual(await b.requests(), []);
      assert.deepEqual(await proxy.seen(), []);
      assert.deepEqual(api.connection.networkWarnings, [], 'the planted chatwoot.caCertificates entry is not read either');
    });
  });

  describe('plain http:// off loopback', () => {
    let proxy: RecordingProxy;
    before(async () => {
      // Any request for chatwoot.example.com would go to this proxy (never to the network): it must see none.
      proxy = await startRecordingProxy();
      await setUser('http', 'noProxy', ['nothing.invalid']);
      await setUser('http', 'proxy', proxy.url);
    });
    after(async () => {
      await setUser('chatwoot', 'serverUrl', FAKE_URL);
      await setUser('http', 'proxy', undefined);
      await setUser('http', 'noProxy', undefined);
      await proxy.close();
    });

    it('is refused with a clear message, and no request is sent', async () => {
      await quiesce(() => proxy.seen.length);
      proxy.seen.length = 0;
      await setUser('chatwoot', 'serverUrl', 'http://chatwoot.example.com');
      assert.ok('error' in api.connection.server);
      assert.equal(api.connection.signedIn, false);
      assert.equal(await signIn(), undefined);
      assert.equal(await assign(), undefined);
      assert.deepEqual(errors(), [
        'The chatwoot.serverUrl setting is not usable: Refusing plain http:// for chatwoot.example.com: the API token would travel unencrypted. Use https:// (http:// is allowed only for localhost).',
      ]);
      await sleep(300);
      assert.deepEqual(proxy.seen, []);
      assert.deepEqual(await fakeA.requests(), []);
    });
  });

  it('a redirect is not followed: the server it points to never sees the token', async () => {
    const b = await startFake();
    const redirector = await rawServer((_req, res) => {
      res.writeHead(307, { location: `${b.url}/api/v1/profile` });
      res.end();
    });
    try {
      await setUser('chatwoot', 'serverUrl', redirector.url);
      assert.equal(await signIn(), undefined);
      assert.match(errors()[0] ?? '', /redirect \(HTTP 307.*redirects are not followed/);
      assert.equal(redirector.seen.length, 1);
      assert.deepEqual(b.requests, []);
    } finally {
      await setUser('chatwoot', 'serverUrl', FAKE_URL);
      await redirector.close();
      await b.close();
    }
  });

  describe('chatwoot.caCertificates and the http.* proxy settings', () => {
    let ca: TestCa;
    let front: TlsFront;
    let proxy: RecordingProxy;
    const PROXY_AUTH = 'Basic Y2hhdHdvb3Q6dGVzdA==';

    before(async () => {
      ca = makeTestCa('Ext host');
      front = await startTlsFront(fakeA.port(), ca);
      proxy = await startRecordingProxy({ requireAuthorization: PROXY_AUTH });
    });
    after(async () => {
      await setUser('chatwoot', 'serverUrl', FAKE_URL);
      for (const [section, key] of [
        ['chatwoot', 'caCertificates'],
        ['http', 'proxy'],
        ['http', 'noProxy'],
        ['http', 'proxyAuthorization'],
        ['http', 'proxySupport'],
      ]) {
        await setUser(section, key, undefined);
      }
      await front?.close();
      await proxy?.close();
      ca?.remove();
    });

    it('an https server with a private CA: "not trusted" with the fix until the CA is configured, then signs in (no reload)', async () => {
      await setUser('chatwoot', 'serverUrl', front.url);
      assert.equal(api.connection.signedIn, false, 'a new origin has no token');
      await quiesce();
      assert.equal(await signIn(), undefined);
      assert.match(
        errors()[0] ?? '',
        /^Could not check the token with 127\.0\.0\.1:\d+: the certificate of 127\.0\.0\.1:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. .*add its certificate \(a PEM file\) to the chatwoot\.caCertificates setting\.$/,
      );
      assert.deepEqual(await fakeA.requests(), [], 'nothing (no token) went over the untrusted connection');

      await setUser('chatwoot', 'caCertificates', [ca.caFile]);
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
      assert.equal((await assign())?.meta.assignee?.id, 2);
      assert.ok((await fakeA.requests()).every((r) => r.token === TOKEN));
      assert.equal((await storedRecord(api))?.url, front.url);
    });

    it('an unreadable CA file: a clear error when connecting, the log says why, nothing crashes', async () => {
      await setUser('chatwoot', 'serverUrl', front.url);
      await setUser('chatwoot', 'caCertificates', ['/nonexistent/chatwoot-ca.pem']);
      assert.equal(await assign(), undefined, 'signed in (the token for this origin is stored), but the server is not trusted now');
      const missing = 'chatwoot.caCertificates: cannot read "/nonexistent/chatwoot-ca.pem" (no such file); it is ignored.';
      assert.deepEqual(api.connection.networkWarnings, [missing]);
      assert.ok(errors().includes(`Chatwoot: ${missing}`), JSON.stringify(errors()));
      await vscode.commands.executeCommand('chatwoot.signOut');
      assert.equal(await signIn(), undefined);
      assert.ok(
        errors().some((m) => m.includes('is not trusted') && m.endsWith(`(Also: ${missing})`)),
        JSON.stringify(errors()),
      );
      // And it recovers as soon as the setting is fixed.
      await setUser('chatwoot', 'caCertificates', [ca.caFile]);
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
    });

    it('http.proxy + http.proxyAuthorization: the traffic goes through the proxy with the header; http.noProxy and proxySupport "off" bypass it', async () => {
      // VS Code never proxies localhost/127.0.0.1/::1; 127.0.0.2 is loopback too but goes through the
      // proxy, which connects to 127.0.0.1 (the TLS front listens there only, so a direct attempt fails).
      const viaAlias = front.url.replace('127.0.0.1', '127.0.0.2');
      await setUser('chatwoot', 'caCertificates', [ca.caFile]);
      await setUser('http', 'noProxy', ['nothing.invalid']);
      await setUser('http', 'proxy', proxy.url);
      await setUser('http', 'proxyAuthorization', PROXY_AUTH);
      await setUser('chatwoot', 'serverUrl', viaAlias);
      await quiesce(() => proxy.seen.length);
      proxy.seen.length = 0;
      assert.deepEqual(await signIn(), { name: 'Alice Anderson' });
      const target = new URL(viaAlias).host;
      assert.deepEqual(
        proxy.seen.map((r) => [r.kind, r.target, r.proxyAuthorization, r.status]),
        [['connect', target, PROXY_AUTH, 200]],
      );
      assert.equal((await fakeA.requests()).at(-1)?.token, TOKEN);

      await setUser('http', 'noProxy', ['127.0.0.2']);
      await quiesce(() => proxy.seen.length);
      proxy.seen.length = 0;
      assert.equal(await assign(), undefined);
      assert.deepEqual(proxy.seen, [], 'http.noProxy: direct (and refused: nothing listens on 127.0.0.2)');

      await setUser('http', 'noProxy', ['nothing.invalid']);
      await setUser('http', 'proxySupport', 'off');
      await quiesce(() => proxy.seen.length);
      proxy.seen.length = 0;
      assert.equal(await assign(), undefined);
      assert.deepEqual(proxy.seen, [], 'http.proxySupport "off": VS Code proxy settings ignored');

      await setUser('http', 'proxySupport', undefined);
      assert.equal((await assign())?.meta.assignee?.id, 2, 'back through the proxy (a direct connection is refused)');
      const tunnels: ProxyRecord[] = proxy.seen; // (the view may have opened the keep-alive tunnel first)
      assert.ok(tunnels.length >= 1 && tunnels.every((r) => r.target === target && r.proxyAuthorization === PROXY_AUTH), JSON.stringify(tunnels));
    });
  });
});
