// JSON writer that keeps Ruby's number types on the wire (§1.1, §8).
//
// Rails renders `updated_at.to_f` as e.g. `1767312001.0`; JSON.stringify would print
// `1767312001`, losing the "float" type that snapshot tests and non-JS clients see.
// Values wrapped in RubyFloat therefore always carry a fraction. Keys whose value is
// `undefined` are skipped, which is how serializers express "absent, not null".

export class RubyFloat {
  constructor(readonly value: number) {}
}

export function rubyFloat(value: number): RubyFloat {
  return new RubyFloat(value);
}

export function toJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof RubyFloat) {
    const v = value.value;
    if (!Number.isFinite(v)) return 'null';
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? arrayToJson(value) : objectToJson(value as Record<string, unknown>);
    default:
      return 'null';
  }
}

function arrayToJson(values: unknown[]): string {
  return `[${values.map((v) => toJson(v)).join(',')}]`;
}

function objectToJson(obj: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${toJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}
