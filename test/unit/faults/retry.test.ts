/**
 * The retry policy (src/api/retry.ts, applied per call by src/api/http.ts through the dispatcher's
 * undici retry interceptor): GETs retry on 429/502/503/504 and on connections dropped before an
 * answer; a bare 429 waits for Chatwoot's next 60 s rate-limit window; Retry-After is honoured;
 * nothing waits past the call's deadline; an assignment POST is never retried.
 * Waits are recorded by a virtual clock (no real sleeping) except in the two real-clock tests.
 */
import * as assert from 'node:assert/strict';
import { systemClock } from '../../../src/api/retry';
import { atSecond, expectFault, startHarness, testClock, type FakeHarness } from './harness';
import { assignAgent, listLabels } from '../../support/clientExtras';

describe('retry policy', () => {
  let h: FakeHarness;
  let host: string;
  before(async () => {
    h = await startHarness();
    host = new URL(h.fake.url).host;
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const statuses = () => h.log().map((r) => r.status);
  const posts = () => h.log().filter((r) => r.method === 'POST');

  it('edge 46: a bare 429 (throttle force) on a GET waits for the next minute window (+1 s margin), then succeeds', async () => {
    const clock = testClock(atSecond(59, 500));
    await h.control('POST', 'throttle', { force: true });
    const profile = await h.clients.make({ clock }).getProfile();
    assert.equal(profile.id, 1);
    assert.deepEqual(statuses(), [429, 200]);
    assert.deepEqual(clock.sleeps, [500 + 1_000], 'until the window boundary, plus the skew margin');
  });

  it('a bare 429 whose window does not fit the remaining deadline fails at once, saying when to retry', async () => {
    const clock = testClock(atSecond(59, 500));
    await h.failNext({ path_regex: '/profile$', status: 429, body: 'Retry later\n' });
    const e = await expectFault(() => h.clients.make({ clock, timeoutMs: 1_000 }).getProfile(), {
      kind: 'rate-limited',
      message: 'The Chatwoot server is rate-limiting requests from this network address; try again in 2 s.',
      within: 1_000,
    });
    assert.equal(e.retryInSeconds, 2);
    assert.deepEqual(clock.sleeps, []);
    assert.deepEqual(statuses(), [429]);
  });

  it('Retry-After (seconds) on a 429 is honoured instead of the window', async () => {
    const clock = testClock(atSecond(10));
    await h.failNext({ path_regex: '/profile$', status: 429, body: 'Retry later\n', headers: { 'Retry-After': '2' } });
    await h.clients.make({ clock }).getProfile();
    assert.deepEqual(clock.sleeps, [2_000]);
    assert.deepEqual(statuses(), [429, 200]);
  });

  it('Retry-After (HTTP date) on a 503 is honoured', async () => {
    const clock = testClock(atSecond(10));
    await h.failNext({ path_regex: '/agents$', status: 503, headers: { 'Retry-After': new Date(atSecond(13)).toUTCString() } });
    await h.clients.make({ clock }).listAgents(1);
    assert.deepEqual(clock.sleeps, [3_000]);
    assert.deepEqual(statuses(), [503, 200]);
  });

  it('a Retry-After beyond the deadline fails at once and repeats the server\'s "when"', async () => {
    const clock = testClock(atSecond(10));
    await h.failNext({ path_regex: '/agents$', status: 503, headers: { 'Retry-After': '120' } });
    await expectFault(() => h.clients.make({ clock, timeoutMs: 30_000 }).listAgents(1), {
      kind: 'server-error',
      message: 'The Chatwoot server is temporarily unavailable (HTTP 503 Service Unavailable); it asks to try again in 2 min.',
      within: 1_000,
    });
    assert.deepEqual(clock.sleeps, []);
    assert.deepEqual(statuses(), [503]);
  });

  it('502/504 back off exponentially within the dispatcher bounds (20 ms, ×2, ≤ 100 ms), at most 2 retries', async () => {
    const clock = testClock(atSecond(0));
    await h.failNext({ path_regex: '/teams$', status: 504, times: 2 });
    await h.clients.make({ clock }).listTeams(1);
    assert.deepEqual(clock.sleeps, [20, 40]);
    assert.deepEqual(statuses(), [504, 504, 200]);

    await h.control('DELETE', 'requests');
    await h.failNext({ path_regex: '/teams$', status: 502, times: 3 });
    await expectFault(() => h.clients.make({ clock: testClock(atSecond(0)) }).listTeams(1), {
      kind: 'server-error',
      message:
        'The proxy in front of the Chatwoot server got no valid answer from it (HTTP 502 Bad Gateway). Chatwoot may be restarting or overloaded; try again in a minute, and tell its administrator if it keeps happening.',
    });
    assert.deepEqual(statuses(), [502, 502, 502]);
  });

  it('a GET whose connection drops before any answer is retried', async () => {
    const clock = testClock(atSecond(0));
    await h.failNext({ path_regex: '/inboxes$', mode: 'close' });
    const inboxes = await h.clients.make({ clock }).listInboxes(1);
    assert.ok(inboxes.length > 0);
    assert.deepEqual(clock.sleeps, [20]);
    assert.deepEqual(
      h.log().map((r) => r.fault ?? r.status),
      ['close', 200],
    );
  });

  it('the assignment POST is never retried: 429, 503, 504 and a dropped connection each send exactly one POST', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ status: 429, body: 'Retry later\n' }, 'rate-limited'],
      [{ status: 503 }, 'server-error'],
      [{ status: 504 }, 'server-error'],
      [{ mode: 'close' }, 'network'],
    ];
    for (const [fault, kind] of cases) {
      await h.control('POST', 'reset');
      const before = await h.snapshot();
      const clock = testClock(atSecond(59, 900));
      await h.failNext({ path_regex: '/assignments$', ...fault });
      await assert.rejects(assignAgent(h.clients.make({ clock }), 1, 21, 2), (e: Error & { kind?: string }) => e.kind === kind);
      assert.equal(posts().length, 1, `exactly one POST for ${JSON.stringify(fault)}`);
      assert.deepEqual(clock.sleeps, [], 'no wait either');
      assert.equal(await h.snapshot(), before);
    }
  });

  it('with retries off in the dispatcher, a 429 is reported at once and still says when to retry', async () => {
    const clock = testClock(atSecond(30));
    await h.failNext({ path_regex: '/profile$', status: 429, body: 'Retry later\n' });
    const e = await expectFault(() => h.clients.make({ clock, dispatcher: { maxRetries: 0 } }).getProfile(), {
      kind: 'rate-limited',
      message: 'The Chatwoot server is rate-limiting requests from this network address; try again in 31 s.',
    });
    assert.equal(e.serverMessage, 'Retry later');
    assert.deepEqual(statuses(), [429]);
  });

  it('cancelling during a retry wait ends the call at once (real clock)', async () => {
    await h.failNext({ path_regex: '/labels$', status: 503, headers: { 'Retry-After': '5' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expectFault(() => listLabels(h.clients.make({ clock: systemClock, timeoutMs: 10_000 }), 1, { signal: controller.signal }), {
      kind: 'cancelled',
      message: 'The request was cancelled.',
      actions: [],
      within: 1_000,
    });
    assert.deepEqual(statuses(), [503]);
  });

  it('a real wait that fits the deadline is taken, one that does not is not (real clock)', async () => {
    await h.failNext({ path_regex: '/labels$', status: 503, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await listLabels(h.clients.make({ clock: systemClock, timeoutMs: 1_500 }), 1);
    const took = Date.now() - started;
    assert.ok(took >= 950 && took < 1_500, `waited ${took} ms`);
    assert.deepEqual(statuses(), [503, 200]);

    await h.failNext({ path_regex: '/labels$', status: 503, headers: { 'Retry-After': '2' } });
    await expectFault(() => listLabels(h.clients.make({ clock: systemClock, timeoutMs: 1_500 }), 1), {
      kind: 'server-error',
      message: 'The Chatwoot server is temporarily unavailable (HTTP 503 Service Unavailable); it asks to try again in 2 s.',
      within: 500,
    });
    assert.ok(host);
  });
});
