/** Where the token may go: https anywhere, plain http only on loopback. */
import * as assert from 'node:assert/strict';
import { checkServerUrl, isLoopbackHost } from '../../../src/util/serverUrl';

describe('checkServerUrl', () => {
  it('normalizes https URLs (origin + path, no trailing slash)', () => {
    assert.deepEqual(checkServerUrl('https://app.chatwoot.com/'), { url: 'https://app.chatwoot.com', origin: 'https://app.chatwoot.com' });
    assert.deepEqual(checkServerUrl('https://Support.Example.com/chat/'), { url: 'https://support.example.com/chat', origin: 'https://support.example.com' });
  });
  it('accepts http only for loopback hosts', () => {
    for (const ok of ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://127.1.2.3', 'http://[::1]:3000']) assert.ok('url' in checkServerUrl(ok), ok);
    for (const bad of ['http://chatwoot.example.com', 'http://10.0.0.5', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io']) {
      const r = checkServerUrl(bad);
      assert.ok('error' in r && /http:\/\//.test(r.error), bad);
    }
  });
  it('refuses credentials, queries and other schemes', () => {
    for (const bad of ['https://u:p@x.com', 'https://x.com?a=1', 'ws://x.com', 'x.com', '']) assert.ok('error' in checkServerUrl(bad), bad);
  });
  it('knows loopback names', () => {
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('::1'), false, 'URL.hostname keeps the brackets');
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });
});
