/**
 * The HTTP-answer half of the error mapping: a non-2xx answer (status, body, headers) becomes one
 * typed `ChatwootError` (`errorFromResponse`; Chatwoot tells its 401s apart only by the body) whose
 * message says WHAT HAPPENED, plus the text helpers behind those sentences. Failures below HTTP are
 * mapped in transportErrors.ts, unreadable 2xx bodies in parse.ts; WHAT TO DO is src/ui/errorText.ts.
 */
import { STATUS_CODES } from 'node:http';
import { ChatwootError, type ChatwootErrorKind } from './errors';

/** The kinds an HTTP answer can map to (the others come from transportErrors.ts and parse.ts). */
type AnswerKind = Exclude<ChatwootErrorKind, 'network' | 'timeout' | 'cancelled' | 'invalid-response'>;

/** Chatwoot's fixed 401 texts (hard-coded English on the server), matched case-insensitively. */
const UNAUTHORIZED_TEXTS: ReadonlyArray<[RegExp, AnswerKind]> = [
  [/invalid access token/i, 'invalid-token'],
  [/not authorized for bots/i, 'bot-token'],
  [/account is suspended/i, 'account-suspended'],
  [/not authorized to access this account/i, 'not-account-member'],
  [/not authorized to do this action/i, 'not-permitted'],
  [/sign in or sign up/i, 'not-signed-in'],
];

/** Longest server text quoted in a message; the rest goes nowhere (the log has the request). */
const MAX_SERVER_TEXT = 200;

/**
 * Pulls the human message out of any of Chatwoot's error bodies: `{"error": "…"}`,
 * `{"errors": ["…"]}` (devise), `{"message": "…", "attributes": […]}` (validation).
 */
export function extractServerMessage(body: unknown): { message?: string; attributes?: string[] } {
  if (typeof body !== 'object' || body === null) return {};
  const record = body as Record<string, unknown>;
  const attributes = Array.isArray(record.attributes) ? record.attributes.filter((a): a is string => typeof a === 'string') : undefined;
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

/**
 * A non-JSON error body as one short line: an HTML page (a proxy's error page) becomes its
 * `<title>` (or first heading), anything else its whitespace-collapsed text, cut to 200 characters.
 */
export function summarizeText(text: string): string | undefined {
  let value = text;
  if (/<\s*(html|head|body|title|h1)\b/i.test(value)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(value)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(value)?.[1];
    value = (title ?? value).replace(/<[^>]*>/g, ' ');
  }
  value = value.replace(/\s+/g, ' ').trim();
  if (value === '') return undefined;
  return value.length > MAX_SERVER_TEXT ? `${value.slice(0, MAX_SERVER_TEXT - 1)}…` : value;
}

export interface ResponseContext {
  /** The transport's `idempotent` flag for the call: a gateway error on a call that is not may have been processed. */
  idempotent: boolean;
  host?: string;
  /** For a 404: what the request named, e.g. "conversation #21 in account 1". */
  resource?: string;
  /** When a retry may succeed (see `ChatwootErrorDetails.retryInSeconds`): the transport works it out from Retry-After or the rate-limit window. */
  retryInSeconds?: number;
}

/** Maps a non-2xx HTTP answer to a typed error. `body` is the parsed JSON, or the raw text. */
export function errorFromResponse(status: number, body: unknown, headers: { location?: string }, request: string, context: ResponseContext): ChatwootError {
  const { message: rawMessage, attributes } = typeof body === 'string' ? { message: summarizeText(body), attributes: undefined } : extractServerMessage(body);
  const serverMessage = rawMessage === undefined ? undefined : summarizeText(rawMessage);
  const base = { status, serverMessage, request, host: context.host };

  if (status === 401) {
    const text = serverMessage ?? '';
    const kind = UNAUTHORIZED_TEXTS.find(([re]) => re.test(text))?.[1] ?? 'unauthorized';
    return new ChatwootError(kind, MESSAGES[kind]({ server: serverMessage, status }), base);
  }
  if (status === 404) {
    // Chatwoot's own 404 names a record it lacks; any other 404 (Rails' "Not Found" for an unknown
    // route, a proxy's page) means the URL itself is wrong: a bad server path, or not Chatwoot.
    if (body !== undefined && !/resource could not be found/i.test(serverMessage ?? '')) {
      return new ChatwootError('not-found', MESSAGES['not-found']({ server: serverMessage, status, location: context.host, resource: request }), { ...base, failure: 'no-route' });
    }
    return new ChatwootError('not-found', MESSAGES['not-found']({ server: serverMessage, resource: context.resource }), { ...base, resource: context.resource });
  }
  if (status === 422) {
    return new ChatwootError('validation', MESSAGES.validation({ server: serverMessage }), { ...base, attributes });
  }
  const retryInSeconds = context.retryInSeconds;
  if (status === 429) {
    return new ChatwootError('rate-limited', MESSAGES['rate-limited']({ server: serverMessage, retryInSeconds }), {
      ...base,
      retryInSeconds,
    });
  }
  if (status >= 500) {
    // A gateway error may come after Chatwoot already handled the request (the proxy lost the answer).
    const maybeProcessed = !context.idempotent && (status === 502 || status === 504);
    return new ChatwootError('server-error', MESSAGES['server-error']({ server: serverMessage, status, retryInSeconds }), {
      ...base,
      retryInSeconds,
      maybeProcessed,
    });
  }
  if (status >= 300 && status < 400) {
    return new ChatwootError('redirect', MESSAGES.redirect({ status, location: headers.location }), { ...base, serverMessage: undefined, location: headers.location });
  }
  return new ChatwootError('http-status', MESSAGES['http-status']({ server: serverMessage, status }), base);
}

/** "HTTP 502 Bad Gateway". */
export function statusLine(status: number | undefined): string {
  if (status === undefined) return 'HTTP ?';
  const text = STATUS_CODES[status];
  return text ? `HTTP ${status} ${text}` : `HTTP ${status}`;
}

/** `text (HTTP 500 Internal Server Error, server said: "…")`: the server text only when it adds something. */
function detail(status: number | undefined, server: string | undefined): string {
  const line = status === undefined ? undefined : statusLine(status);
  const adds = server !== undefined && !(line ?? '').toLowerCase().includes(server.toLowerCase().replace(/\.$/, ''));
  if (line && adds) return ` (${line}, server said: "${server}")`;
  if (line) return ` (${line})`;
  return adds ? ` (server said: "${server}")` : '';
}

const said = (server: string | undefined) => (server ? ` (server said: "${server}")` : '');

/** "try again in 37 s" / "in 2 min" */
export function retryIn(seconds: number | undefined): string {
  if (seconds === undefined) return 'try again in a minute';
  const s = Math.max(1, Math.ceil(seconds));
  return s < 120 ? `try again in ${s} s` : `try again in ${Math.ceil(s / 60)} min`;
}

/** Where a redirect pointed, without query or fragment (they may carry session data). */
function redirectTarget(location: string | undefined): string {
  if (!location) return 'an unnamed location';
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return location.split(/[?#]/, 1)[0].slice(0, MAX_SERVER_TEXT);
  }
}

export interface MessageParts {
  server?: string;
  status?: number;
  resource?: string;
  retryInSeconds?: number;
  location?: string;
}

/** WHAT HAPPENED, one sentence per kind of HTTP answer. */
const MESSAGES: Record<AnswerKind, (p?: MessageParts) => string> = {
  'invalid-token': (p = {}) => `The Chatwoot server rejected the API access token${said(p.server)}.`,
  'not-signed-in': (p = {}) => `The Chatwoot server received no API token, so a proxy in front of it may be dropping the header${said(p.server)}.`,
  'bot-token': (p = {}) => `The Chatwoot server refused the token because it belongs to an agent bot${said(p.server)}.`,
  'account-suspended': (p = {}) => `This Chatwoot account is suspended${said(p.server)}.`,
  'not-account-member': (p = {}) => `You are not a member of this Chatwoot account${said(p.server)}.`,
  'not-permitted': (p = {}) => `Chatwoot does not allow you to do this${said(p.server)}.`,
  unauthorized: (p = {}) => `The Chatwoot server refused the request${detail(401, p.server)}.`,
  'not-found': (p = {}) =>
    p.status === 404
      ? `The server at ${p.location ?? 'the configured URL'} has no such address: ${p.resource ?? 'the request'}${detail(404, p.server)}.`
      : `Chatwoot could not find ${p.resource ?? 'what the request named'}${said(p.server)}.`,
  validation: (p = {}) => `The Chatwoot server did not accept the request${said(p.server)}.`,
  // rack-attack's own "Retry later" adds nothing to this sentence (and is lost when retries give up).
  'rate-limited': (p = {}) =>
    `The Chatwoot server is rate-limiting requests from this network address${/^retry later\.?$/i.test(p.server ?? '') ? '' : said(p.server)}; ${retryIn(p.retryInSeconds)}.`,
  'server-error': (p = {}) => {
    const status = p.status ?? 500;
    const when = p.retryInSeconds === undefined ? '' : `; it asks to ${retryIn(p.retryInSeconds)}`;
    switch (status) {
      case 500:
        return `The Chatwoot server failed with an internal error${detail(status, p.server)}${when}.`;
      case 502:
        return `The proxy in front of the Chatwoot server got no valid answer from it${detail(status, p.server)}${when}.`;
      case 503:
        return `The Chatwoot server is temporarily unavailable${detail(status, p.server)}${when}.`;
      case 504:
        return `The proxy in front of the Chatwoot server timed out waiting for it${detail(status, p.server)}${when}.`;
      default:
        return `The Chatwoot server failed${detail(status, p.server)}${when}.`;
    }
  },
  redirect: (p = {}) =>
    `The Chatwoot server answered with a redirect (${statusLine(p.status ?? 302)}) to ${redirectTarget(p.location)}; redirects are not followed, so the token was not sent there.`,
  'http-status': (p = {}) => `Unexpected answer from the Chatwoot server${detail(p.status, p.server)}.`,
};
