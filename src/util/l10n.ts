/**
 * `t` for the modules that stay vscode-free (tested in plain Node): VS Code's own `vscode.l10n.t`
 * when VS Code (or the unit tests' stub) provides it, else the English message with its
 * placeholders filled the way VS Code fills them. Same signature as `vscode.l10n.t`; call it as
 * `l10n.t('…')` after `import * as l10n from '…/util/l10n'`, so that `npm run l10n:export`
 * (scripts/l10n/export.ts) finds the message like any `vscode.l10n.t` call. Never concatenate
 * translated fragments: one sentence, one message, with `{0}` or `{name}` placeholders.
 */
import type * as vscode from 'vscode';

/** The `vscode` module when running in VS Code (or under the unit tests' stub), looked up once. */
let api: typeof vscode | undefined | null = null;

function host(): typeof vscode | undefined {
  if (api === null) {
    try {
      // Resolved at run time only: in plain Node there is no `vscode` module, and that is fine.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      api = require('vscode') as typeof vscode;
    } catch {
      api = undefined;
    }
  }
  return api;
}

/** `{0}` / `{name}` replaced by the argument, as VS Code does (unknown placeholders stay as written). */
export function format(message: string, args: ReadonlyArray<string | number | boolean> | Record<string, unknown>): string {
  const values = args as Record<string, string | number | boolean | undefined>;
  return message.replace(/{([^}]+)}/g, (match, key: string) => String(values[key] ?? match));
}

export function t(message: string, ...args: Array<string | number | boolean>): string;
export function t(message: string, args: Record<string, unknown>): string;
export function t(message: string, ...args: unknown[]): string {
  const translate = host()?.l10n?.t as ((m: string, ...a: unknown[]) => string) | undefined;
  if (translate) return translate(message, ...args);
  const first = args[0];
  return format(message, typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : (args as Array<string | number | boolean>));
}

/** VS Code's display language (`en`, `pt-br`, `es`), for `Intl`; `en` in plain Node. */
export function language(): string {
  return host()?.env?.language ?? 'en';
}
