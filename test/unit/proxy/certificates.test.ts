/**
 * chatwoot.caCertificates through createDispatcher, against the fake Chatwoot behind a TLS front
 * whose certificate a throw-away CA signed (openssl, made per run): trusted when the CA file is
 * configured, a clear "not trusted" error (and no request, so no token, on the wire) when it is not,
 * and unusable files reported, skipped and never thrown. Also through a proxy tunnel.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { ChatwootClient, isChatwootError, type ChatwootError } from '../../../src/api';
import { createDispatcher, type DispatcherSettings } from '../../../src/api/dispatcher';
import { certificateAdvice } from '../../../src/ui/errorText';
import { SEED_TOKENS, startFakeChatwoot, type FakeChatwoot } from '../../fake-chatwoot';
import { makeTestCa, type TestCa } from './certs';
import { isolateProxyEnvironment } from './env';
import { startRecordingProxy, startTlsFront, type TlsFront } from './servers';

const TOKEN = SEED_TOKENS.alice;

describe('chatwoot.caCertificates: a self-hosted server behind a private CA', function () {
  this.timeout(10_000);
  isolateProxyEnvironment();
  let ca: TestCa;
  let other: TestCa;
  let fake: FakeChatwoot;
  let front: TlsFront;
  const dispatchers: Dispatcher[] = [];

  before(async () => {
    ca = makeTestCa('Private');
    other = makeTestCa('Unrelated');
    fake = await startFakeChatwoot();
    front = await startTlsFront(fake.port, ca);
  });
  after(async () => {
    await front?.close();
    await fake?.close();
    ca?.remove();
    other?.remove();
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  });

  function client(settings: DispatcherSettings, baseUrl = front.url): ChatwootClient {
    const dispatcher = createDispatcher({ keepAliveTimeoutMs: 10, maxRetries: 0, useEnvironmentProxy: false, ...settings });
    dispatchers.push(dispatcher);
    return new ChatwootClient({ baseUrl, token: TOKEN, dispatcher, timeoutMs: 5000 });
  }
  async function failure(p: Promise<unknown>): Promise<ChatwootError> {
    try {
      await p;
    } catch (e) {
      assert.ok(isChatwootError(e), `expected a ChatwootError, got ${String(e)}`);
      return e;
    }
    assert.fail('expected the call to fail');
  }
  const file = (name: string, content: string | Buffer) => {
    const f = path.join(ca.dir, name);
    fs.writeFileSync(f, content);
    return f;
  };

  it('trusted when the CA file is configured: signs in over https', async () => {
    const profile = await client({ caFiles: [ca.caFile] }).getProfile();
    assert.equal(profile.name, 'Alice Anderson');
    assert.equal(fake.requests.at(-1)?.token, TOKEN);
  });

  it('not configured → "certificate … not trusted", and the request (with the token) was never sent', async () => {
    const e = await failure(client({}).getProfile());
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.match(e.message, /certificate .*not trusted/i);
    assert.equal(fake.requests.length, 0, 'TLS failed before any HTTP byte left the client');
    const advice = certificateAdvice(e.code, new URL(front.url).host);
    assert.match(
      advice ?? '',
      /^the certificate of 127\.0\.0\.1:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. .*add its certificate .* to the chatwoot\.caCertificates setting\.$/,
    );
  });

  it('another CA does not make it trusted', async () => {
    const e = await failure(client({ caFiles: [other.caFile] }).getProfile());
    assert.equal(e.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('a bundle (several certificates in one PEM), a DER file and PEM text all work', async () => {
    const bundle = file('bundle.pem', `${other.caPem}\n${ca.caPem}`);
    const der = file('ca.der', new X509Certificate(ca.caPem).raw);
    await client({ caFiles: [bundle] }).getProfile();
    await client({ caFiles: [der] }).getProfile();
    await client({ ca: [ca.caPem] }).getProfile();
    assert.equal(fake.requests.length, 3);
  });

  it('"~/" paths are expanded to the home folder', async () => {
    const home = process.env.HOME;
    process.env.HOME = ca.dir;
    try {
      await client({ caFiles: ['~/ca.pem'] }).getProfile();
    } finally {
      process.env.HOME = home;
    }
  });

  it('unusable entries are reported one by one, skipped, and never thrown', async () => {
    const warnings: string[] = [];
    const junk = file('junk.pem', 'hello');
    const damaged = file('damaged.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const settings: DispatcherSettings = {
      caFiles: [path.join(ca.dir, 'missing.pem'), ca.dir, junk, damaged, 'relative/ca.pem', '', ca.caFile],
      onWarning: (m) => warnings.push(m),
    };
    // The usable file still counts: the call works.
    await client(settings).getProfile();
    assert.deepEqual(
      warnings.map((w) => w.replace(ca.dir, '<dir>')),
      [
        'chatwoot.caCertificates: cannot read "<dir>/missing.pem" (no such file); it is ignored.',
        'chatwoot.caCertificates: cannot read "<dir>" (it is a folder); it is ignored.',
        'chatwoot.caCertificates: "<dir>/junk.pem" holds no certificate (expected PEM "-----BEGIN CERTIFICATE-----" or DER); it is ignored.',
        'chatwoot.caCertificates: "<dir>/damaged.pem" holds a damaged certificate (number 1); it is ignored.',
        'chatwoot.caCertificates: "relative/ca.pem" is not an absolute path; it is ignored.',
        'chatwoot.caCertificates: "" is not a file path; it is ignored.',
      ],
    );
  });

  it('a missing CA file: a warning, then the clear "not trusted" error when connecting', async () => {
    const warnings: string[] = [];
    const e = await failure(client({ caFiles: ['/nonexistent/chatwoot-ca.pem'], onWarning: (m) => warnings.push(m) }).getProfile());
    assert.deepEqual(warnings, ['chatwoot.caCertificates: cannot read "/nonexistent/chatwoot-ca.pem" (no such file); it is ignored.']);
    assert.match(e.message, /not trusted/);
  });

  it('through a proxy tunnel: the CA applies to the server inside it, and the proxy sees only CONNECT', async () => {
    const proxy = await startRecordingProxy();
    try {
      await client({ proxy: proxy.url, proxyLoopback: true, caFiles: [ca.caFile] }).getProfile();
      const e = await failure(client({ proxy: proxy.url, proxyLoopback: true }).getProfile());
      assert.equal(e.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      assert.deepEqual(
        proxy.seen.map((r) => [r.kind, r.target, r.apiToken]),
        [
          ['connect', new URL(front.url).host, undefined],
          ['connect', new URL(front.url).host, undefined],
        ],
      );
      assert.equal(fake.requests.length, 1);
    } finally {
      await proxy.close();
    }
  });

  it('http.proxyStrictSSL: false never switches off the check of the Chatwoot server', async () => {
    const e = await failure(client({ proxyStrictSSL: false }).getProfile());
    assert.equal(e.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('certificateAdvice names the fix for each kind of certificate problem', () => {
    assert.match(certificateAdvice('SELF_SIGNED_CERT_IN_CHAIN', 'h') ?? '', /not trusted.*chatwoot\.caCertificates/);
    assert.match(certificateAdvice('DEPTH_ZERO_SELF_SIGNED_CERT', 'h') ?? '', /not trusted.*chatwoot\.caCertificates/);
    assert.match(certificateAdvice('ERR_TLS_CERT_ALTNAME_INVALID', 'h') ?? '', /another host name.*chatwoot\.serverUrl/);
    assert.match(certificateAdvice('CERT_HAS_EXPIRED', 'h') ?? '', /not valid at this time/);
    assert.equal(certificateAdvice('ECONNREFUSED', 'h'), undefined);
    assert.equal(certificateAdvice(undefined, 'h'), undefined);
  });
});
