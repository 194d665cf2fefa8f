/**
 * `npm start`: a sandbox to try the extension by hand, offline.
 *   1. builds the .vsix (`node esbuild.js --production`, `npx vsce package --no-dependencies -o chatwoot-assign.vsix`)
 *   2. starts the fake Chatwoot with its seed data
 *   3. starts code-server on 127.0.0.1 with the extension installed from that .vsix and
 *      `"chatwoot.serverUrl": <fake url>` in the user settings
 *   4. prints the URL to open and the tokens to paste; Ctrl+C stops everything.
 *
 * usage: node out/scripts/sandbox.js [--port N] [--fake-port N] [--no-build] [--vsix file] [--folder dir]
 *                                    [--large] [--latency MS] [--verbose]
 */
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../test/fake-chatwoot';
import { type CodeServer, REPO_ROOT, startCodeServer } from './vscode-test/codeServer';

const VSIX_NAME = 'chatwoot-assign.vsix';

interface SandboxOptions {
  port?: number;
  fakePort?: number;
  build: boolean;
  vsix: string;
  folder: string;
  large: boolean;
  latencyMs?: number;
  verbose: boolean;
}

const USAGE = `usage: node out/scripts/sandbox.js [options]
  --port N        code-server port (default: a free one)
  --fake-port N   fake Chatwoot port (default: a free one)
  --no-build      use the existing .vsix instead of building it
  --vsix file     the .vsix to install (default ${VSIX_NAME})
  --folder dir    folder to open (default .sandbox/workspace)
  --large         add the fake's "Scale Test" account (10 000 conversations, 500 agents)
  --latency MS    delay every fake API answer
  --verbose       print code-server's log`;

function parseArgs(argv: string[]): SandboxOptions {
  const o: SandboxOptions = {
    build: true,
    vsix: path.join(REPO_ROOT, VSIX_NAME),
    folder: path.join(REPO_ROOT, '.sandbox', 'workspace'),
    large: false,
    verbose: false,
  };
  const int = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} needs a port number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--port':
        o.port = int(a, argv[++i]);
        break;
      case '--fake-port':
        o.fakePort = int(a, argv[++i]);
        break;
      case '--latency':
        o.latencyMs = int(a, argv[++i]);
        break;
      case '--no-build':
        o.build = false;
        break;
      case '--large':
        o.large = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--vsix':
        o.vsix = path.resolve(argv[++i] ?? '');
        break;
      case '--folder':
        o.folder = path.resolve(argv[++i] ?? '');
        break;
      case '-h':
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument "${a}"\n${USAGE}`);
    }
  }
  return o;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    console.log(`$ ${[cmd, ...args].join(' ')}`);
    const child = cp.spawn(cmd, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
}

async function buildVsix(vsix: string): Promise<void> {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  // vsce runs `vscode:prepublish` itself; build here only when there is none
  if (!pkg.scripts?.['vscode:prepublish']) await run(process.execPath, ['esbuild.js', '--production']);
  // npx finds the local @vscode/vsce devDependency (this machine's ~/.npmrc has yes=false: nothing is fetched)
  await run('npx', ['vsce', 'package', '--no-dependencies', '-o', vsix]);
}

/** Who to sign in as (SEED_TOKENS keys; the compiler flags any that disappear). */
const WHO: ReadonlyArray<[keyof typeof SEED_TOKENS, string]> = [
  ['alice', 'Alice Anderson, administrator of Acme Support (1), agent in Beta Labs (2)'],
  ['bob', 'Bob Brown, agent in Acme Support'],
  ['carol', 'Carol Chen ("Caz"), agent in Acme Support, busy'],
  ['grace', 'Grace Garcia, administrator of Beta Labs'],
  ['ivan', 'Ivan Ivanov, agent without inboxes or teams'],
];

function banner(server: CodeServer, fake: FakeChatwoot, o: SandboxOptions): string {
  const width = Math.max(...WHO.map(([k]) => k.length));
  return [
    '',
    '──────────────────────────────────────────────────────────────────────────────',
    ` Chatwoot Assign sandbox`,
    ``,
    `   Open:        ${server.url}`,
    `   Fake server: ${fake.url}   (chatwoot.serverUrl is set to it)`,
    `   Extension:   ${path.relative(process.cwd(), o.vsix) || o.vsix} (installed, not a dev host)`,
    ``,
    `   Run "Chatwoot: Set API Token" and paste Alice's token:`,
    ``,
    `       ${SEED_TOKENS.alice}`,
    ``,
    `   Other seed users:`,
    ...WHO.filter(([k]) => k !== 'alice').map(([k, who]) => `     ${k.padEnd(width)}  ${SEED_TOKENS[k]}  ${who}`),
    `   (all tokens: npm run fake-chatwoot, or GET ${fake.url}/__fake/tokens)`,
    ``,
    `   Ctrl+C stops code-server and the fake server.`,
    '──────────────────────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let o: SandboxOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  }

  let fake: FakeChatwoot | undefined;
  let server: CodeServer | undefined;
  let stopping = false;
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      await server?.stop().catch(() => undefined);
      await fake?.close().catch(() => undefined);
    }
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      console.log(`\n${sig}: stopping the sandbox…`);
      void stop(0);
    });
  }

  try {
    if (o.build) await buildVsix(o.vsix);
    if (!fs.existsSync(o.vsix)) throw new Error(`no ${o.vsix}: run without --no-build first`);
    fake = await startFakeChatwoot({
      port: o.fakePort ?? 0,
      ...(o.large ? { large: { conversations: 10_000, agents: 500 } } : {}),
      ...(o.latencyMs !== undefined ? { latencyMs: o.latencyMs } : {}),
    });
    fs.mkdirSync(o.folder, { recursive: true });
    server = await startCodeServer({
      port: o.port,
      folder: o.folder,
      vsix: o.vsix,
      settings: { 'chatwoot.serverUrl': fake.url },
      log: o.verbose ? (l) => console.log(`[code-server] ${l}`) : undefined,
    });
    console.log(banner(server, fake, o));
    const why = await server.exited;
    if (!stopping) {
      console.error(`code-server exited unexpectedly (${why}):\n${server.output().split('\n').slice(-30).join('\n')}`);
      await stop(1);
    }
  } catch (e) {
    console.error(`sandbox: ${e instanceof Error ? e.message : String(e)}`);
    await stop(1);
  }
}

void main();
