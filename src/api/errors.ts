/**
 * Typed errors of the Chatwoot API layer.
 *
 * Every failure of a call becomes one `ChatwootError` whose `kind` says what went wrong in terms a
 * UI can act on, and which keeps Chatwoot's own message (`serverMessage`) when the server sent one.
 * The mapping from an HTTP answer to a kind is in responseErrors.ts, from a transport failure in
 * transportErrors.ts.
 *
 * `message` says WHAT HAPPENED in one sentence; the UI (src/ui/errorText.ts) adds WHAT TO DO.
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
  /** Connect, headers or body timeout, or the call's overall deadline. */
  | 'timeout'
  /** The caller aborted the request (e.g. the user pressed Escape). */
  | 'cancelled'
  /** Malformed JSON, a body of the wrong shape, an empty body where JSON was expected, too large… */
  | 'invalid-response';

/** What went wrong below HTTP, for `network` and `timeout` errors (the UI picks its advice by it). */
export type FailureCause =
  | 'refused'
  | 'dns'
  | 'tls'
  | 'reset'
  | 'proxy'
  | 'no-route'
  | 'connect-timeout'
  | 'headers-timeout'
  | 'body-timeout'
  | 'deadline'
  | 'not-json'
  | 'empty'
  | 'shape'
  | 'too-large'
  | 'other';

export interface ChatwootErrorDetails {
  status?: number;
  /** The message Chatwoot itself wrote in the body, verbatim (HTML reduced to its title). */
  serverMessage?: string;
  /** For `invalid-response`: where the body went wrong (zod issue path, e.g. `data.payload[0].id`). */
  issuePath?: string;
  /** For `invalid-response`: a readable list of every problem (zod's pretty error). */
  issues?: string;
  /** For `validation`: the attributes Chatwoot named. */
  attributes?: string[];
  /**
   * For `rate-limited` and `server-error`: when a retry may succeed, in seconds: Retry-After when
   * sent (parsed by `retryAfterMs` in retry.ts, the one parser), otherwise (429) the time to the next
   * rate-limit window of Chatwoot's rack-attack (fixed 60 s buckets keyed by epoch / 60).
   */
  retryInSeconds?: number;
  /** For `redirect`: where the server wanted to send us (never followed). */
  location?: string;
  /** For `not-found`: what the request named, e.g. "conversation #21 in account 1". */
  resource?: string;
  /** host[:port] of the server the call went to. */
  host?: string;
  /** For `network`, `timeout` and `invalid-response`: what failed. */
  failure?: FailureCause;
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
  readonly retryInSeconds: number | undefined;
  readonly location: string | undefined;
  readonly resource: string | undefined;
  readonly host: string | undefined;
  readonly failure: FailureCause | undefined;
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
    this.retryInSeconds = details.retryInSeconds;
    this.location = details.location;
    this.resource = details.resource;
    this.host = details.host;
    this.failure = details.failure;
    this.code = details.code;
    this.maybeProcessed = details.maybeProcessed ?? false;
    this.request = details.request;
  }

  /** The same error with some details replaced (errors are immutable). */
  with(patch: ChatwootErrorDetails): ChatwootError {
    const copy = new ChatwootError(this.kind, this.message, {
      status: this.status,
      serverMessage: this.serverMessage,
      issuePath: this.issuePath,
      issues: this.issues,
      attributes: this.attributes,
      retryInSeconds: this.retryInSeconds,
      location: this.location,
      resource: this.resource,
      host: this.host,
      failure: this.failure,
      code: this.code,
      maybeProcessed: this.maybeProcessed,
      request: this.request,
      cause: this.cause,
      ...patch,
    });
    copy.stack = this.stack;
    return copy;
  }
}

export function isChatwootError(e: unknown): e is ChatwootError {
  return e instanceof ChatwootError;
}
