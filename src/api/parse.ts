/**
 * The parse step of every successful answer: body text → zod-validated value, or a `ChatwootError`
 * of kind `invalid-response`. Total: whatever the bytes, it returns or throws a ChatwootError,
 * never anything else (the property tests feed it thousands of mutated and random bodies).
 */
import type * as z from 'zod';
import { ChatwootError } from './errors';
import { describeZodError } from './zodIssues';

export interface ParseContext {
  /** HTTP status of the answer. */
  status: number;
  /** "GET /api/v1/profile" (no query, no token). */
  request: string;
  /** host[:port], named in the message. */
  host: string;
  /** The transport's `idempotent` flag: a 2xx to a call that is not means the server did the work. */
  idempotent: boolean;
}

/** Bytes are decoded as UTF-8 (invalid sequences become U+FFFD, as Chatwoot only sends UTF-8). */
export function decodeBody(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

export function parseResponseBody<T>(body: string | Uint8Array, schema: z.ZodType<T>, ctx: ParseContext): T {
  // A 2xx to a call that changes something means the server did the work; only its answer is unreadable.
  const base = { status: ctx.status, request: ctx.request, host: ctx.host, maybeProcessed: !ctx.idempotent };
  try {
    const text = decodeBody(body);
    if (text.trim() === '') {
      throw new ChatwootError('invalid-response', `${ctx.host} sent an empty body where data was expected (${ctx.request}).`, {
        ...base,
        failure: 'empty',
        issues: 'empty body',
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ChatwootError('invalid-response', `${ctx.host} sent an answer that is not JSON (${ctx.request}).`, {
        ...base,
        failure: 'not-json',
        issues: `not JSON: ${JSON.stringify(text.slice(0, 80))}`,
        cause: e,
      });
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      const { path, first, pretty } = describeZodError(result.error);
      throw new ChatwootError('invalid-response', `${ctx.host} sent data this extension does not understand (${ctx.request}, at ${path}: ${first}).`, {
        ...base,
        failure: 'shape',
        issuePath: path,
        issues: pretty,
      });
    }
    return result.data;
  } catch (e) {
    if (e instanceof ChatwootError) throw e;
    // Anything else (a stack overflow on absurd nesting, an allocation failure…) is still a bad answer.
    throw new ChatwootError('invalid-response', `${ctx.host} sent an answer this extension could not read (${ctx.request}).`, {
      ...base,
      failure: 'other',
      issues: e instanceof Error ? e.message : String(e),
      cause: e,
    });
  }
}
