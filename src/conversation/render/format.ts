/** Sizes and times as the conversation tab shows them; the clock and the locale are passed in. */
import { relativeTime } from '../../util/present';
import { escapeHtml, type Html } from './escape';

export interface TimeContext {
  /** Epoch ms "now", for relative times. */
  now: number;
  /** BCP 47 locale, e.g. VS Code's `env.language`. */
  locale: string;
  /** IANA zone for exact times (default: the system's). Tests pin it. */
  timeZone?: string;
}

const SIZE_UNITS = ['KB', 'MB', 'GB', 'TB'];

/** 532 → "532 B", 1536 → "1.5 KB", 1048576 → "1 MB" (base 1024, one decimal below 10). */
export function humanSize(bytes: number | null | undefined, locale = 'en'): string | undefined {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return undefined;
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${new Intl.NumberFormat(safeLocale(locale), { maximumFractionDigits: digits }).format(value)} ${SIZE_UNITS[unit]}`;
}

/** The exact time, e.g. "Mon, 5 Jan 2026, 14:03:09". */
export function exactTime(unixSeconds: number, ctx: TimeContext): string {
  return new Intl.DateTimeFormat(safeLocale(ctx.locale), { dateStyle: 'medium', timeStyle: 'medium', timeZone: ctx.timeZone }).format(new Date(unixSeconds * 1000));
}

/** `<time>` with the relative time as text and the exact time on hover (and in `datetime`). */
export function timeElement(unixSeconds: number, ctx: TimeContext): Html {
  if (!Number.isFinite(unixSeconds) || unixSeconds <= 0) return '';
  const iso = new Date(unixSeconds * 1000).toISOString();
  const exact = exactTime(unixSeconds, ctx);
  return `<time datetime="${escapeHtml(iso)}" title="${escapeHtml(exact)}">${escapeHtml(relativeTime(unixSeconds, ctx.now, safeLocale(ctx.locale)))}</time>`;
}

/** An unknown or malformed locale falls back to English instead of throwing. */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
