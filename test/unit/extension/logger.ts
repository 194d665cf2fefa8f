/** A Logger that keeps its lines, for unit tests that check what was logged (and that nothing threw). */
import type { Logger } from '../../../src/util/log';

export interface RecordingLogger extends Logger {
  lines: Array<{ level: 'trace' | 'debug' | 'info' | 'warn' | 'error'; message: string; error?: unknown }>;
  shown: number;
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const log: RecordingLogger = {
    lines,
    shown: 0,
    trace: (message) => lines.push({ level: 'trace', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message, error) => lines.push({ level: 'error', message, error }),
    redact: () => () => undefined,
    show: () => void log.shown++,
  };
  return log;
}
