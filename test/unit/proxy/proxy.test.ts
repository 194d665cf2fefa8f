/**
 * VS Code's proxy settings through createDispatcher, against a recording loopback proxy and the fake
 * Chatwoot: http.proxy, http.noProxy, http.proxyAuthorization, HTTPS_PROXY / HTTP_PROXY / NO_PROXY,
 * and what a proxy failure looks like. Every test says explicitly whether loopback targets may be
 * proxied (VS Code never proxies localhost/127.0.0.1/::1) and which environment applies.
 */
import * as assert from 'node:assert/strict';
import type { Dispatcher } from 'undici';
import { ChatwootClient, isChatwootError, type ChatwootError } from '../../../src/api';
import { createDispatcher, type DispatcherSettings } from '../../../src/api/dispatcher';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';
import { closedPort } from '../helpers/rawServer';
import { isolateProxyEnvironment } from './env';
import { startRecordingProxy, type RecordingProxy } from './servers';

const TOKEN = SEED_TOKENS.alice;

describe('proxy: VS Code http.* settings and the environment', function () {
  this.timeout(10_000);
  isolateProxyEnvironment();
  let fake: FakeChatwoot;
  let proxy: RecordingProxy;
  const dispatchers: Dispatcher[] = [];

  before(async () => {
    fake = await startFakeChatwoot();
  });
  after(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    proxy = await startRecordingProxy();
  });
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
    await proxy.close();
  });

  function client(settings: DispatcherSettings, baseUrl = fake.url): ChatwootClient {
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, maxRetries: 0, ...settings });
    dispatchers.push(dispatcher);
    return new ChatwootClient({ baseUrl, token: TOKEN, dispatcher, timeoutMs: 5000 });
  }
  const fakeHostPort = () => new URL(fake.url).host;

  async function failure(p: Promise<unknown>): Promise<ChatwootError> {
    try {
      await p;
    } catch (e) {
      assert.ok(isChatwootError(e), `expected a ChatwootError, got ${String(e)}`);
      return e;
    }
    assert.fail('expected the call to fail');
  }

  it('http.proxy: the request goes through the proxy (a CONNECT tunnel), and arrives', async () => {
    const profile = await client({ proxy: proxy.url, proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
    assert.equal(profile.name, 'Alice Anderson');
    assert.deepEqual(
      proxy.seen.map((r) => [r.kind, r.target, r.status]),
      [['connect', fakeHostPort(), 200]],
    );
    assert.equal(proxy.seen[0].apiToken, undefined, 'inside a tunnel the proxy cannot see the token');
    assert.equal(fake.requests.at(-1)?.token, TOKEN);
  });

  it('the recording proxy would see a token that was not tunnelled (plain forwarding), so its silence means something', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.port, path: `${fake.url}/api/v1/profile`, headers: { 'api-access-token': TOKEN } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
    assert.deepEqual(
      proxy.seen.map((r) => [r.kind, r.apiToken]),
      [['forward', TOKEN]],
    );
  });

  it('loopback targets go direct by default, as in VS Code, even with http.proxy set', async () => {
    await client({ proxy: proxy.url, useEnvironmentProxy: false }).getProfile();
    assert.deepEqual(proxy.seen, []);
    assert.equal(fake.requests.length, 1);
  });

  it('http.noProxy: a matching entry (host, or host:port) bypasses the proxy', async () => {
    for (const entry of ['127.0.0.1', fakeHostPort()]) {
      await client({ proxy: proxy.url, noProxy: ['other.example', entry], proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
    }
    assert.deepEqual(proxy.seen, []);
    assert.equal(fake.requests.length, 2);
  });

  it('http.noProxy: an entry for another host or port does not bypass it', async () => {
    const otherPort = `127.0.0.1:${(await closedPort()).toString()}`;
    await client({ proxy: proxy.url, noProxy: ['chatwoot.example.com', otherPort], proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
    assert.equal(proxy.seen.length, 1);
  });

  it('http.proxyAuthorization reaches the proxy as Proxy-Authorization (and never the server)', async () => {
    await proxy.close();
    proxy = await startRecordingProxy({ requireAuthorization: 'Basic dXNlcjpzM2NyZXQ=' });
    await client({ proxy: proxy.url, proxyAuthorization: 'Basic dXNlcjpzM2NyZXQ=', proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
    assert.deepEqual(
      proxy.seen.map((r) => [r.kind, r.proxyAuthorization, r.status]),
      [['connect', 'Basic dXNlcjpzM2NyZXQ=', 200]],
    );
    assert.equal(fake.requests.length, 1);
  });

  it('credentials in http.proxy become Basic authorization', async () => {
    await proxy.close();
    proxy = await startRecordingProxy({ requireAuthorization: `Basic ${Buffer.from('jane:p@ss word').toString('base64')}` });
    const withCredentials = proxy.url.replace('http://', 'http://jane:p%40ss%20word@');
    await client({ proxy: withCredentials, proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
    assert.equal(proxy.seen[0]?.status, 200);
  });

  it('a proxy that wants authentication (407) → a network error that says so, not a "cancelled" one', async () => {
    await proxy.close();
    proxy = await startRecordingProxy({ requireAuthorization: 'Basic right' });
    const e = await failure(client({ proxy: proxy.url, proxyLoopback: true, useEnvironmentProxy: false }).getProfile());
    assert.equal(e.kind, 'network');
    assert.match(e.message, /proxy 127\.0\.0\.1:\d+ refused .*HTTP 407.*http\.proxyAuthorization/);
    assert.equal(fake.requests.length, 0, 'nothing reached the server');
  });

  it('a proxy that is not running → a network error naming the proxy', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const e = await failure(client({ proxy: dead, proxyLoopback: true, useEnvironmentProxy: false }).getProfile());
    assert.equal(e.kind, 'network');
    assert.match(e.message, /Could not reach the proxy 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('an unusable http.proxy is reported and ignored (VS Code ignores it too), never thrown', async () => {
    const warnings: string[] = [];
    for (const bad of ['proxy.example.com:3128', 'ftp://proxy.example.com', 'http://user:hunter2@', '::']) {
      await client({ proxy: bad, proxyLoopback: true, useEnvironmentProxy: false, onWarning: (m) => warnings.push(m) }).getProfile();
    }
    assert.equal(warnings.length, 4);
    for (const w of warnings) assert.match(w, /http\.proxy setting is not a usable proxy URL/);
    assert.ok(!warnings.join(' ').includes('hunter2'), 'a warning never echoes the value (it may hold a password)');
    assert.equal(fake.requests.length, 4, 'the requests went direct');
  });

  describe('environment variables', () => {
    it('HTTP_PROXY serves http targets', async () => {
      process.env.HTTP_PROXY = proxy.url;
      await client({ proxyLoopback: true }).getProfile();
      assert.equal(proxy.seen.length, 1);
    });

    it('lower-case http_proxy works too, and HTTPS_PROXY alone does not apply to http targets', async () => {
      process.env.HTTPS_PROXY = `http://127.0.0.1:${await closedPort()}`;
      await client({ proxyLoopback: true }).getProfile();
      assert.equal(proxy.seen.length, 0);
      process.env.http_proxy = proxy.url;
      await client({ proxyLoopback: true }).getProfile();
      assert.equal(proxy.seen.length, 1);
    });

    it('NO_PROXY bypasses the environment proxy', async () => {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = 'example.com, 127.0.0.1';
      await client({ proxyLoopback: true }).getProfile();
      assert.deepEqual(proxy.seen, []);
    });

    it('http.noProxy, when set, replaces NO_PROXY (as in VS Code)', async () => {
      process.env.HTTP_PROXY = proxy.url;
      process.env.NO_PROXY = '127.0.0.1';
      await client({ noProxy: ['chatwoot.example.com'], proxyLoopback: true }).getProfile();
      assert.equal(proxy.seen.length, 1);
    });

    it('http.proxy wins over HTTP_PROXY', async () => {
      const other = await startRecordingProxy();
      try {
        process.env.HTTP_PROXY = other.url;
        await client({ proxy: proxy.url, proxyLoopback: true }).getProfile();
        assert.equal(proxy.seen.length, 1);
        assert.equal(other.seen.length, 0);
      } finally {
        await other.close();
      }
    });

    it('useEnvironmentProxy: false ignores every variable', async () => {
      process.env.HTTP_PROXY = proxy.url;
      await client({ proxyLoopback: true, useEnvironmentProxy: false }).getProfile();
      assert.deepEqual(proxy.seen, []);
    });

    it('an unusable HTTP_PROXY is reported and ignored', async () => {
      const warnings: string[] = [];
      process.env.HTTP_PROXY = 'not a url';
      await client({ proxyLoopback: true, onWarning: (m) => warnings.push(m) }).getProfile();
      assert.deepEqual(warnings, ['The HTTP_PROXY environment variable is not a usable proxy URL (expected e.g. http://proxy.example.com:3128); it is ignored.']);
    });
  });
});
