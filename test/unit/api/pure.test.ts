/** Pure helpers of the API layer: request bodies, query encoding, URL checks, error mapping. */
import * as assert from 'node:assert/strict';
import { assignmentBody, encodeQuery, parseServerUrl, type AssignmentTarget } from '../../../src/api';
import { errorFromResponse, extractServerMessage } from '../../../src/api/responseErrors';
import { retryAfterMs } from '../../../src/api/retry';
import { formatIssuePath } from '../../../src/api/zodIssues';

describe('assignmentBody', () => {
  const cases: Array<[AssignmentTarget, unknown]> = [
    [{ kind: 'agent', agentId: 2 }, { assignee_id: 2 }],
    [{ kind: 'unassign' }, { assignee_id: null }],
    [{ kind: 'team', teamId: 1 }, { team_id: 1 }],
    [{ kind: 'remove-team' }, { team_id: null }],
  ];
  for (const [target, body] of cases) {
    it(`${target.kind} → ${JSON.stringify(body)} (exactly one key)`, () => {
      const actual = assignmentBody(target);
      assert.deepEqual(actual, body);
      assert.equal(Object.keys(actual).length, 1);
    });
  }
  it('rejects ids that Chatwoot would turn into an unassign', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      assert.throws(() => assignmentBody({ kind: 'agent', agentId: bad }), RangeError);
      assert.throws(() => assignmentBody({ kind: 'team', teamId: bad }), RangeError);
    }
  });
});

describe('encodeQuery', () => {
  it('uses Rails array syntax and skips empty values', () => {
    assert.equal(encodeQuery({ inbox_ids: [1, 2], status: 'open', q: undefined, team_id: null }), 'inbox_ids%5B%5D=1&inbox_ids%5B%5D=2&status=open');
    assert.equal(encodeQuery({ q: 'a b&c' }), 'q=a+b%26c');
    assert.equal(encodeQuery(undefined), '');
  });
});

describe('parseServerUrl', () => {
  it('accepts http(s) URLs with an optional path', () => {
    assert.equal(parseServerUrl(' https://app.chatwoot.com ').origin, 'https://app.chatwoot.com');
    assert.equal(parseServerUrl('https://example.com/chatwoot/').pathname, '/chatwoot/');
  });
  it('refuses other schemes, credentials, queries and garbage', () => {
    for (const bad of ['ftp://x', 'file:///etc/passwd', 'https://user:pw@x.com', 'https://x.com/?a=1', 'https://x.com/#f', 'not a url', '']) {
      assert.throws(() => parseServerUrl(bad), TypeError);
    }
  });
});

describe('error mapping', () => {
  const kind = (status: number, body: unknown) => errorFromResponse(status, body, {}, 'GET /x', { idempotent: true }).kind;
  it("maps each of Chatwoot's 401 bodies to its own kind", () => {
    assert.equal(kind(401, { error: 'Invalid Access Token' }), 'invalid-token');
    assert.equal(kind(401, { errors: ['You need to sign in or sign up before continuing.'] }), 'not-signed-in');
    assert.equal(kind(401, { error: 'Access to this endpoint is not authorized for bots' }), 'bot-token');
    assert.equal(kind(401, { error: 'Account is suspended' }), 'account-suspended');
    assert.equal(kind(401, { error: 'You are not authorized to access this account' }), 'not-account-member');
    assert.equal(kind(401, { error: 'Bot is not authorized to access this account' }), 'not-account-member');
    assert.equal(kind(401, { error: 'You are not authorized to do this action' }), 'not-permitted');
    assert.equal(kind(401, { error: 'Invalid User IDs' }), 'unauthorized');
    assert.equal(kind(401, 'plain'), 'unauthorized');
  });
  it('maps other statuses', () => {
    assert.equal(kind(404, { error: 'Resource could not be found' }), 'not-found');
    assert.equal(kind(422, { success: false }), 'validation');
    assert.equal(kind(429, 'Retry later\n'), 'rate-limited');
    assert.equal(kind(500, { status: 500, error: 'Internal Server Error' }), 'server-error');
    assert.equal(kind(503, '<html>'), 'server-error');
    assert.equal(kind(301, ''), 'redirect');
    assert.equal(kind(418, {}), 'http-status');
    assert.equal(kind(403, { error: 'x' }), 'http-status');
  });
  it('extracts messages from every body form', () => {
    assert.deepEqual(extractServerMessage({ error: 'a' }), { message: 'a', attributes: undefined });
    assert.deepEqual(extractServerMessage({ errors: ['a', 'b'] }), { message: 'a b', attributes: undefined });
    assert.deepEqual(extractServerMessage({ message: 'm', attributes: ['x', 1] }), { message: 'm', attributes: ['x'] });
    assert.deepEqual(extractServerMessage(null), {});
  });
  it('parses Retry-After (the one parser): delta-seconds and HTTP dates, in ms', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    assert.equal(retryAfterMs('30', now), 30_000);
    assert.equal(retryAfterMs(' 3 ', now), 3_000);
    assert.equal(retryAfterMs('0', now), 0);
    assert.equal(retryAfterMs(new Date(now + 10_000).toUTCString(), now), 10_000);
    assert.equal(retryAfterMs('Thursday, 01-Jan-26 12:00:05 GMT', now), 5_000, 'RFC 850 date');
    assert.equal(retryAfterMs(new Date(now - 60_000).toUTCString(), now), 0, 'a date in the past means now');
  });
  it('Retry-After that is absent or unreadable is undefined, never "now"', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    for (const v of [undefined, '', '   ', 'soon', '1.5', '-5', '+3', '1e3']) assert.equal(retryAfterMs(v, now), undefined, JSON.stringify(v));
  });
  it('formats zod issue paths', () => {
    assert.equal(formatIssuePath(['data', 'payload', 0, 'id']), 'data.payload[0].id');
    assert.equal(formatIssuePath([]), '(root)');
    assert.equal(formatIssuePath([2, 'x']), '[2].x');
  });
});
