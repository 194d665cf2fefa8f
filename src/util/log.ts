/**
 * The extension's one logger: a `LogOutputChannel` (users pick the level with "Developer: Set Log
 * Level…"). Every line passes through a redactor that knows the secrets in use, as a second line of
 * defence: no code path should ever hand a token to the log in the first place.
 */
import * as vscode from 'vscode';

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** Registers a secret that must never appear in the log; returns a function that forgets it. */
  redact(secret: string): () => void;
  show(): void;
}

export function createLogger(channel: vscode.LogOutputChannel): Logger {
  const secrets = new Set<string>();
  const clean = (text: string) => {
    let out = text;
    for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
    return out;
  };
  const describe = (error: unknown) => {
    if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
    return String(error);
  };
  return {
    trace: (m) => channel.trace(clean(m)),
    debug: (m) => channel.debug(clean(m)),
    info: (m) => channel.info(clean(m)),
    warn: (m) => channel.warn(clean(m)),
    error: (m, e) => channel.error(clean(e === undefined ? m : `${m}: ${describe(e)}`)),
    redact(secret) {
      secrets.add(secret);
      return () => secrets.delete(secret);
    },
    show: () => channel.show(true),
  };
}
