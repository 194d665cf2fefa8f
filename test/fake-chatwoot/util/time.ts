// Time constants of the seed (§4.1, §4.2) and the ISO format Rails' as_json uses
// (`xmlschema(3)`: milliseconds, `Z`).

/** 2026-01-01T00:00:00Z — the seed's reference time. */
export const T0 = 1767225600;
/** 2026-01-02T00:00:00Z — the virtual clock's initial "now". */
export const NOW0 = 1767312000;

/** Largest |seconds| a JS Date can represent; inputs beyond it are rejected. */
const MAX_SECONDS = 8.64e12;

export function isValidSeconds(seconds: number): boolean {
  return Number.isFinite(seconds) && Math.abs(seconds) < MAX_SECONDS;
}

/** ISO-8601 with milliseconds, truncated like Rails (not rounded). */
export function iso(seconds: number): string {
  return new Date(Math.floor(seconds * 1000)).toISOString();
}

export function isoOrNull(seconds: number | null): string | null {
  return seconds === null ? null : iso(seconds);
}

/** Parses `2026-01-01T08:00:00Z`-style literals used by the seed tables. */
export function seconds(isoText: string): number {
  return Date.parse(isoText) / 1000;
}
