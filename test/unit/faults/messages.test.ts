/** The remaining user sentences (kinds no fault above produces) and the text helpers behind them. */
import * as assert from 'node:assert/strict';
import { ChatwootError } from '../../../src/api';
import { errorFromResponse, summarizeText } from '../../../src/api/responseErrors';
import { toChatwootError } from '../../../src/api/transportErrors';
import { describeError, OPEN_SETTINGS, SET_TOKEN, SHOW_LOG } from '../../../src/ui/errorText';

const say = (e: unknown) => describeError(e);

describe('user sentences for the other kinds', () => {
  it('any other 401 (e.g. "Invalid User IDs") → unauthorized, offers Set API Token', () => {
    assert.deepEqual(say(errorFromResponse(401, { error: 'Invalid User IDs' }, {}, 'GET /x', { idempotent: true })), {
      message:
        'The Chatwoot server refused the request (HTTP 401 Unauthorized, server said: "Invalid User IDs"). Set the token again; if that does not help, the log has the details.',
      actions: [SET_TOKEN, SHOW_LOG],
    });
  });

  it('an unexpected status (403 from a proxy) → http-status, offers the server URL setting', () => {
    assert.deepEqual(say(errorFromResponse(403, '<html><head><title>403 Forbidden</title></head><body>…</body></html>', {}, 'GET /x', { idempotent: true })), {
      message: 'Unexpected answer from the Chatwoot server (HTTP 403 Forbidden). Check that the chatwoot.serverUrl setting points at Chatwoot; the log has the details.',
      actions: [OPEN_SETTINGS, SHOW_LOG],
      setting: 'chatwoot.serverUrl',
    });
  });

  it('504 on a GET → gateway advice; on a POST → maybe processed', () => {
    assert.equal(
      say(errorFromResponse(504, '', {}, 'GET /x', { idempotent: true })).message,
      'The proxy in front of the Chatwoot server timed out waiting for it (HTTP 504 Gateway Timeout). Chatwoot may be restarting or overloaded; try again in a minute, and tell its administrator if it keeps happening.',
    );
    const post = errorFromResponse(504, '', {}, 'POST /x', { idempotent: false });
    assert.equal(post.maybeProcessed, true);
    assert.match(say(post).message, /The server may have made the change anyway/);
  });

  it('a 5xx JSON message that adds something is quoted; one that repeats the status is not', () => {
    assert.equal(
      errorFromResponse(500, { error: 'PG::ConnectionBad' }, {}, 'GET /x', { idempotent: true }).message,
      'The Chatwoot server failed with an internal error (HTTP 500 Internal Server Error, server said: "PG::ConnectionBad").',
    );
    assert.equal(
      errorFromResponse(500, { status: 500, error: 'Internal Server Error' }, {}, 'GET /x', { idempotent: true }).message,
      'The Chatwoot server failed with an internal error (HTTP 500 Internal Server Error).',
    );
  });

  it('a 429 from something else than rack-attack keeps its text', () => {
    assert.equal(
      errorFromResponse(429, { error: 'Quota exceeded' }, {}, 'GET /x', { idempotent: true, retryInSeconds: 150 }).message,
      'The Chatwoot server is rate-limiting requests from this network address (server said: "Quota exceeded"); try again in 3 min.',
    );
  });

  it('connect timeout and unknown transport errors', () => {
    const ctx = { label: 'GET /api/v1/profile', idempotent: true, host: 'chat.example.com', deadline: new AbortController().signal };
    assert.equal(
      say(toChatwootError(Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }), ctx)).message,
      'Connecting to chat.example.com timed out. Check your network connection and proxy settings (http.proxy), then try again.',
    );
    assert.equal(
      say(toChatwootError(Object.assign(new Error('connect EHOSTUNREACH 10.0.0.1:443'), { code: 'EHOSTUNREACH' }), ctx)).message,
      'Could not reach chat.example.com: the network or host is unreachable (EHOSTUNREACH). Check your network connection and proxy settings (http.proxy), then try again.',
    );
    assert.equal(
      say(toChatwootError(Object.assign(new Error('Hostname/IP does not match certificate'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), ctx)).message,
      "The TLS certificate of chat.example.com does not match the host name (ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate). Check that the chatwoot.serverUrl setting uses the host name the server's certificate was issued for.",
    );
    assert.equal(
      say(toChatwootError(new Error('boom'), ctx)).message,
      'Request to chat.example.com failed: boom. Check your network connection and proxy settings (http.proxy), then try again.',
    );
  });

  it("a proxy failure keeps the dispatcher's sentence and offers the proxy setting", () => {
    const ctx = { label: 'GET /api/v1/profile', idempotent: true, host: 'chat.example.com', deadline: new AbortController().signal };
    const proxyError = Object.assign(new Error('Could not reach the proxy proxy.example.com:3128 (ECONNREFUSED); check http.proxy or the HTTPS_PROXY variable.'), {
      name: 'ProxyError',
      code: 'ECHATWOOT_PROXY_UNREACHABLE',
    });
    assert.deepEqual(say(toChatwootError(proxyError, ctx)), {
      message: 'Could not reach the proxy proxy.example.com:3128 (ECONNREFUSED); check http.proxy or the HTTPS_PROXY variable.',
      actions: [OPEN_SETTINGS, SHOW_LOG],
      setting: 'http.proxy',
    });
  });

  it('cancelled → no actions; plain errors → their message and Show Log', () => {
    assert.deepEqual(say(new ChatwootError('cancelled', 'The request was cancelled.')), { message: 'The request was cancelled.', actions: [] });
    assert.deepEqual(say(new Error('Not signed in to Chatwoot.')), { message: 'Not signed in to Chatwoot.', actions: [SHOW_LOG] });
    assert.deepEqual(say('odd'), { message: 'odd', actions: [SHOW_LOG] });
  });
});

describe('summarizeText', () => {
  it('reduces HTML to its title, collapses whitespace, cuts long text', () => {
    assert.equal(summarizeText('<html>\r\n<head><title>502 Bad Gateway</title></head><body>…</body></html>'), '502 Bad Gateway');
    assert.equal(summarizeText('<h1>Maintenance</h1><p>back soon</p>'), 'Maintenance');
    assert.equal(summarizeText('  Retry later\n'), 'Retry later');
    assert.equal(summarizeText(' \n '), undefined);
    assert.equal(summarizeText('x'.repeat(500))?.length, 200);
  });
});
