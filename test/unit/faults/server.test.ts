/**
 * Faults, part 2: the server is there but cannot serve (429 without Retry-After, 500, nginx's 502
 * page, 503). Retryable statuses on a GET are retried a bounded number of times first (the retry
 * policy itself is in retry.test.ts); an assignment POST never is.
 */
import * as assert from 'node:assert/strict';
import { SHOW_LOG } from '../../../src/ui/errorText';
import { atSecond, expectFault, startHarness, testClock, type FakeHarness } from './harness';
import { assignAgent } from '../../support/clientExtras';

describe('faults: the server cannot serve (429, 5xx)', () => {
  let h: FakeHarness;
  let host: string;
  before(async () => {
    h = await startHarness();
    host = new URL(h.fake.url).host;
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const lines = () => h.log().map((r) => `${r.method} ${r.path} ${r.status}`);

  it('429 "Retry later" without Retry-After, the next window too far for the deadline → rate-limited at once, says when to retry', async () => {
    assert.ok(host);
    // 23 s into the minute: Chatwoot's window rolls over in 37 s (+1 s margin), beyond a 30 s deadline.
    const clock = testClock(atSecond(23));
    await h.failNext({ path_regex: '/conversations$', status: 429, body: 'Retry later\n' });
    const before = await h.snapshot();
    const e = await expectFault(() => h.clients.make({ clock, timeoutMs: 30_000 }).listConversations(1), {
      kind: 'rate-limited',
      message: 'The Chatwoot server is rate-limiting requests from this network address; try again in 38 s.',
      actions: [SHOW_LOG],
      within: 1_000,
    });
    assert.equal(e.retryInSeconds, 38);
    assert.deepEqual(clock.sleeps, [], 'failed fast: no wait');
    assert.deepEqual(lines(), ['GET /api/v1/accounts/1/conversations 429']);
    assert.equal(await h.snapshot(), before);
  });

  it('500 on an assignment → server-error; the POST is sent once and nothing changes', async () => {
    await h.failNext({ path_regex: '/assignments$', status: 500 });
    const before = await h.snapshot();
    const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
      kind: 'server-error',
      message:
        'The Chatwoot server failed with an internal error (HTTP 500 Internal Server Error). This is a fault on the server; try again in a moment, and tell the Chatwoot administrator if it keeps happening (the server log says why).',
    });
    assert.equal(e.maybeProcessed, false);
    assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 500']);
    assert.equal(await h.snapshot(), before);
  });

  it("502 with nginx's HTML page on a GET → retried twice, then server-error naming the gateway (not the HTML)", async () => {
    await h.failNext({ path_regex: '/conversations/21$', status: 502, times: 3 });
    const before = await h.snapshot();
    const e = await expectFault(() => h.clients.make().getConversation(1, 21), {
      kind: 'server-error',
      message:
        'The proxy in front of the Chatwoot server got no valid answer from it (HTTP 502 Bad Gateway). Chatwoot may be restarting or overloaded; try again in a minute, and tell its administrator if it keeps happening.',
    });
    assert.equal(e.status, 502);
    assert.deepEqual(lines(), Array(3).fill('GET /api/v1/accounts/1/conversations/21 502'));
    assert.equal(await h.snapshot(), before);
  });

  it("502 with nginx's HTML page on an assignment → sent once, and the user is told it may have been made", async () => {
    await h.failNext({ path_regex: '/assignments$', status: 502, times: 3 });
    const before = await h.snapshot();
    const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
      kind: 'server-error',
      message:
        'The proxy in front of the Chatwoot server got no valid answer from it (HTTP 502 Bad Gateway). The server may have made the change anyway: check the conversation before trying again.',
    });
    assert.equal(e.maybeProcessed, true);
    assert.equal(e.serverMessage, '502 Bad Gateway', 'the HTML page reduced to its title');
    assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 502']);
    assert.equal(await h.snapshot(), before);
  });

  it('503 on a GET → retried twice, then server-error saying it is temporarily unavailable', async () => {
    await h.failNext({ path_regex: '/profile$', status: 503, times: 3 });
    await expectFault(() => h.clients.make().getProfile(), {
      kind: 'server-error',
      message: 'The Chatwoot server is temporarily unavailable (HTTP 503 Service Unavailable). It may be down for maintenance or restarting; try again in a few minutes.',
    });
    assert.deepEqual(lines(), Array(3).fill('GET /api/v1/profile 503'));
  });
});
