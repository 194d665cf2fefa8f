// Request parameters as Rails sees them (§2): Rack-style query parsing
// (`a[]=1&a[]=2`, `a[b]=1`), JSON or form bodies, merged with the body winning,
// then ActionDispatch's deep_munge (nulls removed from arrays, so `inbox_ids[]` alone
// is an empty array). Key presence is preserved: absent vs null vs "" all differ.

/** Null-prototype record: keys such as `__proto__` from clients are plain data. */
export type Params = Record<string, unknown>;

const MAX_DEPTH = 32;

export function newParams(): Params {
  return Object.create(null) as Params;
}

export function parseQuery(search: string): Params {
  const params = newParams();
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (!text) return params;
  for (const pair of text.split(/[&;]/)) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    // Rack: `?key` without "=" yields nil, `?key=` yields "".
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? null : decode(pair.slice(eq + 1));
    normalize(params, name, value, 0);
  }
  return params;
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Port of Rack::QueryParser#normalize_params; type conflicts drop the pair (Rack: 400). */
function normalize(target: Params, name: string, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const match = /^[[\]]*([^[\]]+)\]*/.exec(name);
  const key = match ? match[1] : '';
  const after = match ? name.slice(match[0].length) : '';
  if (!key) return;
  if (after === '') {
    target[key] = value;
  } else if (after === '[') {
    target[name] = value;
  } else if (after === '[]') {
    const list = ensure(target, key, () => [] as unknown[]);
    if (Array.isArray(list)) list.push(value);
  } else {
    const arrayChild = /^\[\]\[([^[\]]+)\]$/.exec(after) ?? /^\[\](.+)$/.exec(after);
    if (arrayChild) {
      const list = ensure(target, key, () => [] as unknown[]);
      if (!Array.isArray(list)) return;
      const childKey = arrayChild[1];
      const last: unknown = list[list.length - 1];
      if (isRecord(last) && !Object.hasOwn(last, childKey)) {
        normalize(last, childKey, value, depth + 1);
      } else {
        const child = newParams();
        normalize(child, childKey, value, depth + 1);
        list.push(child);
      }
      return;
    }
    const child = ensure(target, key, newParams);
    if (isRecord(child)) normalize(child, after, value, depth + 1);
  }
}

function ensure(target: Params, key: string, make: () => unknown): unknown {
  if (!Object.hasOwn(target, key) || target[key] === null || target[key] === undefined) target[key] = make();
  return target[key];
}

export function isRecord(value: unknown): value is Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ParsedBody {
  /** What the request log shows: parsed JSON (or form) value, null when absent/unparseable. */
  logged: unknown;
  /** Parameters contributed by the body. */
  params: Params;
}

/**
 * JSON bodies become params; a JSON array/scalar is wrapped as `_json` (Rails). A
 * malformed body is treated as "no body params" — Rails would answer 400, which the
 * spec leaves out of scope; the request still runs with its query parameters.
 */
export function parseBody(raw: string, contentType: string | undefined): ParsedBody {
  if (raw.trim() === '') return { logged: null, params: newParams() };
  if (contentType && /application\/x-www-form-urlencoded/i.test(contentType)) {
    const form = parseQuery(raw);
    return { logged: form, params: form };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { logged: null, params: newParams() };
  }
  if (isRecord(parsed)) return { logged: parsed, params: copyRecord(parsed) };
  const wrapped = newParams();
  wrapped._json = parsed;
  return { logged: parsed, params: wrapped };
}

function copyRecord(source: Record<string, unknown>): Params {
  const out = newParams();
  for (const [k, v] of Object.entries(source)) out[k] = v;
  return out;
}

/** Query ∪ body, body wins on conflicts (§2), then deep_munge. */
export function mergeParams(query: Params, body: Params): Params {
  const merged = newParams();
  for (const [k, v] of Object.entries(query)) merged[k] = v;
  for (const [k, v] of Object.entries(body)) merged[k] = v;
  return deepMunge(merged) as Params;
}

function deepMunge(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(deepMunge);
  if (isRecord(value)) {
    const out = newParams();
    for (const [k, v] of Object.entries(value)) out[k] = deepMunge(v);
    return out;
  }
  return value;
}

// ---- typed accessors --------------------------------------------------------------

export function has(params: Params, key: string): boolean {
  return Object.hasOwn(params, key);
}

/** Ruby truthiness of `params[:key]`: present and not nil ("" counts as given). */
export function given(params: Params, key: string): boolean {
  return has(params, key) && params[key] !== null && params[key] !== undefined;
}

/** `params.permit(key: [])`: only a real array counts; a scalar is absent (§2). */
export function arrayParam(params: Params, key: string): unknown[] | undefined {
  const value = params[key];
  return Array.isArray(value) ? value : undefined;
}

/** Scalar as a string (numbers stringified); arrays/objects → undefined. */
export function scalarString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
