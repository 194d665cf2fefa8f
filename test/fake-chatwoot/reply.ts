// Response values and the error bodies of §2/§3 (exact strings from API-FACTS §2.2).
// Handlers either return a Reply or throw HttpError; the server writes both the same way.

import { toJson } from './util/json';

export interface Reply {
  status: number;
  /** null → no Content-Type header. */
  contentType: string | null;
  body: string;
  /** Extra response headers (injected faults: Location, Retry-After…). */
  headers?: Record<string, string>;
}

export const JSON_TYPE = 'application/json; charset=utf-8';

export function json(value: unknown, status = 200): Reply {
  return { status, contentType: JSON_TYPE, body: toJson(value) };
}

/** `render json: nil`: status 200 and the literal four bytes `null` (§2). */
export function nullReply(): Reply {
  return json(null);
}

/** `head :ok`: empty body; Rails sets the media type without a charset (§2). */
export function headOk(): Reply {
  return { status: 200, contentType: 'application/json', body: '' };
}

export function text(body: string, status: number, contentType = 'text/plain'): Reply {
  return { status, contentType, body };
}

export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

const fail = (status: number, body: unknown): HttpError => new HttpError(json(body, status));

export const Errors = {
  signIn: () => fail(401, { errors: ['You need to sign in or sign up before continuing.'] }),
  invalidToken: () => fail(401, { error: 'Invalid Access Token' }),
  botsNotAllowed: () => fail(401, { error: 'Access to this endpoint is not authorized for bots' }),
  notFound: () => fail(404, { error: 'Resource could not be found' }),
  suspended: () => fail(401, { error: 'Account is suspended' }),
  notMember: () => fail(401, { error: 'You are not authorized to access this account' }),
  botNotLinked: () => fail(401, { error: 'Bot is not authorized to access this account' }),
  notAuthorized: () => fail(401, { error: 'You are not authorized to do this action' }),
  paramMissing: (name: string) => fail(422, { error: `param is missing or the value is empty: ${name}` }),
  unprocessable: (body: unknown) => fail(422, body),
  internal: () => fail(500, { status: 500, error: 'Internal Server Error' }),
};

/** Rails' public 404 for unknown routes: JSON only when the client asks for it (§2). */
export function routeNotFound(accept: string | undefined, path: string): Reply {
  if ((accept && /json/i.test(accept)) || path.endsWith('.json')) return json({ status: 404, error: 'Not Found' }, 404);
  const html =
    "<!DOCTYPE html>\n<html>\n<head>\n  <title>The page you were looking for doesn't exist (404)</title>\n</head>\n" +
    "<body>\n  <h1>The page you were looking for doesn't exist.</h1>\n  <p>You may have mistyped the address or the page may have moved.</p>\n</body>\n</html>\n";
  return text(html, 404, 'text/html; charset=utf-8');
}
