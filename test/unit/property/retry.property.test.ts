/** Properties of the retry decision (src/api/retry.ts): bounded, deadline-respecting, POST-safe. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideRetry, msUntilNextWindow, type RetryInput, type RetryLimits } from '../../../src/api/retry';

export const RUNS = { decisions: 10_000 } as const;

const LIMITS: RetryLimits = {
  maxRetries: 2,
  minTimeoutMs: 500,
  maxTimeoutMs: 5_000,
  timeoutFactor: 2,
  methods: ['GET', 'HEAD'],
  statusCodes: [429, 502, 503, 504],
  errorCodes: ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'],
};

const input: fc.Arbitrary<RetryInput> = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'get'),
    idempotent: fc.boolean(),
    attempt: fc.integer({ min: 1, max: 6 }),
    failure: fc.oneof(
      fc.constantFrom(429, 500, 502, 503, 504, 404, 401).map((status) => ({ status, code: 'UND_ERR_REQ_RETRY' })),
      fc.constantFrom('ECONNRESET', 'ECONNREFUSED', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT').map((code) => ({ status: undefined as number | undefined, code })),
    ),
    retryAfter: fc.option(fc.oneof(fc.nat({ max: 600 }).map(String), fc.constantFrom('soon', '', ' 3 ', 'Wed, 21 Oct 2015 07:28:00 GMT')), { nil: undefined }),
    headersArrived: fc.boolean(),
    now: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
    timeoutMs: fc.integer({ min: 100, max: 300_000 }),
    elapsed: fc.nat({ max: 300_000 }),
  })
  .map((r) => ({
    method: r.method,
    idempotent: r.idempotent,
    attempt: r.attempt,
    status: r.failure.status,
    code: r.failure.code,
    retryAfter: r.retryAfter,
    headersArrived: r.headersArrived,
    now: r.now,
    deadlineAt: r.now - r.elapsed + r.timeoutMs,
    reserveMs: Math.min(1_000, r.timeoutMs / 10),
    limits: LIMITS,
  }));

describe('property: retry decisions', () => {
  it(`never retry a POST, a started body, an unlisted status or code, past maxRetries or past the deadline; a bare 429 waits for the window: ${RUNS.decisions} runs`, () => {
    let retried = 0;
    fc.assert(
      fc.property(input, (i) => {
        const d = decideRetry(i);
        if (d.waitMs !== undefined) assert.ok(Number.isFinite(d.waitMs) && d.waitMs >= 0, `wait ${d.waitMs}`);
        if (!d.retry) return;
        retried += 1;
        assert.ok(i.idempotent, 'only a call flagged idempotent is retried');
        assert.ok(i.method.toUpperCase() === 'GET' || i.method.toUpperCase() === 'HEAD');
        assert.equal(i.headersArrived, false);
        assert.ok(i.attempt <= i.limits.maxRetries);
        assert.ok(i.now + d.waitMs + i.reserveMs <= i.deadlineAt, 'the wait and the retry fit the deadline');
        if (i.status !== undefined) assert.ok(i.limits.statusCodes.includes(i.status));
        else assert.ok(i.code !== undefined && i.limits.errorCodes.includes(i.code));
        const header = i.retryAfter?.trim();
        if (header && /^\d+$/.test(header)) assert.equal(d.waitMs, Number(header) * 1000, 'Retry-After honoured');
        else if (i.status === 429 && (!header || Number.isNaN(Date.parse(header)))) {
          assert.equal(d.waitMs, msUntilNextWindow(i.now) + 1_000, 'a bare 429 waits for the next 60 s window');
          assert.equal((i.now + d.waitMs - 1_000) % 60_000, 0);
        } else if (!header || Number.isNaN(Date.parse(header))) {
          assert.ok(d.waitMs >= i.limits.minTimeoutMs && d.waitMs <= i.limits.maxTimeoutMs, 'bounded backoff');
        }
      }),
      { numRuns: RUNS.decisions },
    );
    assert.ok(retried > 0, 'some decisions retry');
  });
});
