/**
 * The fake Chatwoot's fault switches (`fail_next` modes, `apply`, `headers`, `GET /__fake/state/
 * conversations`), checked at the HTTP level with plain fetch, so the fault suite can trust them.
 */
import * as assert from 'node:assert/strict';
import { SEED_TOKENS } from '../../fake-chatwoot';
import { startHarness, type FakeHarness } from './harness';

describe('fake chatwoot: fail_next modes', () => {
  let h: FakeHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const get = (path: string, init: RequestInit = {}) =>
    fetch(h.fake.url + path, { ...init, headers: { 'api-access-token': SEED_TOKENS.alice, accept: 'application/json', 'content-type': 'application/json', ...init.headers } });
  const assign = (body: unknown) => get('/api/v1/accounts/1/conversations/21/assignments', { method: 'POST', body: JSON.stringify(body) });
  const assignee = async () => ((await h.control('GET', 'state/conversations/1/21')) as { assignee_id: number | null }).assignee_id;
  const realProfile = async () => (await get('/api/v1/profile')).text();

  it('keeps the plain status fault (body, nginx page for 502–504, Rails JSON otherwise) and adds headers', async () => {
    await h.failNext({ path_regex: '/profile$', status: 503, headers: { 'Retry-After': '7' } });
    const res = await get('/api/v1/profile');
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /<title>503 Service Unavailable<\/title>/);
    await h.failNext({ path_regex: '/profile$', status: 500 });
    assert.deepEqual(await (await get('/api/v1/profile')).json(), { status: 500, error: 'Internal Server Error' });
  });

  it('malformed / wrong_shape / empty / oversized break the real answer of a GET', async () => {
    const real = await realProfile();
    await h.failNext({ path_regex: '/profile$', mode: 'malformed' });
    const malformed = await (await get('/api/v1/profile')).text();
    assert.ok(real.startsWith(malformed.replace(/\{$/, '')) && malformed.length < real.length);
    assert.throws(() => JSON.parse(malformed) as unknown);

    await h.failNext({ path_regex: '/profile$', mode: 'wrong_shape' });
    const wrong = (await (await get('/api/v1/profile')).json()) as { id: unknown; accounts: Array<{ id: unknown }> };
    assert.equal(wrong.id, '1');
    assert.equal(wrong.accounts[0]?.id, '1');

    await h.failNext({ path_regex: '/profile$', mode: 'empty' });
    const empty = await get('/api/v1/profile');
    assert.equal(empty.status, 200);
    assert.equal(await empty.text(), '');

    await h.failNext({ path_regex: '/profile$', mode: 'oversized', bytes: 100_000 });
    const big = await (await get('/api/v1/profile')).text();
    assert.equal(Buffer.byteLength(big), 100_000);
    assert.deepEqual(JSON.parse(big), JSON.parse(real), 'still the same JSON, padded');
  });

  it('a body mode on a POST without apply breaks a stand-in and changes nothing; with apply the change is made', async () => {
    await h.failNext({ path_regex: '/assignments$', mode: 'wrong_shape' });
    assert.deepEqual(await (await assign({ assignee_id: 2 })).json(), { id: '1', name: 'Fake fault' });
    assert.equal(await assignee(), null);
    await h.failNext({ path_regex: '/assignments$', mode: 'wrong_shape', apply: true });
    const applied = (await (await assign({ assignee_id: 2 })).json()) as { id: unknown; name: string };
    assert.deepEqual([applied.id, applied.name], ['2', 'Bob Brown']);
    assert.equal(await assignee(), 2);
    await h.failNext({ path_regex: '/assignments$', status: 500, apply: true });
    assert.equal((await assign({ assignee_id: 3 })).status, 500);
    assert.equal(await assignee(), 3, 'status fault after the change: "500 after commit"');
  });

  it('reset sends headers and half the body, then resets the connection', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'reset' });
    const res = await get('/api/v1/profile');
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
    assert.deepEqual(
      h.log().map((r) => [r.status, r.fault]),
      [[200, 'reset']],
    );
  });

  it('close drops the connection before any answer', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'close' });
    await assert.rejects(get('/api/v1/profile'));
    assert.deepEqual(
      h.log().map((r) => [r.status, r.fault]),
      [[0, 'close']],
    );
  });

  it('drip sends the whole answer, drip_bytes every drip_ms', async () => {
    await h.failNext({ path_regex: '/conversations/meta$', mode: 'drip', drip_ms: 10, drip_bytes: 20 });
    const started = Date.now();
    const res = await get('/api/v1/accounts/1/conversations/meta');
    const text = await res.text();
    const chunks = Math.ceil(Buffer.byteLength(text) / 20);
    assert.ok(Date.now() - started >= chunks * 10 - 15, `${chunks} chunks took ${Date.now() - started} ms`);
    assert.deepEqual(JSON.parse(text), { meta: { mine_count: 6, assigned_count: 28, unassigned_count: 14, all_count: 42 } });
  });

  it('hang never answers (the client gives up); the request is logged with status 0', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'hang' });
    await assert.rejects(get('/api/v1/profile', { signal: AbortSignal.timeout(150) }), { name: 'TimeoutError' });
    assert.deepEqual(
      h.log().map((r) => [r.status, r.fault]),
      [[0, 'hang']],
    );
  });

  it('redirect answers a 3xx to location, nothing else', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'redirect', status: 301, location: 'https://elsewhere.invalid/x' });
    const res = await get('/api/v1/profile', { redirect: 'manual' });
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), 'https://elsewhere.invalid/x');
  });

  it('config validates modes and echoes them; times counts down', async () => {
    const bad = async (rule: unknown, message: RegExp) => {
      const res = await fetch(`${h.fake.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ fail_next: rule }) });
      assert.equal(res.status, 422);
      assert.match(((await res.json()) as { error: string }).error, message);
    };
    await bad({ path_regex: 'x', mode: 'explode' }, /mode must be one of status, reset, close, drip, hang, malformed, wrong_shape, empty, oversized, redirect/);
    await bad({ path_regex: 'x' }, /status must be an HTTP status code/);
    await bad({ path_regex: 'x', mode: 'redirect' }, /location is required/);
    await bad({ path_regex: 'x', mode: 'redirect', status: 200, location: '/' }, /must be 3xx/);
    await bad({ path_regex: 'x', mode: 'drip', drip_ms: 0 }, /drip_ms/);
    await bad({ path_regex: 'x', mode: 'empty', apply: 'yes' }, /apply must be a boolean/);
    await bad({ path_regex: 'x', status: 500, headers: { a: 1 } }, /headers must be an object of strings/);
    await h.failNext({ path_regex: '/profile$', mode: 'empty', times: 2 });
    const config = (await h.control('GET', 'config')) as { fail_next: Array<Record<string, unknown>> };
    assert.deepEqual(config.fail_next, [
      {
        path_regex: '/profile$',
        status: null,
        body: null,
        method: null,
        times: 2,
        mode: 'empty',
        apply: false,
        headers: {},
        drip_ms: 200,
        drip_bytes: 1,
        bytes: 9 * 1_048_576,
        location: null,
      },
    ]);
    await get('/api/v1/profile');
    await get('/api/v1/profile');
    assert.equal((await get('/api/v1/profile')).status, 200);
    assert.deepEqual(
      h.log().map((r) => r.fault ?? 'none'),
      ['empty', 'empty', 'none'],
    );
  });

  it('GET /__fake/state/conversations lists every raw record', async () => {
    const all = (await h.control('GET', 'state/conversations')) as Array<{ account_id: number; display_id: number }>;
    assert.ok(all.length >= 60);
    assert.ok(all.some((c) => c.account_id === 1 && c.display_id === 21));
  });
});
