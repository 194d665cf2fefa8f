/**
 * Typed errors of the Chatwoot API layer.
 *
 * Every failure of a call becomes one `ChatwootError` whose `kind` says what went wrong in terms a
 * UI can act on, and which keeps Chatwoot's own message (`serverMessage`) when the server sent one.
 * Chatwoot reports permission problems as 401 (never 403) and tells them apart only by the body, so
 * the mapping from (status, body) to kind lives here, in one place (see docs: API-FACTS §2.2).
 */

export type ChatwootErrorKind =
  /** 401 `{"error":"Invalid Access Token"}`: the token is unknown to this server. */
  | 'invalid-token'
  /** 401 `{"errors":["You need to sign in…"]}`: no token header arrived (a proxy dropped it?). */
  | 'not-signed-in'
  /** 401 "Access to this endpoint is not authorized for bots": an agent-bot token was used. */
  | 'bot-token'
  /** 401 "Account is suspended". */
  | 'account-suspended'
  /** 401 "You are not authorized to access this account" (or the bot variant). */
  | 'not-account-member'
  /** 401 "You are not authorized to do this action": a policy denial. */
  | 'not-permitted'
  /** Any other 401. */
  | 'unauthorized'
  /** 404 `{"error":"Resource could not be found"}` (account, conversation, team, inbox…). */
  | 'not-found'
  /** 422 validation failure. */
  | 'validation'
  /** 429 `Retry later` (rack-attack). */
  | 'rate-limited'
  /** 5xx. */
  | 'server-error'
  /** A 3xx answer: redirects are never followed, so the token cannot travel to another origin. */
  | 'redirect'
  /** Any other unexpected HTTP status. */
  | 'http-status'
  /** Connection refused/reset, DNS failure, TLS failure… */
  | 'network'
  /** Connect, headers or body timeout. */
  | 'timeout'
  /** The caller aborted the request (e.g. the user pressed Escape). */
  | 'cancelled'
  /** Malformed JSON, a body of the wrong shape, an empty body where JSON was expected, too large… */
  | 'invalid-response';

export interface ChatwootErrorDetails {
  status?: number;
  /** The message Chatwoot itself wrote in the body, verbatim. */
  serverMessage?: string;
  /** For `invalid-response`: where the body went wrong (zod issue path, e.g. `data.payload[0].id`). */
  issuePath?: string;
  /** For `invalid-response`: a readable list of every problem (zod's pretty error). */
  issues?: string;
  /** For `validation`: the attributes Chatwoot named. */
  attributes?: string[];
  /** For `rate-limited`: seconds from a Retry-After header, when the server sent one. */
  retryAfterSeconds?: number;
  /** For `redirect`: where the server wanted to send us (never followed). */
  location?: string;
  /** For `network`: the low-level code, e.g. ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT. */
  code?: string;
  /** True when the request may have reached the server before it failed (timeouts, resets). */
  maybeProcessed?: boolean;
  /** "GET /api/v1/…" of the failed call, with no query string and no token. */
  request?: string;
  cause?: unknown;
}

export class ChatwootError extends Error {
  readonly kind: ChatwootErrorKind;
  readonly status: number | undefined;
  readonly serverMessage: string | undefined;
  readonly issuePath: string | undefined;
  readonly issues: string | undefined;
  readonly attributes: string[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly location: string | undefined;
  readonly code: string | undefined;
  readonly maybeProcessed: boolean;
  readonly request: string | undefined;

  constructor(kind: ChatwootErrorKind, message: string, details: ChatwootErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ChatwootError';
    this.kind = kind;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.issuePath = details.issuePath;
    this.issues = details.issues;
    this.attributes = details.attributes;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.location = details.location;
    this.code = details.code;
    this.maybeProcessed = details.maybeProcessed ?? false;
    this.request = details.request;
  }

  /** Auth problems that a new token (or signing in again) can fix. */
  get isAuthProblem(): boolean {
    return this.kind === 'invalid-token' || this.kind === 'not-signed-in' || this.kind === 'bot-token';
  }
}

export function isChatwootError(e: unknown): e is ChatwootError {
  return e instanceof ChatwootError;
}

/** Chatwoot's fixed 401 texts (hard-coded English on the server), matched case-insensitively. */
const UNAUTHORIZED_TEXTS: ReadonlyArray<[RegExp, ChatwootErrorKind]> = [
  [/invalid access token/i, 'invalid-token'],
  [/not authorized for bots/i, 'bot-token'],
  [/account is suspended/i, 'account-suspended'],
  [/not authorized to access this account/i, 'not-account-member'],
  [/not authorized to do this action/i, 'not-permitted'],
  [/sign in or sign up/i, 'not-signed-in'],
];

/**
 * Pulls the human message out of any of Chatwoot's error bodies: `{"error": "…"}`,
 * `{"errors": ["…"]}` (devise), `{"message": "…", "attributes": […]}` (validation).
 */
export function extractServerMessage(body: unknown): { message?: string; attributes?: string[] } {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const attributes = Array.isArray(record.attributes)
    ? record.attributes.filter((a): a is string => typeof a === 'string')
    : undefined;
  for (const key of ['error', 'message'] as const) {
    const value = record[key];
    if (typeof value === 'string' && value.trim() !== '') return { message: value, attributes };
  }
  if (Array.isArray(record.errors)) {
    const texts = record.errors.filter((e): e is string => typeof e === 'string');
    if (texts.length > 0) return { message: texts.join(' '), attributes };
  }
  return { attributes };
}

/** Maps a non-2xx HTTP answer to a typed error. `body` is the parsed JSON, or the raw text. */
export function errorFromResponse(
  status: number,
  body: unknown,
  headers: { retryAfter?: string; location?: string },
  request: string,
): ChatwootError {
  const { message: serverMessage, attributes } =
    typeof body === 'string' ? { message: body.trim() || undefined, attributes: undefined } : extractServerMessage(body);
  const base = { status, serverMessage, request };

  if (status === 401) {
    const text = serverMessage ?? '';
    const kind = UNAUTHORIZED_TEXTS.find(([re]) => re.test(text))?.[1] ?? 'unauthorized';
    return new ChatwootError(kind, MESSAGES[kind](serverMessage), base);
  }
  if (status === 404) return new ChatwootError('not-found', MESSAGES['not-found'](serverMessage), base);
  if (status === 422) {
    return new ChatwootError('validation', MESSAGES.validation(serverMessage), { ...base, attributes });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headers.retryAfter);
    return new ChatwootError('rate-limited', MESSAGES['rate-limited'](serverMessage), { ...base, retryAfterSeconds });
  }
  if (status >= 500) return new ChatwootError('server-error', MESSAGES['server-error'](serverMessage, status), base);
  if (status >= 300 && status < 400) {
    return new ChatwootError('redirect', MESSAGES.redirect(undefined, status), { ...base, location: headers.location });
  }
  return new ChatwootError('http-status', MESSAGES['http-status'](serverMessage, status), base);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

const withServer = (text: string, server: string | undefined) => (server ? `${text} (server said: "${server}")` : text);

/** Default English messages; the extension layer may phrase them again for its UI. */
export const MESSAGES: Record<ChatwootErrorKind, (server?: string, status?: number) => string> = {
  'invalid-token': (s) => withServer('The Chatwoot server rejected the API access token.', s),
  'not-signed-in': (s) =>
    withServer(
      'The Chatwoot server received no API token. A proxy in front of Chatwoot may be dropping the header.',
      s,
    ),
  'bot-token': (s) => withServer('This is an agent-bot token; use the access token of a user profile.', s),
  'account-suspended': (s) => withServer('This Chatwoot account is suspended.', s),
  'not-account-member': (s) => withServer('You are not a member of this Chatwoot account.', s),
  'not-permitted': (s) => withServer('You are not allowed to do this in Chatwoot.', s),
  unauthorized: (s) => withServer('The Chatwoot server refused the request (401).', s),
  'not-found': (s) => withServer('Not found on the Chatwoot server.', s),
  validation: (s) => withServer('The Chatwoot server did not accept the request.', s),
  'rate-limited': () => 'The Chatwoot server is rate-limiting requests; try again in a minute.',
  'server-error': (s, status) => withServer(`The Chatwoot server failed (HTTP ${status ?? 500}).`, s),
  redirect: (_s, status) =>
    `The Chatwoot server answered with a redirect (HTTP ${status ?? 302}); redirects are not followed, so the token stays with the configured server. Check the server URL.`,
  'http-status': (s, status) => withServer(`Unexpected answer from the Chatwoot server (HTTP ${status ?? '?'}).`, s),
  network: (s) => withServer('Could not reach the Chatwoot server.', s),
  timeout: () => 'The Chatwoot server did not answer in time.',
  cancelled: () => 'The request was cancelled.',
  'invalid-response': (s) => withServer('The Chatwoot server sent a response this extension does not understand.', s),
};
