/**
 * Faults, part 3: the network between the extension and Chatwoot (refused, reset mid-body, no
 * headers, a body that stops or drips, DNS, TLS). All servers listen on 127.0.0.1:0; the DNS test
 * resolves through a lookup that answers `.invalid` names itself, so not even a DNS packet leaves.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { ChatwootClient } from '../../../src/api';
import { OPEN_SETTINGS, SHOW_LOG } from '../../../src/ui/errorText';
import { closedPort } from '../helpers/rawServer';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './fixtures/selfSigned';
import { expectFault, startHarness, type FakeHarness } from './harness';
import { assignAgent } from '../../support/clientExtras';

describe('faults: the network (refused, reset, timeouts, DNS, TLS)', () => {
  let h: FakeHarness;
  let host: string;
  before(async () => {
    h = await startHarness();
    host = new URL(h.fake.url).host;
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const lines = () => h.log().map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);

  it('connection refused → network, names host and port, offers the server URL setting', async () => {
    const port = await closedPort();
    const e = await expectFault(() => h.clients.make({ baseUrl: `http://127.0.0.1:${port}` }).getProfile(), {
      kind: 'network',
      message: `Could not connect to 127.0.0.1:${port}: connection refused. Check the host and port in the chatwoot.serverUrl setting, and that the Chatwoot server is running.`,
      actions: [OPEN_SETTINGS, SHOW_LOG],
    });
    assert.equal(e.code, 'ECONNREFUSED');
  });

  it('connection reset mid-body on a GET → network; not resumed or retried', async () => {
    await h.failNext({ path_regex: '/conversations$', mode: 'reset' });
    const before = await h.snapshot();
    await expectFault(() => h.clients.make().listConversations(1), {
      kind: 'network',
      message: `The connection to ${host} was closed before the answer was complete. Try again; if it keeps happening, a proxy or firewall between you and Chatwoot may be cutting connections.`,
    });
    assert.deepEqual(lines(), ['GET /api/v1/accounts/1/conversations 200 reset'], 'one request: no Range resume, no retry');
    assert.equal(await h.snapshot(), before);
  });

  it('connection reset mid-body after the server made the assignment → maybe-processed; sent once; only the asked change happened', async () => {
    await h.failNext({ path_regex: '/assignments$', mode: 'reset', apply: true });
    const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
      kind: 'network',
      message: `The connection to ${host} was closed before the answer was complete. The server may have made the change anyway: check the conversation before trying again.`,
    });
    assert.equal(e.maybeProcessed, true);
    assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 200 reset']);
    // What the user asked for, and nothing else: #21 assigned to Bob; every other conversation as seeded.
    const state = (await h.control('GET', 'state/conversations')) as Array<{ display_id: number; account_id: number; assignee_id: number | null }>;
    await h.control('POST', 'reset');
    const seeded = (await h.control('GET', 'state/conversations')) as typeof state;
    const changed = state.filter((c, i) => JSON.stringify(c) !== JSON.stringify(seeded[i]));
    assert.deepEqual(
      changed.map((c) => [c.account_id, c.display_id, c.assignee_id]),
      [[1, 21, 2]],
    );
  });

  it('headers that never come → timeout (headers timeout), offers the timeout setting', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'hang' });
    const e = await expectFault(() => h.clients.make({ dispatcher: { headersTimeoutMs: 300 } }).getProfile(), {
      kind: 'timeout',
      message: `${host} accepted the request but sent no answer in time. The server may be overloaded; try again later, or raise the chatwoot.requestTimeoutSeconds setting.`,
      actions: [OPEN_SETTINGS, SHOW_LOG],
      within: 1_500,
    });
    assert.equal(e.code, 'UND_ERR_HEADERS_TIMEOUT');
    assert.deepEqual(lines(), ['GET /api/v1/profile 0 hang']);
  });

  it('a hanging assignment hits the call deadline → timeout, maybe-processed, sent once, nothing changed', async () => {
    await h.failNext({ path_regex: '/assignments$', mode: 'hang' });
    const before = await h.snapshot();
    const e = await expectFault(() => assignAgent(h.clients.make({ timeoutMs: 400 }), 1, 21, 2), {
      kind: 'timeout',
      message: `${host} did not answer within 0.4 s. The server may have made the change anyway: check the conversation before trying again.`,
      within: 1_500,
    });
    assert.equal(e.maybeProcessed, true);
    assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 0 hang']);
    assert.equal(await h.snapshot(), before);
  });

  it('a body that stops dripping → timeout (body timeout)', async () => {
    // One byte every 800 ms against a 250 ms gap limit between chunks.
    await h.failNext({ path_regex: '/agents$', mode: 'drip', drip_ms: 800, drip_bytes: 1 });
    const e = await expectFault(() => h.clients.make({ dispatcher: { bodyTimeoutMs: 250 } }).listAgents(1), {
      kind: 'timeout',
      message: `${host} started answering, then stopped sending before the answer was complete. Check your network connection or proxy, then try again.`,
      within: 2_000,
    });
    assert.equal(e.code, 'UND_ERR_BODY_TIMEOUT');
    assert.deepEqual(lines(), ['GET /api/v1/accounts/1/agents 200 drip']);
  });

  it('a body that drips steadily but too slowly → timeout at the call deadline', async () => {
    // 16 bytes every 20 ms never trips the gap limit, but a profile takes seconds this way.
    await h.failNext({ path_regex: '/profile$', mode: 'drip', drip_ms: 20, drip_bytes: 16 });
    await expectFault(() => h.clients.make({ timeoutMs: 500 }).getProfile(), {
      kind: 'timeout',
      message: `${host} did not answer within 0.5 s. The server or the network may be slow; try again, or raise the chatwoot.requestTimeoutSeconds setting.`,
      actions: [OPEN_SETTINGS, SHOW_LOG],
      within: 1_500,
    });
  });

  it('DNS failure (a .invalid host) → network, names the host', async () => {
    // RFC 6761: `.invalid` never resolves. Answer it here instead of asking a resolver, so no packet leaves.
    const offline: LookupFunction = (hostname, _options, callback) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname });
      process.nextTick(() => callback(error, '', 4));
    };
    const dispatcher = new Agent({ connect: { lookup: offline, timeout: 2_000 } });
    try {
      const client = new ChatwootClient({ baseUrl: 'https://chatwoot.invalid', token: 'tok', dispatcher, timeoutMs: 2_000 });
      const e = await expectFault(() => client.getProfile(), {
        kind: 'network',
        message: 'Could not find the host chatwoot.invalid (DNS lookup failed). Check the host name in the chatwoot.serverUrl setting and your network connection.',
        actions: [OPEN_SETTINGS, SHOW_LOG],
      });
      assert.equal(e.code, 'ENOTFOUND');
    } finally {
      await dispatcher.close();
    }
  });

  it('TLS failure (a self-signed certificate) → network, names the code, offers the CA setting; nothing reaches the server', async () => {
    const { key, cert, source } = selfSignedCertificate();
    const seen: string[] = [];
    const server = https.createServer({ key, cert }, (req, res) => {
      seen.push(`${req.method} ${req.url} ${String(req.headers['api-access-token'])}`);
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const e = await expectFault(() => h.clients.make({ baseUrl: `https://127.0.0.1:${port}` }).getProfile(), {
        kind: 'network',
        message: `The TLS certificate of 127.0.0.1:${port} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate). If your Chatwoot server uses a private or self-signed certificate authority, add its certificate (a PEM file) to the chatwoot.caCertificates setting.`,
        actions: [OPEN_SETTINGS, SHOW_LOG],
      });
      assert.equal(e.code, 'DEPTH_ZERO_SELF_SIGNED_CERT', `certificate from ${source}`);
      assert.deepEqual(seen, [], 'the handshake failed before any request (or token) was sent');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

/** A throwaway certificate for 127.0.0.1 from openssl, or the committed test-only fixture without it. */
function selfSignedCertificate(): { key: string; cert: string; source: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cw-tls-'));
  try {
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    if (result.status === 0) {
      return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), source: 'openssl' };
    }
  } catch {
    // fall through to the fixture
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { key: SELF_SIGNED_KEY, cert: SELF_SIGNED_CERT, source: 'the fixture' };
}
