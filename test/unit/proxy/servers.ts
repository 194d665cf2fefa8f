/**
 * Loopback-only network doubles for the proxy and certificate tests (unit, extension host and UI
 * tiers share them): a recording forward proxy and a TLS-terminating front for the fake Chatwoot.
 * Everything listens on 127.0.0.1 with a port the OS picks, and nothing ever connects anywhere but
 * 127.0.0.1: the proxy refuses (403) every target that is not a loopback name.
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';

/** One thing the proxy was asked to do. */
export interface ProxyRecord {
  /** `connect`: a CONNECT tunnel (what undici uses for every target); `forward`: an absolute-form request. */
  kind: 'connect' | 'forward';
  /** `host:port` of a tunnel, the absolute URL of a forwarded request. */
  target: string;
  /** The Proxy-Authorization header as received (undefined when absent). */
  proxyAuthorization: string | undefined;
  /** Api-Access-Token header of a forwarded request (a tunnel cannot see it). */
  apiToken: string | undefined;
  /** What the proxy answered: 200 tunnel / upstream status, 403 refused target, 407 auth required. */
  status: number;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  readonly seen: ProxyRecord[];
  close(): Promise<void>;
}

/** Names the proxy accepts as targets; every one of them is reached at 127.0.0.1. */
const LOOPBACK_TARGET = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

function splitHostPort(hostPort: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(hostPort);
  return m ? { host: m[1], port: Number(m[2]) } : undefined;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A forward proxy on 127.0.0.1:0 that records every request. With `requireAuthorization` it
 * answers 407 unless the Proxy-Authorization header is exactly that value. `GET /__seen` (an
 * origin-form request, which a proxy client never sends) returns the records as JSON, so tests in
 * another process (the extension host) can read them.
 */
export async function startRecordingProxy(opts: { requireAuthorization?: string } = {}): Promise<RecordingProxy> {
  const seen: ProxyRecord[] = [];
  const sockets = new Set<net.Socket>();
  const authorized = (req: http.IncomingMessage) => opts.requireAuthorization === undefined || header(req, 'proxy-authorization') === opts.requireAuthorization;

  const server = http.createServer((req, res) => {
    const raw = req.url ?? '';
    if (raw.startsWith('/')) {
      if (req.method === 'GET' && raw === '/__seen') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(seen));
      } else if (req.method === 'DELETE' && raw === '/__seen') {
        seen.length = 0;
        res.end();
      } else {
        res.writeHead(400).end('this is a proxy');
      }
      return;
    }
    const record: ProxyRecord = {
      kind: 'forward',
      target: raw,
      proxyAuthorization: header(req, 'proxy-authorization'),
      apiToken: header(req, 'api-access-token'),
      status: 0,
    };
    seen.push(record);
    let target: URL;
    try {
      target = new URL(raw);
    } catch {
      record.status = 400;
      res.writeHead(400).end();
      return;
    }
    if (!authorized(req)) {
      record.status = 407;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    if (target.protocol !== 'http:' || !LOOPBACK_TARGET.test(target.hostname)) {
      record.status = 403;
      res.writeHead(403).end('only loopback targets');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request({ host: '127.0.0.1', port: Number(target.port) || 80, method: req.method, path: target.pathname + target.search, headers }, (up) => {
      record.status = up.statusCode ?? 0;
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      record.status = 502;
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    const target = req.url ?? '';
    const record: ProxyRecord = { kind: 'connect', target, proxyAuthorization: header(req, 'proxy-authorization'), apiToken: undefined, status: 0 };
    seen.push(record);
    const answer = (status: number, text: string, extra = '') => {
      record.status = status;
      client.end(`HTTP/1.1 ${status} ${text}\r\n${extra}content-length: 0\r\nconnection: close\r\n\r\n`);
    };
    if (!authorized(req)) return answer(407, 'Proxy Authentication Required', 'proxy-authenticate: Basic realm="test"\r\n');
    const hp = splitHostPort(target);
    if (!hp || !LOOPBACK_TARGET.test(hp.host)) return answer(403, 'Forbidden');
    const upstream = net.connect(hp.port, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      record.status = 200;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (record.status === 0) answer(502, 'Bad Gateway');
      else client.destroy();
    });
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TlsFront {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** TLS handshakes that failed (e.g. the client did not trust the certificate). */
  readonly handshakeErrors: string[];
  close(): Promise<void>;
}

/** Terminates TLS on 127.0.0.1:0 and pipes the plain bytes to `127.0.0.1:targetPort` (e.g. the fake Chatwoot). */
export async function startTlsFront(targetPort: number, credentials: { key: string; cert: string }): Promise<TlsFront> {
  const sockets = new Set<net.Socket>();
  const handshakeErrors: string[] = [];
  const server = tls.createServer({ key: credentials.key, cert: credentials.cert }, (socket) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
  });
  server.on('tlsClientError', (e) => handshakeErrors.push(e.message));
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    handshakeErrors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
