/**
 * Properties of the two parsers that take what a user types or pastes: `parseConversationRef`
 * (`#21`, `21`, dashboard links) and `checkServerUrl` (the chatwoot.serverUrl setting). Both must
 * never throw, always return well-formed results, and round-trip generated valid inputs.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConversationRef } from '../../../src/util/conversationRef';
import { checkServerUrl, isLoopbackHost } from '../../../src/util/serverUrl';

/** Run counts, cited in the closing note of issue 4. */
export const RUNS = {
  refAnything: 10_000,
  refLinkish: 5_000,
  refShortRoundTrip: 3_000,
  refLinkRoundTrip: 3_000,
  refOutOfRange: 1_000,
  urlAnything: 10_000,
  urlRoundTrip: 3_000,
  urlHttpPolicy: 2_000,
} as const;

const MAX_ID = 2_147_483_647;
const id = fc.integer({ min: 1, max: MAX_ID });
/** Any text: full Unicode, ASCII, URL-looking, and strings built from the interesting characters. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 80 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ unit: fc.constantFrom('#', ' ', '\t', '1', '0', '9', '/', ':', 'h', 't', 'p', 's', 'a', '.', '?', '%', '@', '[', ']', '\u00a0'), maxLength: 40 }),
);

function assertWellFormedRef(input: string, ref: ReturnType<typeof parseConversationRef>): void {
  if (ref === undefined) return;
  assert.ok(Number.isSafeInteger(ref.displayId) && ref.displayId > 0 && ref.displayId <= MAX_ID, `displayId ${ref.displayId}`);
  const keys = Object.keys(ref).sort();
  if (ref.accountId === undefined) {
    assert.deepEqual(keys, ['displayId'], 'short forms carry only the display id');
    assert.equal(ref.origin, undefined);
  } else {
    assert.deepEqual(keys, ['accountId', 'displayId', 'origin'], 'links carry account and origin together');
    assert.ok(Number.isSafeInteger(ref.accountId) && ref.accountId > 0 && ref.accountId <= MAX_ID, `accountId ${ref.accountId}`);
    assert.ok(/^https?:\/\//i.test(input.trim()), 'account and origin only for links');
    assert.equal(typeof ref.origin, 'string');
    assert.equal(new URL(ref.origin!).origin, ref.origin, 'origin is a normalized origin');
  }
}

describe('property: parseConversationRef', () => {
  it(`never throws; results are well-formed (ids positive ≤ 2^31-1, account and origin only for links): ${RUNS.refAnything} runs`, () => {
    const seen = { none: 0, short: 0, link: 0 };
    fc.assert(
      fc.property(anyText, (text) => {
        const ref = parseConversationRef(text);
        assertWellFormedRef(text, ref);
        seen[ref === undefined ? 'none' : ref.accountId === undefined ? 'short' : 'link'] += 1;
      }),
      { numRuns: RUNS.refAnything },
    );
    assert.ok(seen.none > 0 && seen.short > 0, `not vacuous: ${JSON.stringify(seen)}`);
  });

  it(`never throws on link-shaped text with arbitrary segments: ${RUNS.refLinkish} runs`, () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -10, max: 3_000_000_000 }).map(String),
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map(String),
    );
    let links = 0;
    fc.assert(
      fc.property(fc.constantFrom('https://', 'http://', 'HTTPS://', 'ftp://', ''), fc.domain(), segment, segment, fc.string({ maxLength: 10 }), (scheme, host, a, d, tail) => {
        const text = `${scheme}${host}/app/accounts/${a}/conversations/${d}${tail}`;
        const ref = parseConversationRef(text);
        assertWellFormedRef(text, ref);
        if (ref?.accountId !== undefined) links += 1;
      }),
      { numRuns: RUNS.refLinkish },
    );
    assert.ok(links > 0, 'some generated links parse');
  });

  it(`round-trips #N, N and "# N" with surrounding whitespace: ${RUNS.refShortRoundTrip} runs`, () => {
    const ws = fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), maxLength: 3 });
    fc.assert(
      fc.property(ws, fc.constantFrom('', '#', '# ', '#  '), id, ws, (before, prefix, n, after) => {
        assert.deepEqual(parseConversationRef(`${before}${prefix}${n}${after}`), { displayId: n });
      }),
      { numRuns: RUNS.refShortRoundTrip },
    );
  });

  it(`round-trips dashboard links in every form (inbox/label/team, base path, port, query, fragment): ${RUNS.refLinkRoundTrip} runs`, () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https', 'http'),
        fc.oneof(fc.domain(), fc.ipV4()),
        fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
        fc.constantFrom('', '/chatwoot', '/support/desk'),
        id,
        fc.constantFrom('', 'inbox/3/', 'label/vip/', 'team/12/', 'custom_view/4/', 'mentions/'),
        id,
        fc.constantFrom('', '/', '?messageId=4', '#bottom', '/?a=1#b'),
        (scheme, host, port, base, accountId, middle, displayId, tail) => {
          const authority = port === undefined ? host : `${host}:${port}`;
          const link = `${scheme}://${authority}${base}/app/accounts/${accountId}/${middle}conversations/${displayId}${tail}`;
          assert.deepEqual(parseConversationRef(link), { displayId, accountId, origin: new URL(`${scheme}://${authority}`).origin });
        },
      ),
      { numRuns: RUNS.refLinkRoundTrip },
    );
  });

  it(`refuses ids out of Postgres integer range: ${RUNS.refOutOfRange} runs`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.integer({ min: MAX_ID + 1, max: 9_999_999_999 })), id, (bad, good) => {
        assert.equal(parseConversationRef(`#${bad}`), undefined);
        assert.equal(parseConversationRef(`https://x.test/app/accounts/${good}/conversations/${bad}`), undefined);
        assert.equal(parseConversationRef(`https://x.test/app/accounts/${bad}/conversations/${good}`), undefined);
      }),
      { numRuns: RUNS.refOutOfRange },
    );
  });
});

describe('property: checkServerUrl', () => {
  it(`never throws; accepted URLs are normalized, https or loopback http, no credentials/query/fragment, idempotent: ${RUNS.urlAnything} runs`, () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(anyText, (text) => {
        const result = checkServerUrl(text);
        seen['error' in result ? 'refused' : 'accepted'] += 1;
        if ('error' in result) {
          assert.ok(typeof result.error === 'string' && result.error.length > 0);
          assert.deepEqual(Object.keys(result), ['error']);
          return;
        }
        assert.deepEqual(Object.keys(result).sort(), ['origin', 'url']);
        const url = new URL(result.url);
        assert.equal(url.origin, result.origin);
        assert.ok(result.url.startsWith(result.origin));
        assert.ok(!result.url.endsWith('/'), 'no trailing slash');
        assert.ok(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)), `policy: ${result.url}`);
        assert.equal(url.username + url.password + url.search + url.hash, '');
        assert.deepEqual(checkServerUrl(result.url), result, 'idempotent');
      }),
      { numRuns: RUNS.urlAnything },
    );
    assert.ok(seen.accepted > 0 && seen.refused > 0, `not vacuous: ${JSON.stringify(seen)}`);
  });

  it(`round-trips generated https URLs (case, default port, trailing slashes): ${RUNS.urlRoundTrip} runs`, () => {
    const segment = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '9', '-', '_', '.'), minLength: 1, maxLength: 8 }).filter((s) => s !== '.' && s !== '..');
    fc.assert(
      fc.property(
        fc.domain(),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
        fc.array(segment, { maxLength: 3 }),
        fc.constantFrom('', '/', '//'),
        fc.constantFrom('', ' ', '\t'),
        (host, upper, port, segments, trailing, ws) => {
          const shownHost = upper ? host.toUpperCase() : host;
          const path = segments.map((s) => `/${s}`).join('');
          const origin = `https://${host}${port === undefined || port === 443 ? '' : `:${port}`}`;
          const input = `${ws}https://${shownHost}${port === undefined ? '' : `:${port}`}${path}${trailing}${ws}`;
          assert.deepEqual(checkServerUrl(input), { url: origin + path, origin });
        },
      ),
      { numRuns: RUNS.urlRoundTrip },
    );
  });

  it(`plain http: accepted exactly for loopback hosts: ${RUNS.urlHttpPolicy} runs`, () => {
    const loopback = fc.oneof(
      fc.constantFrom('localhost', 'LOCALHOST', '[::1]'),
      fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 })).map(([a, b, c]) => `127.${a}.${b}.${c}`),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          loopback.map((h) => [h, true] as const),
          fc.domain().map((h) => [h, h === 'localhost'] as const),
          fc.ipV4().map((h) => [h, h.startsWith('127.')] as const),
        ),
        ([host, ok]) => {
          const result = checkServerUrl(`http://${host}:3000/`);
          assert.equal('url' in result, ok, `http://${host}:3000/ → ${JSON.stringify(result)}`);
        },
      ),
      { numRuns: RUNS.urlHttpPolicy },
    );
  });
});
