/**
 * Run the extension's integration tests inside the REAL extension host of VS Code 1.100.3 (code-server),
 * driven by headless chromium: the mechanism of VS Code's own test/integration/browser. The workbench URL
 * carries `payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]`; the extension host requires
 * extensionTestsPath and calls its `run()` (the @vscode/test-electron contract); the workbench reports the
 * result through `window.codeAutomationExit(code)` and its log through `window.codeAutomationLog(type, args)`.
 *
 *   node out/scripts/vscode-test/runExtensionHostTests.js --extensionDevelopmentPath . \
 *     --extensionTestsPath out/test/integration [--env K=V]… [--settings file.json] [--timeout 180] \
 *     [--workspace dir] [--vsix dep.vsix]… [--server-main] [--screenshot file.png] [--verbose]
 *
 * Exit code: the extension host's (0 all passed, 1 failures or load error); 2 when the harness itself fails
 * (watchdog timeout, server/browser crash, bad arguments).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { type CodeServer, type ServerMode, launchChromium, newGuardedContext, readSettingsFile, startCodeServer } from './codeServer';

export const EXIT_HARNESS_FAILURE = 2;

export interface ExtensionHostTestOptions {
  /** Folder of the extension under test (its package.json). */
  extensionDevelopmentPath: string;
  /** Compiled folder or file exporting `run(): Promise<void>`. */
  extensionTestsPath: string;
  /** Folder opened in the workbench (default: a fresh empty temp folder). */
  workspace?: string;
  /** Environment for the server, hence for the extension host and the tests. */
  env?: Record<string, string>;
  /** User settings for the run. */
  settings?: Record<string, unknown>;
  /** Extensions the one under test depends on. */
  vsix?: string[];
  /** Watchdog, seconds (default 180). */
  timeoutSeconds?: number;
  mode?: ServerMode;
  /** Save a screenshot of the workbench at the end (or on timeout). */
  screenshot?: string;
  verbose?: boolean;
  /** Where output goes (default: console). */
  out?: (line: string) => void;
  err?: (line: string) => void;
}

// Workbench log lines that are noise when not verbose.
const NOISE =
  /^(Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|ChatSessionStore:|Started local extension host|Extension host agent started)/;
/** Workbench-internal errors (stack inside the workbench bundle): one line is enough unless verbose. */
const WORKBENCH_STACK = /\n\s+at .*\/static\/out\/vs\/.*workbench\.js:\d+/;

/** Runs the tests; resolves with the exit code (never rejects). */
export async function runExtensionHostTests(opts: ExtensionHostTestOptions): Promise<number> {
  const t0 = Date.now();
  const out = opts.out ?? ((l: string) => console.log(l));
  const err = opts.err ?? ((l: string) => console.error(l));
  const stamp = (): string => `[ext-host-runner ${((Date.now() - t0) / 1000).toFixed(1)}s]`;
  const verbose = opts.verbose ?? false;

  const devPath = path.resolve(opts.extensionDevelopmentPath);
  const testsPath = path.resolve(opts.extensionTestsPath);
  for (const [what, p] of [
    ['extensionDevelopmentPath', path.join(devPath, 'package.json')],
    ['extensionTestsPath', testsPath],
  ]) {
    if (!fs.existsSync(p)) {
      err(`${stamp()} ${what}: ${p} does not exist (did you build and compile the tests?)`);
      return EXIT_HARNESS_FAILURE;
    }
  }
  const ownWorkspace = !opts.workspace;
  const workspace = path.resolve(opts.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-ws-')));

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  const shoot = async (): Promise<void> => {
    if (!opts.screenshot || !page) return;
    try {
      fs.mkdirSync(path.dirname(path.resolve(opts.screenshot)), { recursive: true });
      await page.screenshot({ path: opts.screenshot });
      out(`${stamp()} screenshot: ${opts.screenshot}`);
    } catch (e) {
      err(`${stamp()} screenshot failed: ${String(e)}`);
    }
  };

  const timeoutMs = (opts.timeoutSeconds ?? 180) * 1000;
  const timedOut = new Promise<'timeout'>((resolve) => {
    watchdog = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let failure: ((why: string) => void) | undefined;
  const infraFailure = new Promise<string>((resolve) => (failure = resolve));

  // Everything up to the extension host's exit code; the watchdog covers start-up as well.
  const drive = async (): Promise<number> => {
    server = await startCodeServer({
      mode: opts.mode,
      smokeTestDriver: opts.mode === 'server-main',
      folder: workspace,
      env: opts.env,
      settings: opts.settings,
      vsix: opts.vsix,
      log: verbose ? (l) => out(`[server] ${l}`) : undefined,
    });
    out(`${stamp()} ${server.mode} (VS Code server) up at ${server.url}`);
    void server.exited.then((c) => failure?.(`server exited (${c})`));
    browser = await launchChromium();
    const { context } = await newGuardedContext(browser, { log: err });
    page = await context.newPage();
    page.on('crash', () => failure?.('page crashed'));
    page.on('pageerror', (e) => err(`[pageerror] ${e.message}`));
    page.on('console', (msg) => {
      if (verbose) out(`[console.${msg.type()}] ${msg.text()}`);
    });

    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const line = util.format(...(Array.isArray(args) ? (args as unknown[]) : [args]));
      const sink = type === 'error' || type === 'warn' ? err : out;
      if (verbose) return sink(`[log.${String(type)}] ${line}`);
      if (NOISE.test(line)) return;
      if (type === 'error' && WORKBENCH_STACK.test(line)) return err(`[workbench error] ${line.split('\n')[0]}`);
      sink(line);
    });
    let reportExit: (code: number) => void = () => undefined;
    const exitReported = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: unknown) => {
      reportExit(typeof code === 'number' ? code : Number(code) || 1);
    });

    const url = server.workbenchUrl({
      folder: workspace,
      payload: [
        ['extensionDevelopmentPath', server.remoteUri(devPath)],
        ['extensionTestsPath', server.remoteUri(testsPath)],
        ['skipWelcome', 'true'],
        ['skipReleaseNotes', 'true'],
      ],
    });
    if (verbose) out(`${stamp()} open ${url}`);
    await page.goto(url, { timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const shown = path.relative(process.cwd(), testsPath);
    out(`${stamp()} workbench loaded; running ${shown.startsWith('..') ? testsPath : shown} in the extension host`);
    return exitReported;
  };

  try {
    const result = await Promise.race([drive(), timedOut, infraFailure]);
    if (typeof result === 'number') {
      out(`${stamp()} extension host exited with code ${result}`);
      await shoot();
      return result;
    }
    err(`${stamp()} ${result === 'timeout' ? `TIMEOUT: no result within ${timeoutMs / 1000} s` : result.toUpperCase()}`);
    await shoot();
    const log = server?.output();
    if (!verbose && log) {
      err(
        `--- last server output ---\n${log
          .split('\n')
          .filter((l) => l.trim())
          .slice(-40)
          .join('\n')}`,
      );
    }
    return EXIT_HARNESS_FAILURE;
  } catch (e) {
    err(`${stamp()} harness failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    await shoot();
    return EXIT_HARNESS_FAILURE;
  } finally {
    failure = undefined;
    if (watchdog) clearTimeout(watchdog);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (ownWorkspace) fs.rmSync(workspace, { recursive: true, force: true });
    out(`${stamp()} done`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// CLI

const USAGE = `usage: node out/scripts/vscode-test/runExtensionHostTests.js
  --extensionDevelopmentPath <dir>   the extension (default .)
  --extensionTestsPath <dir|file>    compiled tests exporting run() (default out/test/integration)
  [--env K=V]…                       environment for the extension host
  [--settings file.json]             user settings for the run
  [--workspace dir]                  folder to open (default: an empty temp folder)
  [--vsix dep.vsix]…                 extensions to install first
  [--timeout 180]                    watchdog in seconds (exit 2)
  [--server-main]                    VS Code's server-main.js with --enable-smoke-test-driver
  [--screenshot file.png] [--verbose]`;

export function parseArgs(argv: string[]): ExtensionHostTestOptions {
  const o: ExtensionHostTestOptions = {
    extensionDevelopmentPath: '.',
    extensionTestsPath: path.join('out', 'test', 'integration'),
    env: {},
    vsix: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (raw.startsWith('--') && eq > 0) return raw.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--extensionDevelopmentPath':
        o.extensionDevelopmentPath = value();
        break;
      case '--extensionTestsPath':
        o.extensionTestsPath = value();
        break;
      case '--workspace':
        o.workspace = value();
        break;
      case '--settings':
        o.settings = { ...o.settings, ...readSettingsFile(value()) };
        break;
      case '--vsix':
        o.vsix?.push(value());
        break;
      case '--screenshot':
        o.screenshot = value();
        break;
      case '--server-main':
        o.mode = 'server-main';
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--timeout': {
        const s = Number(value());
        if (!(s > 0)) throw new Error('--timeout needs a positive number of seconds');
        o.timeoutSeconds = s;
        break;
      }
      case '--env': {
        // `--env K=V` (the `=` belongs to the pair, so no `--env=K=V` shortcut confusion)
        const pair = raw === '--env' ? value() : raw.slice('--env='.length);
        const k = pair.indexOf('=');
        if (k <= 0) throw new Error(`--env expects K=V, got "${pair}"`);
        (o.env ??= {})[pair.slice(0, k)] = pair.slice(k + 1);
        break;
      }
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument "${raw}"\n${USAGE}`);
    }
  }
  return o;
}

async function main(): Promise<void> {
  let opts: ExtensionHostTestOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(EXIT_HARNESS_FAILURE);
  }
  // Ctrl+C / CI cancellation: the process-exit hook in codeServer.ts kills the server's process group.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.error(`[ext-host-runner] ${sig}: stopping`);
      process.exit(130);
    });
  }
  const code = await runExtensionHostTests(opts);
  process.exit(code);
}

if (require.main === module) void main();
