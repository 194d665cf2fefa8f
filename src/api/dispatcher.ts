/**
 * Builds the one undici dispatcher the extension uses for Chatwoot. Never installed globally: the
 * extension host is shared with other extensions, so it is passed explicitly to every request and
 * closed on deactivate or when settings change.
 */
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
  proxyAuthorization?: string;
  proxyStrictSSL?: boolean;
  /** Honour HTTP(S)_PROXY / NO_PROXY from the environment (default true). */
  useEnvironmentProxy?: boolean;
  /** Extra trusted CA certificates (PEM text), added to Node's default roots. */
  ca?: readonly string[];
  /** Keep-alive bounds; tests use short values so sockets do not hold the process open. */
  keepAliveTimeoutMs?: number;
}

export function createDispatcher(settings: DispatcherSettings = {}): Dispatcher {
  const common = {
    connectTimeout: settings.connectTimeoutMs ?? 10_000,
    headersTimeout: settings.headersTimeoutMs ?? 20_000,
    bodyTimeout: settings.bodyTimeoutMs ?? 20_000,
    keepAliveTimeout: settings.keepAliveTimeoutMs ?? 4_000,
    keepAliveMaxTimeout: Math.max(settings.keepAliveTimeoutMs ?? 4_000, 10) * 15,
    connect: settings.ca?.length ? { ca: [...rootCertificates(), ...settings.ca] } : undefined,
  };
  const proxy = settings.proxy?.trim() || undefined;
  const useEnv = settings.useEnvironmentProxy ?? true;
  const base: Dispatcher =
    proxy || useEnv
      ? new EnvHttpProxyAgent({
          ...common,
          httpProxy: proxy,
          httpsProxy: proxy,
          // An empty string would disable the NO_PROXY fallback, so map "none" to undefined.
          noProxy: settings.noProxy?.length ? settings.noProxy.join(',') : undefined,
          token: settings.proxyAuthorization || undefined,
          proxyTls: { rejectUnauthorized: settings.proxyStrictSSL ?? true },
          requestTls: settings.ca?.length ? { ca: [...rootCertificates(), ...settings.ca] } : undefined,
        })
      : new Agent(common);

  const maxRetries = settings.maxRetries ?? 2;
  if (maxRetries <= 0) return base;
  return base.compose(
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

function rootCertificates(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tls = require('node:tls') as typeof import('node:tls');
  return [...tls.rootCertificates];
}
