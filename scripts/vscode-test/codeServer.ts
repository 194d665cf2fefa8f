/**
 * Real VS Code for tests, offline: code-server 4.100.3 (VS Code 1.100.3 server + web workbench, Node 20) and
 * Debian's chromium driven by playwright-core. Provisioned by `scripts/vscode-test/setup.sh` into
 * `.vscode-test-tools/` (git-ignored).
 *
 * - `startCodeServer()` starts code-server (or VS Code's own `server-main.js`) on 127.0.0.1 with throw-away
 *   user-data / extensions dirs, no gallery, no auth, and stops it by killing its whole process group.
 * - `installVsix()` installs a packaged extension into an extensions dir.
 * - `launchChromium()` + `newGuardedContext()` start headless chromium whose requests may only go to loopback.
 *
 * Environment overrides: VSCODE_TEST_TOOLS_DIR, CODE_SERVER_BIN, VSCODE_SERVER_MAIN, CHROMIUM_PATH,
 * VSCODE_TEST_KEEP_TMP=1 (keep temp dirs for post-mortems), VSCODE_TEST_VERBOSE=1 (server log to stderr).
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, LaunchOptions, Page } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.100.3';
export const LOOPBACK = '127.0.0.1';

/** The repository root: the first folder above this file (src or out) holding a package.json. */
export const REPO_ROOT: string = findUp(__dirname, 'package.json') ?? process.cwd();

function findUp(start: string, file: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, file))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export interface ToolPaths {
  toolsDir: string;
  codeServerBin: string;
  /** VS Code's plain server inside the code-server package (for `mode: 'server-main'`). */
  serverMain: string;
  chromium: string;
}

export function toolPaths(): ToolPaths {
  const toolsDir = path.resolve(process.env.VSCODE_TEST_TOOLS_DIR ?? path.join(REPO_ROOT, '.vscode-test-tools'));
  return {
    toolsDir,
    codeServerBin: process.env.CODE_SERVER_BIN ?? path.join(toolsDir, 'node_modules', '.bin', 'code-server'),
    serverMain: process.env.VSCODE_SERVER_MAIN ?? path.join(toolsDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
}

/** Throws a helpful error when setup.sh has not been run (or chromium is missing). */
export function assertToolsInstalled(paths: ToolPaths = toolPaths()): void {
  const missing = [paths.codeServerBin, paths.chromium].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) {
    throw new Error(`VS Code test tools missing: ${missing.join(', ')}.\nRun: bash scripts/vscode-test/setup.sh`);
  }
}

/** A free TCP port on the loopback interface (the OS picks it; tiny race until the server binds). */
export function freePort(host: string = LOOPBACK): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** User settings that keep the workbench quiet and deterministic. `settings` given to startCodeServer win. */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.commandCenter': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.fetchOnlinePackageInfo': false,
};

/** Environment variables a parent VS Code / code-server terminal leaks that would make the child misbehave
 *  (e.g. VSCODE_IPC_HOOK_CLI makes code-server hand the folder to the *parent* instance and exit). */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$|CODE_SERVER_PARENT_PID$|VSCODE_PROXY_URI$)/.test(k)) continue;
    env[k] = v;
  }
  return env;
}

export type ServerMode = 'code-server' | 'server-main';

export interface StartCodeServerOptions {
  /**
   * `code-server` (default): code-server's CLI; shows notification toasts, fit for UI tests and the sandbox.
   * `server-main`: VS Code's own `out/server-main.js` from the same package (see `smokeTestDriver`): the way to
   * run extension-host tests on VS Code versions newer than 1.100, whose workbench ignores the test payload
   * unless the server runs with `--enable-smoke-test-driver` (an option code-server's CLI rejects).
   */
  mode?: ServerMode;
  /**
   * server-main only: `--enable-smoke-test-driver`, without which VS Code newer than 1.100 ignores the
   * extension-test payload. It also suppresses notification toasts, so leave it off for UI tests.
   */
  smokeTestDriver?: boolean;
  /** Fixed port (default or 0: a free one). The host is always 127.0.0.1. */
  port?: number;
  /** Folder to open by default (code-server positional argument / server-main `--default-folder`). */
  folder?: string;
  /** Extra environment for the server and therefore for its extension host. */
  env?: Record<string, string>;
  /** User settings, merged over DEFAULT_SETTINGS, written to <userDataDir>/User/settings.json. */
  settings?: Record<string, unknown>;
  /** `.vsix` files to install into the extensions dir before start. */
  vsix?: string | string[];
  /** Extension folders to symlink into the extensions dir (as if installed, no packaging needed). */
  linkExtensions?: string[];
  /**
   * VS Code's display language, e.g. `pt-br` (code-server only): `--locale`, plus a minimal language pack
   * registered in the user-data dir. Without a language pack the workbench falls back to English and
   * so does `vscode.env.language`; with an empty one (no workbench translations) the workbench stays
   * English, but extensions get the language: their `package.nls.<lang>.json` and `l10n` bundles apply.
   */
  locale?: string;
  /** Persistent dirs (default: fresh ones inside a temp dir). */
  userDataDir?: string;
  extensionsDir?: string;
  extraArgs?: string[];
  /** Receives each line the server prints. Default: nothing (or stderr with VSCODE_TEST_VERBOSE=1). */
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface CodeServer {
  readonly mode: ServerMode;
  readonly host: string;
  readonly port: number;
  /** `127.0.0.1:PORT` */
  readonly authority: string;
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  readonly pid: number;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly tmpDir: string;
  /** All the server printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) when the server process ends. */
  readonly exited: Promise<number | string>;
  /** `vscode-remote://127.0.0.1:PORT/abs/path`: how the web workbench addresses a server-side path. */
  remoteUri(absPath: string): string;
  /** Workbench URL opening `folder` (default: the server's folder), with an optional test payload. */
  workbenchUrl(opts?: { folder?: string; payload?: [string, string][] }): string;
  /** Kill the whole process group (SIGTERM, then SIGKILL after 5 s) and remove the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** Process groups still alive: killed synchronously if this process exits without stopping them. */
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const g of liveGroups) killGroup(g, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal); // negative pid: the process group the detached child leads
    return true;
  } catch {
    return false;
  }
}

function writeUserSettings(userDataDir: string, settings: Record<string, unknown> | undefined): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let existing: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      existing = {};
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...DEFAULT_SETTINGS, ...existing, ...settings }, null, 2));
}

/**
 * What VS Code's server reads to resolve a display language (`<userDataDir>/languagepacks.json`, normally
 * written when a language pack extension is installed), pointing at a pack without translations: enough for
 * the server to answer `--locale` with that language (`_VSCODE_NLS_LANGUAGE`), which the workbench passes to
 * the extension host as `vscode.env.language`. No marketplace needed; the workbench's own strings stay English.
 */
export function registerEmptyLanguagePack(userDataDir: string, dir: string, locale: string): void {
  const language = locale.toLowerCase();
  const pack = path.join(dir, `language-pack-${language}`, 'main.i18n.json');
  fs.mkdirSync(path.dirname(pack), { recursive: true });
  fs.writeFileSync(pack, JSON.stringify({ version: '1.0.0', contents: {} }));
  const id = `vscode-test.language-pack-${language}`;
  const entry = { hash: `test-${language}`, extensions: [{ extensionIdentifier: { id }, version: '0.0.0' }], translations: { vscode: pack }, label: language };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [language]: entry }, null, 2));
}

/** Read a settings file (JSON; `//` line comments allowed). */
export function readSettingsFile(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: expected a JSON object`);
  return value as Record<string, unknown>;
}

interface RunResult {
  code: number | null;
  out: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = cp.spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/**
 * Install `.vsix` files into `extensionsDir` with code-server's CLI (offline, no gallery). Returns the ids
 * now installed (`publisher.name@version`).
 */
export async function installVsix(opts: { vsix: string | string[]; extensionsDir: string; userDataDir?: string; env?: Record<string, string> }): Promise<string[]> {
  const paths = toolPaths();
  assertToolsInstalled(paths);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-install-'));
  try {
    const userDataDir = opts.userDataDir ?? path.join(scratch, 'user-data');
    const config = path.join(scratch, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\n');
    fs.mkdirSync(opts.extensionsDir, { recursive: true });
    const env = { ...inheritedEnv(), EXTENSIONS_GALLERY: '{}', ...opts.env };
    const base = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', opts.extensionsDir];
    for (const vsix of Array.isArray(opts.vsix) ? opts.vsix : [opts.vsix]) {
      const abs = path.resolve(vsix);
      if (!fs.existsSync(abs)) throw new Error(`no such .vsix: ${abs}`);
      const r = await run(paths.codeServerBin, [...base, '--install-extension', abs, '--force'], env);
      if (r.code !== 0 || !/successfully installed/i.test(r.out)) {
        throw new Error(`installing ${abs} failed (exit ${r.code}):\n${r.out}`);
      }
    }
    const list = await run(paths.codeServerBin, [...base, '--list-extensions', '--show-versions'], env);
    return list.out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[\w-]+\.[\w.-]+@\S+$/.test(l));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Symlink an extension folder into an extensions dir as `<publisher>.<name>-<version>`. */
export function linkExtension(extensionPath: string, extensionsDir: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  fs.mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase());
  fs.rmSync(link, { force: true, recursive: true });
  fs.symlinkSync(path.resolve(extensionPath), link, 'dir');
  return link;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Start code-server (or VS Code's server-main.js) on 127.0.0.1. Resolves once it answers HTTP. */
export async function startCodeServer(opts: StartCodeServerOptions = {}): Promise<CodeServer> {
  const paths = toolPaths();
  assertToolsInstalled(paths);
  const mode: ServerMode = opts.mode ?? 'code-server';
  if (mode === 'server-main' && !fs.existsSync(paths.serverMain)) throw new Error(`no ${paths.serverMain}`);
  const verbose = process.env.VSCODE_TEST_VERBOSE === '1';
  const log = opts.log ?? (verbose ? (l: string) => process.stderr.write(`[server] ${l}\n`) : () => undefined);

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-'));
  const cleanTmp = (): void => {
    if (process.env.VSCODE_TEST_KEEP_TMP !== '1') fs.rmSync(tmpDir, { recursive: true, force: true });
  };
  try {
    const userDataDir = path.resolve(opts.userDataDir ?? path.join(tmpDir, 'user-data'));
    const extensionsDir = path.resolve(opts.extensionsDir ?? path.join(tmpDir, 'extensions'));
    fs.mkdirSync(userDataDir, { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    writeUserSettings(userDataDir, opts.settings);
    for (const ext of opts.linkExtensions ?? []) linkExtension(ext, extensionsDir);
    if (opts.vsix && (!Array.isArray(opts.vsix) || opts.vsix.length > 0)) {
      await installVsix({ vsix: opts.vsix, extensionsDir, userDataDir, env: opts.env });
    }

    // After the installs: an install rewrites languagepacks.json from the installed extensions.
    if (opts.locale && mode === 'code-server') registerEmptyLanguagePack(userDataDir, tmpDir, opts.locale);

    const port = opts.port || (await freePort()); // 0 too: a free one (the probe must know the port)
    const env: NodeJS.ProcessEnv = {
      ...inheritedEnv(),
      // No gallery: neither the server nor the workbench talks to open-vsx.org / the marketplace.
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: path.join(tmpDir, 'xdg-config'),
      XDG_DATA_HOME: path.join(tmpDir, 'xdg-data'),
      ...opts.env,
    };
    let cmd: string;
    let args: string[];
    if (mode === 'server-main') {
      cmd = process.execPath;
      args = [
        paths.serverMain,
        '--host',
        LOOPBACK,
        '--port',
        String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--disable-telemetry',
        ...(opts.smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--server-data-dir',
        path.join(tmpDir, 'server-data'),
        ...(opts.folder ? ['--default-folder', path.resolve(opts.folder)] : []),
        ...(opts.extraArgs ?? []),
      ];
    } else {
      const config = path.join(tmpDir, 'config.yaml');
      fs.writeFileSync(config, 'auth: none\n');
      cmd = paths.codeServerBin;
      args = [
        '--config',
        config,
        '--auth',
        'none',
        '--bind-addr',
        `${LOOPBACK}:${port}`,
        '--user-data-dir',
        userDataDir,
        '--extensions-dir',
        extensionsDir,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--disable-proxy',
        '--ignore-last-opened',
        ...(opts.locale ? ['--locale', opts.locale] : []),
        ...(opts.extraArgs ?? []),
        ...(opts.folder ? [path.resolve(opts.folder)] : []),
      ];
    }

    // detached: the server leads its own process group, so stop() also reaches the extension host,
    // file watcher and pty host it forks.
    const child = cp.spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pid = child.pid;
    if (pid === undefined) throw new Error(`could not spawn ${cmd}`);
    trackGroup(pid);
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    const onData = (text: string): void => {
      out += text;
      for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => {
        liveGroups.delete(pid);
        resolve(code ?? signal ?? -1);
      });
    });
    let exitedYet = false;
    void exited.then(() => (exitedYet = true));

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        if (!exitedYet) {
          killGroup(pid, 'SIGTERM');
          const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        }
        // the leader is gone; make sure nothing it forked survives
        killGroup(pid, 'SIGKILL');
        liveGroups.delete(pid);
        cleanTmp();
      })();
      return stopping;
    };

    const url = `http://${LOOPBACK}:${port}/`;
    const authority = `${LOOPBACK}:${port}`;
    const remoteUri = (absPath: string): string => `vscode-remote://${authority}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
    const server: CodeServer = {
      mode,
      host: LOOPBACK,
      port,
      authority,
      url,
      pid,
      userDataDir,
      extensionsDir,
      tmpDir,
      exited,
      output: () => out,
      remoteUri,
      workbenchUrl: (o = {}) => {
        const q: string[] = [];
        const folder = o.folder ?? opts.folder;
        if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
        if (o.payload) q.push(`payload=${encodeURIComponent(JSON.stringify(o.payload))}`);
        return url + (q.length ? `?${q.join('&')}` : '');
      },
      stop,
    };

    const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
    const probe = mode === 'server-main' ? url : `${url}healthz`;
    for (;;) {
      if (exitedYet) {
        await stop();
        throw new Error(`${mode} exited during start-up:\n${out}`);
      }
      try {
        const r = await fetch(probe, { signal: AbortSignal.timeout(2000) });
        if (r.ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`${mode} did not answer on ${probe} in time:\n${out}`);
      }
      await sleep(150);
    }
    return server;
  } catch (e) {
    cleanTmp();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Chromium

/** Flags for Debian's chromium in a container, and a host resolver that only knows loopback. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export async function launchChromium(opts: { headless?: boolean; args?: string[]; slowMo?: number } = {}): Promise<Browser> {
  const paths = toolPaths();
  if (!fs.existsSync(paths.chromium)) {
    throw new Error(`no chromium at ${paths.chromium}; run bash scripts/vscode-test/setup.sh (or set CHROMIUM_PATH)`);
  }
  const { chromium } = await import('playwright-core');
  const launch: LaunchOptions = {
    executablePath: paths.chromium,
    headless: opts.headless ?? process.env.VSCODE_TEST_HEADED !== '1',
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    ...(opts.slowMo ? { slowMo: opts.slowMo } : {}),
  };
  return chromium.launch(launch);
}

function isLoopbackOrLocal(rawUrl: string): boolean {
  let u: URL;
  try {
    u = new URL(rawUrl);
  } catch {
    return true;
  }
  if (!/^(https?|wss?):$/.test(u.protocol)) return true; // data:, blob:, vscode-*: never leave the machine
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Abort every http(s) request of `context` that is not for loopback; log it and record it in the returned
 * array (tests can assert it stays empty). WebSockets to other hosts cannot connect anyway (the host resolver
 * of CHROMIUM_ARGS knows only loopback); they are logged and recorded here too.
 *
 * PITFALL: do NOT use `context.routeWebSocket()` for this. Once it is active, playwright shims every page
 * WebSocket, and the workbench's large binary IPC messages then intermittently arrive corrupted ("SyntaxError:
 * … in JSON at position …" in the workbench log, about one start in four here, sometimes a workbench that never
 * lists the extensions). Observed 0 in 60 starts without it.
 */
export async function guardNetwork(context: BrowserContext, log: (line: string) => void = (l) => console.error(l)): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => !isLoopbackOrLocal(url.href),
    async (route) => {
      const u = route.request().url();
      blocked.push(u);
      log(`[net] blocked non-loopback request: ${u}`);
      await route.abort('blockedbyclient');
    },
  );
  const watchPage = (page: Page): void => {
    page.on('websocket', (ws) => {
      if (isLoopbackOrLocal(ws.url())) return;
      blocked.push(ws.url());
      log(`[net] non-loopback websocket (unresolvable, fails): ${ws.url()}`);
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return blocked;
}

/** A new browser context with the network guard installed. */
export async function newGuardedContext(
  browser: Browser,
  opts: { viewport?: { width: number; height: number }; log?: (line: string) => void } = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 800 } });
  const blocked = await guardNetwork(context, opts.log);
  return { context, blocked };
}
