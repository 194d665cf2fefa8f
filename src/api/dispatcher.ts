/**
 * Builds the one undici dispatcher the extension uses for Chatwoot. Never installed globally: the
 * extension host is shared with other extensions, so it is passed explicitly to every request and
 * closed on deactivate or when settings change.
 *
 * Proxies follow VS Code's rules (microsoft/vscode-proxy-agent): `http.proxy` first, then the
 * HTTPS_PROXY / HTTP_PROXY environment variables; `http.noProxy` when it has entries, otherwise
 * NO_PROXY; `localhost`, `127.0.0.1` and `::1` always go direct. Extra CA certificates
 * (`chatwoot.caCertificates`) are added to Node's bundled roots, for the server and for an HTTPS
 * proxy. Settings that cannot be used are reported through `onWarning` and left out: building the
 * dispatcher never throws.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { Agent, EnvHttpProxyAgent, interceptors, type Dispatcher } from 'undici';

export interface DispatcherSettings {
  /** Connect timeout (TCP + TLS). Default 10 s. */
  connectTimeoutMs?: number;
  /** Time to the response headers, and between body chunks. Default 20 s. */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Retries of idempotent requests (GET) on 429/502/503/504. 0 disables. Default 2. */
  maxRetries?: number;
  /** Backoff bounds for those retries. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Proxy: VS Code's `http.proxy`, `http.noProxy`, `http.proxyAuthorization`, `http.proxyStrictSSL`. */
  proxy?: string;
  noProxy?: readonly string[];
  /** The Proxy-Authorization header value, e.g. `Basic dXNlcjpwYXNz` (credentials in the proxy URL work too). */
  proxyAuthorization?: string;
  /** Verify the certificate of an `https://` proxy (default true). The Chatwoot server is always verified. */
  proxyStrictSSL?: boolean;
  /** Honour HTTP(S)_PROXY / NO_PROXY from the environment (default true). */
  useEnvironmentProxy?: boolean;
  /**
   * Send loopback targets (localhost, 127.0.0.1, ::1) through the proxy too. VS Code never does
   * (default false); tests with a loopback fake behind a loopback proxy set it.
   */
  proxyLoopback?: boolean;
  /** Extra trusted CA certificates (PEM text), added to Node's default roots. */
  ca?: readonly string[];
  /**
   * Files with extra CA certificates (`chatwoot.caCertificates`): PEM (one or more certificates)
   * or a single DER certificate; absolute paths, `~/` allowed. Read now; a file that cannot be used
   * is reported through `onWarning` and skipped.
   */
  caFiles?: readonly string[];
  /** Receives one sentence per setting that could not be used (and was left out). */
  onWarning?: (message: string) => void;
  /** Keep-alive bounds; tests use short values so sockets do not hold the process open. */
  keepAliveTimeoutMs?: number;
}

/** Hosts VS Code's proxy resolver always connects to directly. */
export const DIRECT_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export function createDispatcher(settings: DispatcherSettings = {}): Dispatcher {
  const warn = (message: string) => settings.onWarning?.(message);
  const extra = [...(settings.ca ?? []), ...loadCaFiles(settings.caFiles ?? [], warn)];
  const ca = extra.length ? [...rootCertificates(), ...extra] : undefined;
  const common = {
    connectTimeout: settings.connectTimeoutMs ?? 10_000,
    headersTimeout: settings.headersTimeoutMs ?? 20_000,
    bodyTimeout: settings.bodyTimeoutMs ?? 20_000,
    keepAliveTimeout: settings.keepAliveTimeoutMs ?? 4_000,
    keepAliveMaxTimeout: Math.max(settings.keepAliveTimeoutMs ?? 4_000, 10) * 15,
    connect: ca ? { ca } : undefined,
  };

  const route = proxyRoute(settings, warn);
  const base: Dispatcher = route
    ? new EnvHttpProxyAgent({
        ...common,
        // '' (not undefined) means "no proxy for this scheme": undefined would fall back to the environment.
        httpProxy: route.httpProxy ?? '',
        httpsProxy: route.httpsProxy ?? '',
        noProxy: route.noProxy,
        token: settings.proxyAuthorization?.trim() || undefined,
        proxyTls: { rejectUnauthorized: settings.proxyStrictSSL ?? true, ...(ca ? { ca } : {}) },
        // The Chatwoot server's certificate inside a CONNECT tunnel: always verified.
        requestTls: ca ? { ca } : undefined,
      })
    : new Agent(common);

  const translated = route ? base.compose(explainProxyErrors([route.httpProxy, route.httpsProxy])) : base;
  const maxRetries = settings.maxRetries ?? 2;
  if (maxRetries <= 0) return translated;
  return translated.compose(
    interceptors.retry({
      maxRetries,
      minTimeout: settings.minRetryDelayMs ?? 500,
      maxTimeout: settings.maxRetryDelayMs ?? 5_000,
      timeoutFactor: 2,
      retryAfter: true,
      // POST (assignments) is never retried here: the caller re-reads the conversation instead.
      methods: ['GET', 'HEAD'],
      statusCodes: [429, 502, 503, 504],
      // A reset is worth another try; refused connections and DNS failures are reported at once.
      errorCodes: ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'],
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Proxy selection

interface ProxyRoute {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy: string;
}

const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks:', 'socks5:']);

function usableProxy(value: string | undefined, source: string, warn: (m: string) => void): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !PROXY_PROTOCOLS.has(url.protocol) || !url.hostname) {
    // Never echo the value: it may carry a password.
    warn(`${source} is not a usable proxy URL (expected e.g. http://proxy.example.com:3128); it is ignored.`);
    return undefined;
  }
  return raw;
}

function envValue(names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = process.env[name];
    if (value?.trim()) return [name, value];
  }
  return undefined;
}

/** Which proxy serves http: and https: targets, and what bypasses it; undefined when none applies. */
function proxyRoute(settings: DispatcherSettings, warn: (m: string) => void): ProxyRoute | undefined {
  const useEnv = settings.useEnvironmentProxy ?? true;
  const fromSetting = usableProxy(settings.proxy, 'The http.proxy setting', warn);
  const fromEnv = (names: readonly string[]) => {
    if (!useEnv) return undefined;
    const found = envValue(names);
    return found ? usableProxy(found[1], `The ${found[0]} environment variable`, warn) : undefined;
  };
  const httpProxy = fromSetting ?? fromEnv(['http_proxy', 'HTTP_PROXY']);
  const httpsProxy = fromSetting ?? fromEnv(['https_proxy', 'HTTPS_PROXY']) ?? httpProxy;
  if (!httpProxy && !httpsProxy) return undefined;

  const configured = (settings.noProxy ?? []).map((e) => e.trim()).filter(Boolean);
  const fromEnvironment = useEnv ? (envValue(['no_proxy', 'NO_PROXY'])?.[1] ?? '').split(/[,\s]+/).filter(Boolean) : [];
  // As in VS Code: http.noProxy, when it has entries, replaces NO_PROXY.
  const entries = configured.length ? configured : fromEnvironment;
  if (!settings.proxyLoopback) entries.push(...DIRECT_HOSTS);
  return { httpProxy, httpsProxy, noProxy: entries.join(',') };
}

/**
 * undici reports a proxy that refuses the tunnel as an `AbortError` ("Proxy response (407) !== 200
 * when HTTP Tunneling"), which reads like a cancellation, and a dead proxy as if the server were
 * down. Say what happened instead (the API layer keeps the message of an error it does not know).
 */
function explainProxyErrors(proxies: ReadonlyArray<string | undefined>): Dispatcher.DispatcherComposeInterceptor {
  const known = proxies.filter((p): p is string => !!p).map((p) => new URL(p));
  const explain = (error: Error, origin: string | URL | undefined): Error => {
    const e = error as Error & { code?: string; port?: number; hostname?: string };
    const tunnel = /^Proxy response \((\d+)\) !== 200 when HTTP Tunneling$/.exec(e.message);
    if (tunnel) {
      const status = Number(tunnel[1]);
      const via = [...new Set(known.map((u) => u.host))].join(' / ');
      const why =
        status === 407
          ? 'it requires authentication: set http.proxyAuthorization (e.g. "Basic …"), or put the user name and password in http.proxy'
          : 'check http.proxy and http.noProxy';
      return proxyError(`The proxy ${via} refused to connect to the server (HTTP ${status}); ${why}.`, 'ECHATWOOT_PROXY_REFUSED', error);
    }
    const targetPort = origin ? Number(new URL(origin).port) || undefined : undefined;
    const proxy = known.find(
      (u) => (e.port !== undefined && Number(u.port || defaultPort(u)) === e.port && e.port !== targetPort) || (e.hostname !== undefined && e.hostname === u.hostname),
    );
    if (proxy && (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' || e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH')) {
      return proxyError(`Could not reach the proxy ${proxy.host} (${e.code}); check http.proxy or the HTTPS_PROXY variable.`, 'ECHATWOOT_PROXY_UNREACHABLE', error);
    }
    return error;
  };
  return (dispatch) => (opts, handler) =>
    dispatch(opts, {
      onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
      onRequestUpgrade: (c, status, headers, socket) => handler.onRequestUpgrade?.(c, status, headers, socket),
      onResponseStart: (c, status, headers, message) => handler.onResponseStart?.(c, status, headers, message),
      onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
      onResponseEnd: (c, trailers) => handler.onResponseEnd?.(c, trailers),
      onResponseError: (c, error) => handler.onResponseError?.(c, explain(error, opts.origin)),
    });
}

function defaultPort(u: URL): number {
  return u.protocol === 'https:' ? 443 : u.protocol.startsWith('socks') ? 1080 : 80;
}

function proxyError(message: string, code: string, cause: Error): Error {
  const error = new Error(message, { cause }) as Error & { code: string };
  error.name = 'ProxyError';
  error.code = code;
  return error;
}

// ---------------------------------------------------------------------------------------------
// CA certificates

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads CA certificate files: PEM (any number of certificates) or one DER certificate. Returns the
 * certificates as PEM; each file that cannot be used is reported through `warn` and skipped.
 */
export function loadCaFiles(files: readonly unknown[], warn: (message: string) => void): string[] {
  const out: string[] = [];
  for (const entry of files) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      warn(`chatwoot.caCertificates: ${JSON.stringify(entry)} is not a file path; it is ignored.`);
      continue;
    }
    const raw = entry.trim();
    const file = raw === '~' || raw.startsWith('~/') ? path.join(os.homedir(), raw.slice(1)) : raw;
    if (!path.isAbsolute(file)) {
      warn(`chatwoot.caCertificates: "${raw}" is not an absolute path; it is ignored.`);
      continue;
    }
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message;
      warn(`chatwoot.caCertificates: cannot read "${raw}" (${why}); it is ignored.`);
      continue;
    }
    const certs = parseCertificates(data);
    if ('error' in certs) {
      warn(`chatwoot.caCertificates: "${raw}" ${certs.error}; it is ignored.`);
      continue;
    }
    out.push(...certs.pems);
  }
  return out;
}

function parseCertificates(data: Buffer): { pems: string[] } | { error: string } {
  const blocks = data.toString('latin1').match(PEM_BLOCK);
  if (blocks) {
    for (const [i, block] of blocks.entries()) {
      try {
        new X509Certificate(block);
      } catch {
        return { error: `holds a damaged certificate (number ${i + 1})` };
      }
    }
    return { pems: blocks };
  }
  try {
    return { pems: [new X509Certificate(data).toString()] };
  } catch {
    return { error: 'holds no certificate (expected PEM "-----BEGIN CERTIFICATE-----" or DER)' };
  }
}

function rootCertificates(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tls = require('node:tls') as typeof import('node:tls');
  return [...tls.rootCertificates];
}
