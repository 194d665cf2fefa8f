/**
 * Arbitraries that break real Chatwoot answers: structural mutations of the parsed JSON (drop a key,
 * change a type, null, huge strings and numbers, prototype-looking keys) and textual ones (truncate,
 * splice random bytes, random JSON, random bytes).
 */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

/** Every path in a JSON value (the root included), depth-first, at most `limit`. */
export function paths(value: Json, limit = 5_000): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path) => {
    if (out.length >= limit) return;
    out.push(path);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, item] of Object.entries(v)) walk(item, [...path, k]);
  };
  walk(value, []);
  return out;
}

function parentOf(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

const HUGE_STRING = 'x'.repeat(100_000);
const ODD_NUMBERS = [1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, 1.5, -1, 0, -0, 5e-324];

/** A value of any JSON type, skewed toward the ones that break schemas. */
export const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...ODD_NUMBERS),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constant(HUGE_STRING),
  fc.constant(''),
  fc.constant([] as Json),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

export type Mutation =
  | { op: 'drop'; at: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'null'; at: number }
  | { op: 'inject'; at: number; key: string; value: Json }
  | { op: 'wrap'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: oddValue }),
  fc.record({ op: fc.constant('null' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('inject' as const),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'meta', 'payload'), fc.string({ maxLength: 8 })),
    value: oddValue,
  }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
);

/** Applies mutations to a copy of `base`. */
export function mutate(base: Json, mutations: readonly Mutation[]): Json {
  let root = structuredClone(base);
  for (const m of mutations) {
    const all = paths(root);
    const path = all[m.at % all.length];
    const key = path[path.length - 1];
    const parent = path.length === 0 ? undefined : parentOf(root, path);
    const set = (value: Json) => {
      if (path.length === 0) root = value;
      else if (Array.isArray(parent)) parent[key as number] = value;
      else if (parent !== null && typeof parent === 'object' && parent !== undefined) {
        Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
      }
    };
    const current = (): Json => (path.length === 0 ? root : (parent as Record<string | number, Json>)[key]);
    switch (m.op) {
      case 'drop':
        if (path.length === 0) root = null;
        else if (Array.isArray(parent)) parent.splice(key as number, 1);
        else if (parent !== null && typeof parent === 'object' && parent !== undefined) delete (parent as Record<string, Json>)[key as string];
        break;
      case 'replace':
        set(structuredClone(m.value));
        break;
      case 'null':
        set(null);
        break;
      case 'inject': {
        const target = current();
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) {
          // defineProperty: an own "__proto__" key, as JSON.parse would make it.
          Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
        } else if (Array.isArray(target)) {
          target.push(structuredClone(m.value));
        }
        break;
      }
      case 'wrap':
        set([current()]);
        break;
    }
  }
  return root;
}

export type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'splice'; at: number; remove: number; bytes: Uint8Array }
  | { op: 'json'; text: string }
  | { op: 'bytes'; bytes: Uint8Array }
  | { op: 'char'; at: number; text: string };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), remove: fc.nat({ max: 16 }), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ op: fc.constant('json' as const), text: fc.json({ maxDepth: 4 }) }),
  fc.record({ op: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 256 }) }),
  fc.record({ op: fc.constant('char' as const), at: fc.nat(), text: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', '\u0000', '\ufeff', 'null', '\ud800', ' ') }),
);

/** Applies a textual mutation to the UTF-8 bytes of `text`. */
export function mutateText(text: string, m: TextMutation): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  switch (m.op) {
    case 'truncate':
      return bytes.subarray(0, m.at % (bytes.length + 1));
    case 'splice': {
      const at = m.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at + m.remove)]);
    }
    case 'json':
      return Buffer.from(m.text, 'utf8');
    case 'bytes':
      return m.bytes;
    case 'char': {
      const at = m.at % (text.length + 1);
      return Buffer.from(text.slice(0, at) + m.text + text.slice(at), 'utf8');
    }
  }
}
