/** Proxy environment variables, cleared for a suite and restored after it (CI machines often set NO_PROXY). */
export const PROXY_ENV = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'] as const;

/** Mocha hooks: every proxy variable unset before each test, the original values back after the suite. */
export function isolateProxyEnvironment(): void {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const k of PROXY_ENV) saved.set(k, process.env[k]);
  });
  beforeEach(() => {
    for (const k of PROXY_ENV) delete process.env[k];
  });
  after(() => {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}
