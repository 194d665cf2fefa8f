/**
 * Settings that decide where requests (and the token) go. Only user-level values count: the
 * settings are application-scoped, and they are read from `inspect()` so that a value planted in a
 * workspace's `.vscode/settings.json` can never redirect the token.
 */
import * as vscode from 'vscode';
import type { DispatcherSettings } from './api';
import { checkServerUrl } from './util/serverUrl';

export const DEFAULT_SERVER_URL = 'https://app.chatwoot.com';

/** The user's value, else the default: never a workspace or folder value (see the file comment). */
function userValue<T>(section: string, key: string): T | undefined {
  const inspected = vscode.workspace.getConfiguration(section).inspect<T>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export type ServerSetting = { url: string; origin: string; host: string } | { error: string; raw: string };

/** The configured server, validated (https, or http on loopback only). */
export function serverSetting(): ServerSetting {
  const raw = (userValue<string>('chatwoot', 'serverUrl') ?? DEFAULT_SERVER_URL).trim() || DEFAULT_SERVER_URL;
  const checked = checkServerUrl(raw);
  if ('error' in checked) return { error: checked.error, raw };
  return { ...checked, host: new URL(checked.origin).host };
}

export function requestTimeoutMs(): number {
  const seconds = userValue<number>('chatwoot', 'requestTimeoutSeconds') ?? 30;
  return Math.min(300, Math.max(5, seconds)) * 1000;
}

/**
 * VS Code's proxy settings and `chatwoot.caCertificates`, mapped for the undici dispatcher (which
 * reads the certificate files when it is built). User values only, like the server URL: these
 * settings decide where the token travels.
 */
export function dispatcherSettings(): DispatcherSettings {
  const proxySupport = userValue<string>('http', 'proxySupport') ?? 'override';
  const useVsCode = proxySupport !== 'off';
  const noProxy = userValue<unknown>('http', 'noProxy');
  const caFiles = userValue<unknown>('chatwoot', 'caCertificates');
  return {
    headersTimeoutMs: requestTimeoutMs(),
    bodyTimeoutMs: requestTimeoutMs(),
    proxy: useVsCode ? stringValue(userValue('http', 'proxy')) : undefined,
    noProxy: useVsCode && Array.isArray(noProxy) ? noProxy.filter((e): e is string => typeof e === 'string') : undefined,
    proxyAuthorization: useVsCode ? stringValue(userValue('http', 'proxyAuthorization')) : undefined,
    proxyStrictSSL: userValue<unknown>('http', 'proxyStrictSSL') !== false,
    caFiles: Array.isArray(caFiles) ? (caFiles as unknown[]).map((f) => (typeof f === 'string' ? f : String(f))) : [],
  };
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** True when a configuration change may change where or how requests go. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('chatwoot') || e.affectsConfiguration('http');
}

/** `chatwoot.liveUpdates`, `chatwoot.notifyWhenAssigned`, `chatwoot.appearOnline` (user values only). */
export function liveSettings(): { liveUpdates: boolean; notifyWhenAssigned: boolean; appearOnline: boolean } {
  return {
    liveUpdates: userValue<unknown>('chatwoot', 'liveUpdates') !== false,
    notifyWhenAssigned: userValue<unknown>('chatwoot', 'notifyWhenAssigned') !== false,
    appearOnline: userValue<unknown>('chatwoot', 'appearOnline') === true,
  };
}
