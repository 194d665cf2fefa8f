/**
 * Starts the real ActionCable test server (config.ru: Debian's ruby-actioncable with Chatwoot's
 * RoomChannel) under puma on 127.0.0.1 with a port the OS picks, waits until it answers, and stops
 * it by killing its process group. Install the packages with scripts/vscode-test/setup-actioncable.sh.
 *
 * `actionCableAvailability()` tells tests whether to run: without ruby/puma they skip with a
 * message, except under CI=true, where a missing server is a failure.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const CONFIG_RU = path.resolve(__dirname, '../../../../test/support/actioncable/config.ru');
const SETUP = 'scripts/vscode-test/setup-actioncable.sh';

export interface ActionCableServer {
  /** `http://127.0.0.1:<port>`: the "Chatwoot server URL" (the cable is at /cable). */
  url: string;
  /** POSTs a control route (see config.ru) and returns its JSON. */
  control(route: string, body?: unknown): Promise<unknown>;
  get(route: string): Promise<unknown>;
  /** Adds or replaces a user (a new token = a rotated pubsub token). */
  putUser(id: number, token: string, accountIds: readonly number[]): Promise<void>;
  /** `ActionCable.server.broadcast(stream, message)`: stream is a pubsub token or `account_<id>`. */
  broadcast(stream: string, message: unknown): Promise<void>;
  stop(): Promise<void>;
}

let availability: { ok: true } | { ok: false; why: string } | undefined;

/** Whether ruby can load action_cable and puma is on PATH (checked once). */
export function actionCableAvailability(): { ok: true } | { ok: false; why: string } {
  if (availability) return availability;
  const puma = spawnSync('puma', ['--version'], { encoding: 'utf8' });
  const ruby = spawnSync('ruby', ['-e', 'require "action_cable"'], { encoding: 'utf8' });
  if (puma.error || puma.status !== 0) availability = { ok: false, why: `puma is not installed; run ${SETUP} (as root) or apt-get install ruby-actioncable puma` };
  else if (ruby.error || ruby.status !== 0) availability = { ok: false, why: `ruby cannot load action_cable; run ${SETUP} (as root) or apt-get install ruby-actioncable puma` };
  else availability = { ok: true };
  return availability;
}

/**
 * For a mocha `before`: skips the suite when the server cannot run here, fails under CI.
 * Call as `requireActionCable(this)`.
 */
export function requireActionCable(ctx: Mocha.Context): void {
  const a = actionCableAvailability();
  if (a.ok) return;
  if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') throw new Error(`The real ActionCable server is required under CI: ${a.why}.`);
  console.log(`      (skipped: ${a.why})`);
  ctx.skip();
}

export interface StartOptions {
  startTimeoutMs?: number;
  /** Seconds between pings (Rails: 3). */
  pingIntervalSeconds?: number;
}

export async function startActionCable(options: StartOptions = {}): Promise<ActionCableServer> {
  const child = spawn('puma', ['-b', 'tcp://127.0.0.1:0', '-t', '4:8', '-e', 'production', '--no-config', CONFIG_RU], {
    cwd: path.dirname(CONFIG_RU),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RACK_ENV: 'production', ...(options.pingIntervalSeconds ? { CABLE_BEAT_INTERVAL: String(options.pingIntervalSeconds) } : {}) },
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`puma did not start within ${options.startTimeoutMs ?? 15_000} ms:\n${output}`)), options.startTimeoutMs ?? 15_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      kill(child);
      reject(e);
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`puma exited (${code}) before listening:\n${output}`)));
  });
  // Keep draining output so a chatty server never blocks on a full pipe.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  child.removeAllListeners('exit');
  const url = `http://127.0.0.1:${port}`;

  const request = async (method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`ActionCable server ${method} ${route}: HTTP ${res.status} ${text.slice(0, 200)}`);
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return json && text ? (JSON.parse(text) as unknown) : text;
  };
  // Ready = the rack app answers (puma prints "Listening" before the app is loaded in some setups).
  for (let i = 0; ; i++) {
    try {
      await request('GET', '/health');
      break;
    } catch (e) {
      if (i > 100) {
        kill(child);
        throw e;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    control: (route, body) => request('POST', route, body),
    get: (route) => request('GET', route),
    async putUser(id, token, accountIds) {
      await request('POST', '/users', { id, token, account_ids: accountIds });
    },
    async broadcast(stream, message) {
      await request('POST', '/broadcast', { stream, message });
    },
    stop: () => stopChild(child),
  };
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  kill(child, 'SIGTERM');
  const timer = setTimeout(() => kill(child, 'SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
