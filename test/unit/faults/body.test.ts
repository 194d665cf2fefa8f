/**
 * Faults, part 4: an answer arrives but is not what Chatwoot sends (malformed JSON, the wrong shape,
 * an empty body, an oversized body, a redirect to another origin). Served by the fake's fail_next
 * modes, which break the real answer; the redirect target is a second loopback server that must
 * never see the token.
 */
import * as assert from 'node:assert/strict';
import { OPEN_SETTINGS, SHOW_LOG } from '../../../src/ui/errorText';
import { rawServer } from '../helpers/rawServer';
import { expectFault, startHarness, type FakeHarness } from './harness';
import { assignAgent } from '../../support/clientExtras';

describe('faults: the answer is not what Chatwoot sends', () => {
  let h: FakeHarness;
  let host: string;
  before(async () => {
    h = await startHarness();
    host = new URL(h.fake.url).host;
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  const lines = () => h.log().map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? ` ${r.fault}` : ''}`);

  it('malformed JSON → invalid-response: not JSON, suspects something else answering', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'malformed' });
    const e = await expectFault(() => h.clients.make().getProfile(), {
      kind: 'invalid-response',
      message: `${host} sent an answer that is not JSON (GET /api/v1/profile). Something other than Chatwoot may be answering (a sign-in page or a proxy); check the chatwoot.serverUrl setting.`,
      actions: [OPEN_SETTINGS, SHOW_LOG],
    });
    assert.match(e.issues ?? '', /^not JSON: /);
    assert.deepEqual(lines(), ['GET /api/v1/profile 200 malformed']);
  });

  it('valid JSON of the wrong shape → invalid-response naming the zod issue path', async () => {
    await h.failNext({ path_regex: '/conversations$', mode: 'wrong_shape' });
    const e = await expectFault(() => h.clients.make().listConversations(1), {
      kind: 'invalid-response',
      message:
        `${host} sent data this extension does not understand (GET /api/v1/accounts/1/conversations, at data.payload[0].meta.sender.id: expected number, received string). ` +
        'This Chatwoot version may not be supported (the extension is built for Chatwoot 4.x); the log lists every problem found.',
    });
    assert.equal(e.issuePath, 'data.payload[0].meta.sender.id');
    assert.match(e.issues ?? '', /→ at data\.payload\[0\]\.id/, 'the log gets every issue');
  });

  it('a wrong-shape answer to an assignment the server made → invalid-response, maybe-processed; sent once', async () => {
    await h.failNext({ path_regex: '/assignments$', mode: 'wrong_shape', apply: true });
    const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
      kind: 'invalid-response',
      message:
        `${host} sent data this extension does not understand (POST /api/v1/accounts/1/conversations/21/assignments, at id: expected number, received string). ` +
        'The server may have made the change anyway: check the conversation before trying again.',
    });
    assert.equal(e.maybeProcessed, true, 'a 2xx to a POST: the caller re-reads instead of reporting a plain failure');
    assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 200 wrong_shape']);
    assert.equal(((await h.control('GET', 'state/conversations/1/21')) as { assignee_id: number }).assignee_id, 2);
  });

  it('an empty body where JSON is expected → invalid-response', async () => {
    await h.failNext({ path_regex: '/profile$', mode: 'empty' });
    const e = await expectFault(() => h.clients.make().getProfile(), {
      kind: 'invalid-response',
      message: `${host} sent an empty body where data was expected (GET /api/v1/profile). A proxy may be interfering; try again, and check the chatwoot.serverUrl setting if it keeps happening.`,
    });
    assert.equal(e.status, 200);
  });

  it('an oversized body → invalid-response; the read stops at the cap', async () => {
    await h.failNext({ path_regex: '/agents$', mode: 'oversized', bytes: 4 * 1024 * 1024 });
    await expectFault(() => h.clients.make({ maxResponseBytes: 64 * 1024 }).listAgents(1), {
      kind: 'invalid-response',
      message: `${host} sent more than 64 KB for one answer (GET /api/v1/accounts/1/agents); it was refused. Chatwoot does not send answers that large; check that the chatwoot.serverUrl setting points at Chatwoot.`,
      actions: [OPEN_SETTINGS, SHOW_LOG],
    });
  });

  it('a redirect to another origin → redirect; not followed, the other server never sees the token', async () => {
    const other = await rawServer((_req, res) => res.end('{}'));
    try {
      await h.failNext({ path_regex: '/assignments$', mode: 'redirect', location: `${other.url}/api/v1/accounts/1/conversations/21/assignments?x=1` });
      const before = await h.snapshot();
      const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
        kind: 'redirect',
        message:
          `The Chatwoot server answered with a redirect (HTTP 302 Found) to ${other.url}/api/v1/accounts/1/conversations/21/assignments; redirects are not followed, so the token was not sent there. ` +
          'Set chatwoot.serverUrl to the address Chatwoot really answers on (often its https:// form).',
        actions: [OPEN_SETTINGS, SHOW_LOG],
      });
      assert.equal(e.location, `${other.url}/api/v1/accounts/1/conversations/21/assignments?x=1`);
      assert.deepEqual(other.seen, [], 'nothing (and no token) reached the other origin');
      assert.deepEqual(lines(), ['POST /api/v1/accounts/1/conversations/21/assignments 302 redirect']);
      assert.equal(await h.snapshot(), before);
    } finally {
      await other.close();
    }
  });
});
