/**
 * Faults, part 1: Chatwoot's own refusals (401 with each of its bodies, 404, 422). Each test makes
 * the call a user would make, checks the exact sentence they would read, that the call ended, and
 * that the fake's store is exactly as before (a refused assignment changes nothing).
 */
import * as assert from 'node:assert/strict';
import { OPEN_SETTINGS, SET_TOKEN, SHOW_LOG } from '../../../src/ui/errorText';
import { expectFault, SEED_TOKENS, startHarness, type FakeHarness } from './harness';
import { assignAgent } from '../../support/clientExtras';

describe('faults: Chatwoot refuses (401 bodies, 404, 422)', () => {
  let h: FakeHarness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.control('POST', 'reset'));

  /** The store must be exactly as before, and exactly these requests must have been made. */
  async function unchangedAfter(run: () => Promise<unknown>, requests: string[]): Promise<void> {
    const before = await h.snapshot();
    await run();
    assert.equal(await h.snapshot(), before, 'nothing changed on the server');
    assert.deepEqual(
      h.log().map((r) => `${r.method} ${r.path} ${r.status}`),
      requests,
    );
  }

  it('401 "Invalid Access Token" → invalid-token, offers Set API Token', async () => {
    const client = h.clients.make({ token: 'not-a-real-token' });
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(client, 1, 21, 2), {
          kind: 'invalid-token',
          message:
            'The Chatwoot server rejected the API access token (server said: "Invalid Access Token"). Set a new token: copy it from Chatwoot → Profile Settings → Access Token.',
          actions: [SET_TOKEN],
        }),
      ['POST /api/v1/accounts/1/conversations/21/assignments 401'],
    );
  });

  it('401 devise {"errors":[…sign in…]} (no token header arrived) → not-signed-in, names the header and the underscore rule', async () => {
    // An empty token is what the server sees when a proxy strips the header.
    const client = h.clients.make({ token: '' });
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(client, 1, 21, 2), {
          kind: 'not-signed-in',
          message:
            'The Chatwoot server received no API token, so a proxy in front of it may be dropping the header (server said: "You need to sign in or sign up before continuing."). ' +
            'This extension sends the token in the "Api-Access-Token" header (with hyphens, because nginx drops headers with underscores by default); ask the server\'s administrator to make the proxy forward that header.',
          actions: [SET_TOKEN, SHOW_LOG],
        }),
      ['POST /api/v1/accounts/1/conversations/21/assignments 401'],
    );
  });

  it('401 "Access to this endpoint is not authorized for bots" → bot-token, offers Set API Token', async () => {
    const client = h.clients.make({ token: SEED_TOKENS.triageBot });
    await unchangedAfter(
      () =>
        expectFault(() => client.listConversations(1), {
          kind: 'bot-token',
          message:
            'The Chatwoot server refused the token because it belongs to an agent bot (server said: "Access to this endpoint is not authorized for bots"). Set the access token of your own user profile instead (Chatwoot → Profile Settings → Access Token).',
          actions: [SET_TOKEN],
        }),
      ['GET /api/v1/accounts/1/conversations 401'],
    );
  });

  it('401 "Account is suspended" → account-suspended', async () => {
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(h.clients.make(), 3, 1, 1), {
          kind: 'account-suspended',
          message: 'This Chatwoot account is suspended (server said: "Account is suspended"). Ask the Chatwoot administrator to reactivate the account, or work in another one.',
          actions: [SHOW_LOG],
        }),
      ['POST /api/v1/accounts/3/conversations/1/assignments 401'],
    );
  });

  it('401 "You are not authorized to access this account" → not-account-member', async () => {
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(h.clients.make({ token: SEED_TOKENS.bob }), 2, 1, 2), {
          kind: 'not-account-member',
          message:
            'You are not a member of this Chatwoot account (server said: "You are not authorized to access this account"). Ask an administrator of the account to add you, or work in another account.',
        }),
      ['POST /api/v1/accounts/2/conversations/1/assignments 401'],
    );
  });

  it('401 "You are not authorized to do this action" → not-permitted (Chatwoot never sends 403)', async () => {
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(h.clients.make({ token: SEED_TOKENS.bob }), 1, 21, 2), {
          kind: 'not-permitted',
          message:
            'Chatwoot does not allow you to do this (server said: "You are not authorized to do this action"). Agents can only act on conversations of their own inboxes and teams; ask a Chatwoot administrator for access.',
        }),
      ['POST /api/v1/accounts/1/conversations/21/assignments 401'],
    );
  });

  it('404 on an account → not-found naming the account', async () => {
    await unchangedAfter(
      () =>
        expectFault(() => h.clients.make().listConversations(999), {
          kind: 'not-found',
          message:
            'Chatwoot could not find account 999 (server said: "Resource could not be found"). It may have been deleted, or you were removed from it; run "Chatwoot: Refresh" to reload your accounts.',
        }),
      ['GET /api/v1/accounts/999/conversations 404'],
    );
  });

  it('404 on a conversation → not-found naming the conversation and its account', async () => {
    await unchangedAfter(
      () =>
        expectFault(() => assignAgent(h.clients.make(), 1, 999, 2), {
          kind: 'not-found',
          message:
            'Chatwoot could not find conversation #999 in account 1 (server said: "Resource could not be found"). It may have been deleted, or the number belongs to another account; refresh the conversation list.',
        }),
      ['POST /api/v1/accounts/1/conversations/999/assignments 404'],
    );
  });

  it("404 from a wrong server path (not Chatwoot's own 404) → not-found that points at the server URL setting", async () => {
    const host = new URL(h.fake.url).host;
    await unchangedAfter(
      () =>
        expectFault(() => h.clients.make({ baseUrl: `${h.fake.url}/helpdesk` }).getProfile(), {
          kind: 'not-found',
          message:
            `The server at ${host} has no such address: GET /helpdesk/api/v1/profile (HTTP 404 Not Found). ` +
            'Check the chatwoot.serverUrl setting, including any path Chatwoot is served under (e.g. https://example.com/chatwoot); an old Chatwoot version may also lack this endpoint.',
          actions: [OPEN_SETTINGS, SHOW_LOG],
        }),
      ['GET /helpdesk/api/v1/profile 404'],
    );
  });

  it('422 (RecordInvalid) → validation, says nothing was changed', async () => {
    await h.failNext({ path_regex: '/assignments$', status: 422, body: JSON.stringify({ message: 'Assignee must exist', attributes: ['assignee'] }) });
    await unchangedAfter(async () => {
      const e = await expectFault(() => assignAgent(h.clients.make(), 1, 21, 2), {
        kind: 'validation',
        message: 'The Chatwoot server did not accept the request (server said: "Assignee must exist"). Nothing was changed; check what you picked and try again.',
      });
      assert.deepEqual(e.attributes, ['assignee']);
    }, ['POST /api/v1/accounts/1/conversations/21/assignments 422']);
  });
});
