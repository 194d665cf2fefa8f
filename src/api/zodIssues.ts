/** Formats zod errors for messages and logs: the first issue's path, and every issue pretty-printed. */
import * as z from 'zod';

/** `["data","payload",0,"id"]` → `data.payload[0].id`; the root is `(root)`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export function describeZodError(error: z.ZodError): { path: string; pretty: string } {
  const first = error.issues[0];
  return { path: first ? formatIssuePath(first.path) : '(root)', pretty: z.prettifyError(error) };
}
