// HTTP front end: reads the request, routes /__fake/ control calls, and runs every other
// request through the pipeline of §3 (latency → injected fault → rate limit → route →
// authenticate → account → action). Every non-control request lands in the request log.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCableControl, isCableControl } from './cable/control';
import { isCablePath } from './cable/frames';
import { CableHub } from './cable/hub';
import type { FailRule } from './config';
import { handleControl, type ControlTarget, type RecordedRequest } from './control';
import { mergeParams, parseBody, parseQuery, type ParsedBody } from './params';
import { readAuthHeader, authenticate, type AuthHeader } from './pipeline/auth';
import { resolveAccount, resolveOwnAccount, type AccountScope } from './pipeline/account';
import { Errors, HttpError, JSON_TYPE, json, routeNotFound, text, type Reply } from './reply';
import { matchRoute } from './routes/table';
import type { LargeOptions } from './seed/large';
import { World } from './world';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ServerOptions {
  large: LargeOptions | null;
  latencyMs?: number;
  perPage?: number;
}

interface IncomingData {
  method: string;
  pathname: string;
  query: Record<string, unknown>;
  body: ParsedBody;
  auth: AuthHeader | null;
  accept: string | undefined;
  ip: string;
}

export class FakeServer implements ControlTarget {
  readonly world: World;
  readonly cable: CableHub;
  readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(options: ServerOptions) {
    this.world = new World({ large: options.large, latencyMs: options.latencyMs, perPage: options.perPage });
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => write(res, json({ status: 500, error: 'Internal Server Error' }, 500), req.method));
    });
    // ActionCable at /cable (API-FACTS-LIVE §1): websocket upgrades never reach handle().
    this.cable = new CableHub(this.world);
    this.server.on('upgrade', (req: http.IncomingMessage, socket, head: Buffer) => this.cable.upgrade(req, socket, head));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  reset(large?: LargeOptions | null): void {
    this.world.reset(large);
    this.cable.reset();
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.cable.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Keep-alive sockets would otherwise hold the test process open.
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const cut = rawUrl.search(/[?#]/);
    const pathname = cut === -1 ? rawUrl : rawUrl.slice(0, cut);
    const search = cut === -1 || rawUrl[cut] === '#' ? '' : rawUrl.slice(cut + 1).split('#')[0];
    const method = (req.method ?? 'GET').toUpperCase();
    const contentType = req.headers['content-type'];
    const rawBody = await readBody(req);

    if (isCableControl(pathname)) {
      write(
        res,
        safe(() => handleCableControl(this.cable, method, pathname, parseBody(rawBody, 'application/json').logged)),
        method,
      );
      return;
    }
    // A plain (non-websocket) request to the ActionCable mount (connection/base.rb:77-81).
    if (isCablePath(pathname)) {
      write(res, text('Page not found', 404, 'text/plain; charset=utf-8'), method);
      return;
    }
    if (pathname === '/__fake' || pathname.startsWith('/__fake/')) {
      // Control bodies are JSON whatever the Content-Type (handy with `curl -d`).
      write(
        res,
        safe(() => handleControl(this, method, pathname, parseBody(rawBody, 'application/json').logged)),
        method,
      );
      return;
    }
    const body = parseBody(rawBody, contentType);
    const at = Date.now();
    const incoming: IncomingData = {
      method,
      pathname,
      query: parseQuery(search),
      body,
      auth: readAuthHeader(req.rawHeaders),
      accept: req.headers.accept,
      ip: req.socket.remoteAddress ?? 'unknown',
    };
    // Latency applies to the Chatwoot API only, never to control routes.
    if (/^\/api\/v1(\/|$)/.test(pathname) && this.world.config.latencyMs > 0) await this.sleep(this.world.config.latencyMs);
    const { reply, rule } = this.dispatch(incoming);
    this.requests.push({
      method,
      path: pathname,
      query: plain(incoming.query) as Record<string, unknown>,
      body: plain(body.logged),
      authHeader: incoming.auth ? incoming.auth.header : null,
      token: incoming.auth ? incoming.auth.token : null,
      status: reply.status,
      at,
      ...(rule && rule.mode !== 'status' ? { fault: rule.mode } : {}),
    });
    if (rule) this.writeFault(req, res, rule, reply, method);
    else write(res, reply, method);
  }

  /** fail_next (§10) first: the first matching rule answers instead of (or after) the server. */
  private dispatch(incoming: IncomingData): { reply: Reply; rule: FailRule | null } {
    const rule = takeRule(this.world.config.failNext, incoming.method, incoming.pathname);
    const real = () => safe(() => this.route(incoming));
    if (!rule) return { reply: real(), rule: null };
    return { reply: faultReply(rule, real, incoming.method), rule };
  }

  private route(incoming: IncomingData): Reply {
    const { world } = this;
    // rack-attack runs before routing (§9): 429 text/plain, no Retry-After.
    if (world.throttle.hit(incoming.ip, Date.now())) return text('Retry later\n', 429);
    const match = matchRoute(incoming.method, incoming.pathname);
    if (!match) return routeNotFound(incoming.accept, incoming.pathname);
    const { route, path } = match;
    const caller = authenticate(world.store, incoming.auth, route.botAllowed);
    let scope: AccountScope | null = null;
    if (route.scope === 'account') scope = resolveAccount(world.store, caller, path.account_id);
    else if (route.scope === 'own-account') scope = resolveOwnAccount(world.store, caller, path.id);
    const params = mergeParams(incoming.query, incoming.body.params);
    return route.handler({ world, params, caller, account: scope ? scope.account : null, member: scope ? scope.member : null, path });
  }

  /** Sends a fault's answer the way its mode breaks it (see FaultMode in config.ts). */
  private writeFault(req: http.IncomingMessage, res: http.ServerResponse, rule: FailRule, reply: Reply, method: string): void {
    const socket = req.socket;
    const kill = () => (typeof socket.resetAndDestroy === 'function' ? socket.resetAndDestroy() : socket.destroy());
    switch (rule.mode) {
      case 'hang':
        return; // The socket stays open until the client gives up (or close() destroys it).
      case 'close':
        kill();
        return;
      case 'reset': {
        const bytes = Buffer.from(reply.body, 'utf8');
        writeHead(res, reply, bytes.length);
        res.flushHeaders();
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        // A moment for the client to read what was sent: an RST can make its kernel drop unread data.
        this.later(30, kill);
        return;
      }
      case 'drip': {
        const bytes = Buffer.from(reply.body, 'utf8');
        writeHead(res, reply, bytes.length);
        if (method === 'HEAD') {
          res.end();
          return;
        }
        let offset = 0;
        const next = (): void => {
          if (res.destroyed || res.writableEnded) return;
          const chunk = bytes.subarray(offset, offset + rule.dripBytes);
          offset += chunk.length;
          if (offset >= bytes.length) {
            res.end(chunk);
            return;
          }
          res.write(chunk);
          this.later(rule.dripMs, next);
        };
        res.flushHeaders();
        this.later(rule.dripMs, next);
        return;
      }
      default:
        write(res, reply, method);
    }
  }

  /** A timer that close() cancels. */
  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Runs a handler; HttpError becomes its reply, anything else a Rails-style 500. */
function safe(run: () => Reply): Reply {
  try {
    return run();
  } catch (error) {
    if (error instanceof HttpError) return error.reply;
    return Errors.internal().reply;
  }
}

/** fail_next (§10): the first matching rule, used up by this request. */
function takeRule(rules: FailRule[], method: string, pathname: string): FailRule | null {
  const index = rules.findIndex((r) => (r.method === null || r.method === method) && r.regex.test(pathname));
  if (index === -1) return null;
  const rule = rules[index];
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(index, 1);
  return rule;
}

/** What a plain `status` fault sends: the given body, nginx's HTML page for 502–504, or Rails' JSON. */
function statusReply(status: number, body: string | null): Reply {
  if (body !== null) return { status, contentType: looksLikeJson(body) ? JSON_TYPE : 'text/plain', body };
  if (status >= 502 && status <= 504) {
    const title = `${status} ${http.STATUS_CODES[status] ?? 'Error'}`;
    return text(
      `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
      status,
      'text/html',
    );
  }
  return json({ status, error: http.STATUS_CODES[status] ?? 'Error' }, status);
}

/** What a non-GET fault without `apply` breaks when it has no `body` of its own. */
const STAND_IN = { id: 1, name: 'Fake fault' };

/** The answer a fault sends (before `writeFault` breaks the transport for reset/drip/hang/close). */
function faultReply(rule: FailRule, real: () => Reply, method: string): Reply {
  const applied = rule.apply ? real() : null;
  const extra = rule.headers;
  switch (rule.mode) {
    case 'status':
      return { ...statusReply(rule.status ?? 500, rule.body), headers: extra };
    case 'redirect':
      return { status: rule.status ?? 302, contentType: null, body: '', headers: { Location: rule.location ?? '/', ...extra } };
    case 'hang':
    case 'close':
      return { status: 0, contentType: null, body: '' };
    default: {
      const isRead = method === 'GET' || method === 'HEAD';
      const source = applied ?? (rule.body !== null ? statusReply(rule.status ?? 200, rule.body) : isRead ? real() : json(STAND_IN));
      const status = rule.status ?? source.status;
      const contentType = source.contentType ?? JSON_TYPE;
      return { status, contentType, body: breakBody(rule, source.body), headers: { ...source.headers, ...extra } };
    }
  }
}

function breakBody(rule: FailRule, body: string): string {
  switch (rule.mode) {
    case 'malformed': {
      if (body === '') return '{';
      const cut = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
      return looksLikeJson(cut) ? `${cut}{` : cut;
    }
    case 'wrong_shape':
      return wrongShape(body);
    case 'empty':
      return '';
    case 'oversized':
      // Trailing whitespace keeps valid JSON valid: only the size is wrong.
      return body + ' '.repeat(Math.max(0, rule.bytes - Buffer.byteLength(body)));
    default:
      return body;
  }
}

/** Every numeric `id` (at any depth) becomes a string; a body without one is wrapped instead. */
function wrongShape(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return JSON.stringify({ unexpected: body });
  }
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (k === 'id' && typeof item === 'number') {
          changed = true;
          out[k] = String(item);
        } else {
          out[k] = walk(item);
        }
      }
      return out;
    }
    return v;
  };
  const mutated = walk(value);
  return JSON.stringify(changed ? mutated : { unexpected: value });
}

function looksLikeJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Plain-prototype deep copy so tests can deepStrictEqual the log against literals. */
function plain(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', finish);
    req.on('close', finish);
    req.on('error', finish);
  });
}

function write(res: http.ServerResponse, reply: Reply, method: string | undefined): void {
  if (res.writableEnded || res.destroyed) return;
  writeHead(res, reply, Buffer.byteLength(reply.body));
  res.end(method === 'HEAD' ? undefined : reply.body);
}

function writeHead(res: http.ServerResponse, reply: Reply, length: number): void {
  res.statusCode = reply.status;
  if (reply.contentType) res.setHeader('Content-Type', reply.contentType);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Length', length);
}
