/**
 * Settings that decide where requests (and the token) go. Only user-level values count: the
 * settings are application-scoped, and they are read from `inspect()` so that a value planted in a
 * workspace's `.vscode/settings.json` can never redirect the token.
 */
import * as vscode from 'vscode';
import type { DispatcherSettings } from './api';
import { checkServerUrl } from './util/serverUrl';

export const DEFAULT_SERVER_URL = 'https://app.chatwoot.com';

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

/** VS Code's proxy settings, mapped for the undici dispatcher. */
export function dispatcherSettings(): DispatcherSettings {
  const http = vscode.workspace.getConfiguration('http');
  const proxySupport = http.get<string>('proxySupport', 'override');
  const useVsCode = proxySupport !== 'off';
  return {
    headersTimeoutMs: requestTimeoutMs(),
    bodyTimeoutMs: requestTimeoutMs(),
    proxy: useVsCode ? http.get<string>('proxy') || undefined : undefined,
    noProxy: useVsCode ? http.get<string[]>('noProxy') : undefined,
    proxyAuthorization: useVsCode ? http.get<string>('proxyAuthorization') || undefined : undefined,
    proxyStrictSSL: http.get<boolean>('proxyStrictSSL', true),
  };
}

/** True when a configuration change may change where or how requests go. */
export function affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration('chatwoot') || e.affectsConfiguration('http');
}
