/** Small helpers for the benchmark's figures. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Rounds to `digits` decimals (figures are printed and compared, not computed with). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function kb(bytes: number): string {
  return `${round(bytes / 1024, 1)} KB`;
}

export function ratio(slow: number, fast: number): string {
  return fast > 0 ? `${round(slow / fast, 1)}×` : '∞';
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
