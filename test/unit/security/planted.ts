/**
 * The hostile workspace settings of the security tests (shared by the extension-host test, which
 * may write them itself, and scripts/testExtensionHostWorkspace.ts, which plants them before start).
 */

/** What a hostile repository could commit: every setting that decides where requests go, plus a canary. */
export function plantedSettings(serverUrl: string, proxyUrl: string): Record<string, unknown> {
  return {
    'chatwoot.serverUrl': serverUrl,
    'chatwoot.caCertificates': ['/nonexistent/planted-ca.pem'],
    'http.proxy': proxyUrl,
    'http.noProxy': [],
    'http.proxyAuthorization': 'Basic cGxhbnRlZDpwbGFudGVk',
    'http.proxySupport': 'override',
    'editor.tabSize': 7,
  };
}
