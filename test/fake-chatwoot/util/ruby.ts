// Small re-implementations of the Ruby/Rails coercions whose quirks are observable
// through the API (Kaminari page parsing, ActiveRecord integer casting, camelize,
// PostgreSQL ILIKE).

/** Ruby `String#to_i`: leading integer, else 0. Kaminari uses it for `page` (§6.3 step 12). */
export function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === 'string') {
    const match = /^\s*([+-]?\d+)/.exec(value);
    return match ? Number.parseInt(match[1], 10) : 0;
  }
  return 0;
}

/**
 * ActiveRecord integer cast as used by `find_by(id: value)`: nil/blank → nil,
 * true/false → 1/0, numbers truncated, other strings through `to_i` ("abc" → 0, which
 * never matches a row). Arrays/objects are treated as "no match" (returns NaN).
 */
export function castId(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value === true) return 1;
  if (value === false) return 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : Number.NaN;
  if (typeof value === 'string') return value.trim() === '' ? null : rubyToI(value);
  return Number.NaN;
}

/** Strict path-segment id (§3 step 3: "not an integer → 404"). */
export function pathId(segment: string): number | null {
  return /^\d{1,15}$/.test(segment) ? Number.parseInt(segment, 10) : null;
}

/** ActiveSupport `camelize` for the bulk action `type` (§6.11). */
export function camelize(text: string): string {
  return text
    .split('/')
    .map((part) =>
      part
        .split('_')
        .map((word) => (word ? word[0].toUpperCase() + word.slice(1) : ''))
        .join(''),
    )
    .join('::');
}

const likeCache = new Map<string, (text: string) => boolean>();

/**
 * `text ILIKE '%needle%'` with PostgreSQL wildcard semantics (`%`, `_`, `\` escape),
 * as the conversation finder and search service build their patterns (§6.3 step 7, §6.6).
 */
export function ilikeContains(text: string | null | undefined, needle: string): boolean {
  if (text === null || text === undefined) return false;
  let matcher = likeCache.get(needle);
  if (!matcher) {
    matcher = compileLike(needle);
    if (likeCache.size > 500) likeCache.clear();
    likeCache.set(needle, matcher);
  }
  return matcher(text);
}

function compileLike(needle: string): (text: string) => boolean {
  if (!/[%_\\]/.test(needle)) {
    const lower = needle.toLowerCase();
    return (text) => text.toLowerCase().includes(lower);
  }
  let source = '';
  for (let i = 0; i < needle.length; i += 1) {
    const ch = needle[i];
    if (ch === '\\' && i + 1 < needle.length) {
      i += 1;
      source += escapeRegex(needle[i]);
    } else if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += escapeRegex(ch);
  }
  const regex = new RegExp(source, 'is');
  return (text) => regex.test(text);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
