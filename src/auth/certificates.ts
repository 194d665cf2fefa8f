/**
 * What to tell the user when the server's TLS certificate is refused (vscode-free, unit-tested).
 * The usual case is a self-hosted Chatwoot behind a private CA: the fix is chatwoot.caCertificates.
 */

/** Node/OpenSSL codes of a server certificate the client does not trust. */
const UNTRUSTED = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE)$/;

/** The certificate problem behind an error code, in words, with the fix; undefined when it is not one. */
export function certificateAdvice(code: string | undefined, host: string): string | undefined {
  if (!code) return undefined;
  if (UNTRUSTED.test(code)) {
    return `the certificate of ${host} is not trusted (${code}). If the server uses a private or self-signed certificate authority, add its certificate (a PEM file) to the chatwoot.caCertificates setting.`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the certificate of ${host} is issued for another host name (${code}). Check chatwoot.serverUrl.`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `the certificate of ${host} is not valid at this time (${code}).`;
  return undefined;
}
