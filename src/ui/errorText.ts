/**
 * The words the user sees for a failure: WHAT HAPPENED (the error's own message, written by the API
 * layer) followed by WHAT TO DO, and the buttons that help. Pure and vscode-free, so plain-Node
 * tests can check every sentence exactly (test/unit/faults); src/ui/feedback.ts shows them.
 */
import type { ChatwootError } from '../api';
import { isChatwootError } from '../lazyApi';
import * as l10n from '../util/l10n';
import { OPEN_SETTINGS, SET_TOKEN, SHOW_LOG } from './labels';

export { OPEN_SETTINGS, SET_TOKEN, SHOW_LOG };

export interface ErrorDescription {
  /** One or two sentences: what happened, then what to do. */
  message: string;
  /** Button labels, most useful first (SET_TOKEN, OPEN_SETTINGS, SHOW_LOG). */
  actions: string[];
  /** The setting OPEN_SETTINGS should reveal. */
  setting?: string;
}

const SERVER_URL = 'chatwoot.serverUrl';
const TIMEOUT = 'chatwoot.requestTimeoutSeconds';
const CA = 'chatwoot.caCertificates';

export const ADVICE = {
  invalidToken: l10n.t('Set a new token: copy it from Chatwoot → Profile Settings → Access Token.'),
  notSignedIn: l10n.t(
    'This extension sends the token in the "Api-Access-Token" header (with hyphens, because nginx drops headers with underscores by default); ask the server\'s administrator to make the proxy forward that header.',
  ),
  botToken: l10n.t('Set the access token of your own user profile instead (Chatwoot → Profile Settings → Access Token).'),
  suspended: l10n.t('Ask the Chatwoot administrator to reactivate the account, or work in another one.'),
  notMember: l10n.t('Ask an administrator of the account to add you, or work in another account.'),
  notPermitted: l10n.t('Agents can only act on conversations of their own inboxes and teams; ask a Chatwoot administrator for access.'),
  unauthorized: l10n.t('Set the token again; if that does not help, the log has the details.'),
  conversationNotFound: l10n.t('It may have been deleted, or the number belongs to another account; refresh the conversation list.'),
  accountNotFound: l10n.t('It may have been deleted, or you were removed from it; run "Chatwoot: Refresh" to reload your accounts.'),
  otherNotFound: l10n.t('Refresh and try again; the log names the request.'),
  noRoute: l10n.t(
    'Check the {setting} setting, including any path Chatwoot is served under (e.g. https://example.com/chatwoot); an old Chatwoot version may also lack this endpoint.',
    { setting: SERVER_URL },
  ),
  validation: l10n.t('Nothing was changed; check what you picked and try again.'),
  internalError: l10n.t('This is a fault on the server; try again in a moment, and tell the Chatwoot administrator if it keeps happening (the server log says why).'),
  gateway: l10n.t('Chatwoot may be restarting or overloaded; try again in a minute, and tell its administrator if it keeps happening.'),
  unavailable: l10n.t('It may be down for maintenance or restarting; try again in a few minutes.'),
  redirect: l10n.t('Set {setting} to the address Chatwoot really answers on (often its https:// form).', { setting: SERVER_URL }),
  httpStatus: l10n.t('Check that the {setting} setting points at Chatwoot; the log has the details.', { setting: SERVER_URL }),
  refused: l10n.t('Check the host and port in the {setting} setting, and that the Chatwoot server is running.', { setting: SERVER_URL }),
  dns: l10n.t('Check the host name in the {setting} setting and your network connection.', { setting: SERVER_URL }),
  tlsUntrusted: l10n.t('If your Chatwoot server uses a private or self-signed certificate authority, add its certificate (a PEM file) to the {setting} setting.', { setting: CA }),
  tlsName: l10n.t("Check that the {setting} setting uses the host name the server's certificate was issued for.", { setting: SERVER_URL }),
  reset: l10n.t('Try again; if it keeps happening, a proxy or firewall between you and Chatwoot may be cutting connections.'),
  unreachable: l10n.t('Check your network connection and proxy settings (http.proxy), then try again.'),
  slowHeaders: l10n.t('The server may be overloaded; try again later, or raise the {setting} setting.', { setting: TIMEOUT }),
  slowBody: l10n.t('Check your network connection or proxy, then try again.'),
  deadline: l10n.t('The server or the network may be slow; try again, or raise the {setting} setting.', { setting: TIMEOUT }),
  notJson: l10n.t('Something other than Chatwoot may be answering (a sign-in page or a proxy); check the {setting} setting.', { setting: SERVER_URL }),
  empty: l10n.t('A proxy may be interfering; try again, and check the {setting} setting if it keeps happening.', { setting: SERVER_URL }),
  shape: l10n.t('This Chatwoot version may not be supported (the extension is built for Chatwoot 4.x); the log lists every problem found.'),
  tooLarge: l10n.t('Chatwoot does not send answers that large; check that the {setting} setting points at Chatwoot.', { setting: SERVER_URL }),
  maybeProcessed: l10n.t('The server may have made the change anyway: check the conversation before trying again.'),
};

/** Node/OpenSSL codes of a server certificate the client does not trust. */
const UNTRUSTED =
  /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/**
 * The certificate problem behind a TLS error code, in words, with the fix (the same ADVICE as
 * `describeError`); undefined when the code is not one. Sign-in uses it to say why a token could not
 * be checked. The usual case is a self-hosted Chatwoot behind a private CA: chatwoot.caCertificates.
 */
export function certificateAdvice(code: string | undefined, host: string): string | undefined {
  if (!code) return undefined;
  if (UNTRUSTED.test(code)) return l10n.t('the certificate of {host} is not trusted ({code}). {advice}', { host, code, advice: ADVICE.tlsUntrusted });
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return l10n.t('the certificate of {host} is issued for another host name ({code}). {advice}', { host, code, advice: ADVICE.tlsName });
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return l10n.t('the certificate of {host} is not valid at this time ({code}).', { host, code });
  return undefined;
}

/** "What happened. What to do.": two sentences, each translated on its own (the first comes from the API layer). */
const join = (what: string, todo: string) => (todo ? l10n.t('{what} {todo}', { what, todo }) : what);

/** The sentence for an error, and the actions that can fix it. Never throws. */
export function describeError(e: unknown): ErrorDescription {
  if (!isChatwootError(e)) return { message: e instanceof Error ? e.message : String(e), actions: [SHOW_LOG] };
  const err: ChatwootError = e;
  const say = (todo: string, actions: string[] = [SHOW_LOG], setting?: string): ErrorDescription => ({
    message: join(err.message, err.maybeProcessed ? ADVICE.maybeProcessed : todo),
    actions,
    ...(setting ? { setting } : {}),
  });
  switch (err.kind) {
    case 'invalid-token':
      return say(ADVICE.invalidToken, [SET_TOKEN]);
    case 'not-signed-in':
      return say(ADVICE.notSignedIn, [SET_TOKEN, SHOW_LOG]);
    case 'bot-token':
      return say(ADVICE.botToken, [SET_TOKEN]);
    case 'account-suspended':
      return say(ADVICE.suspended);
    case 'not-account-member':
      return say(ADVICE.notMember);
    case 'not-permitted':
      return say(ADVICE.notPermitted);
    case 'unauthorized':
      return say(ADVICE.unauthorized, [SET_TOKEN, SHOW_LOG]);
    case 'not-found':
      if (err.failure === 'no-route') return say(ADVICE.noRoute, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
      if (err.resource?.startsWith('conversation')) return say(ADVICE.conversationNotFound);
      if (err.resource?.startsWith('account')) return say(ADVICE.accountNotFound);
      return say(ADVICE.otherNotFound);
    case 'validation':
      return say(ADVICE.validation);
    case 'rate-limited':
      // The error's own sentence already says when to try again.
      return say('');
    case 'server-error':
      if (err.status === 502 || err.status === 504) return say(ADVICE.gateway);
      if (err.status === 503) return say(err.retryInSeconds === undefined ? ADVICE.unavailable : '');
      return say(ADVICE.internalError);
    case 'redirect':
      return say(ADVICE.redirect, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
    case 'http-status':
      return say(ADVICE.httpStatus, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
    case 'network':
      switch (err.failure) {
        case 'refused':
          return say(ADVICE.refused, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
        case 'dns':
          return say(ADVICE.dns, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
        case 'tls':
          return err.code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? say(ADVICE.tlsName, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL) : say(ADVICE.tlsUntrusted, [OPEN_SETTINGS, SHOW_LOG], CA);
        case 'reset':
          return say(ADVICE.reset);
        case 'proxy':
          // The sentence already names the proxy and the setting that fixes it.
          return say('', [OPEN_SETTINGS, SHOW_LOG], 'http.proxy');
        default:
          return say(ADVICE.unreachable);
      }
    case 'timeout':
      switch (err.failure) {
        case 'headers-timeout':
          return say(ADVICE.slowHeaders, [OPEN_SETTINGS, SHOW_LOG], TIMEOUT);
        case 'body-timeout':
          return say(ADVICE.slowBody);
        case 'connect-timeout':
          return say(ADVICE.unreachable);
        default:
          return say(ADVICE.deadline, [OPEN_SETTINGS, SHOW_LOG], TIMEOUT);
      }
    case 'cancelled':
      return { message: err.message, actions: [] };
    case 'invalid-response':
      switch (err.failure) {
        case 'not-json':
          return say(ADVICE.notJson, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
        case 'empty':
          return say(ADVICE.empty);
        case 'too-large':
          return say(ADVICE.tooLarge, [OPEN_SETTINGS, SHOW_LOG], SERVER_URL);
        default:
          return say(ADVICE.shape);
      }
  }
}
