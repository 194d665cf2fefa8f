/** Formats zod errors for messages and logs: the first issue's path and text, and every issue pretty-printed. */
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

/** zod's "Invalid input: expected number, received string" → "expected number, received string". */
export function issueText(message: string): string {
  const text = message.replace(/^Invalid input: /, '').trim();
  const short = text.length > 120 ? `${text.slice(0, 119)}…` : text;
  return short === '' ? 'invalid value' : short.charAt(0).toLowerCase() + short.slice(1);
}

export function describeZodError(error: z.ZodError): { path: string; first: string; pretty: string } {
  const first = error.issues[0];
  let pretty: string;
  try {
    pretty = z.prettifyError(error);
  } catch {
    pretty = error.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`).join('\n');
  }
  return {
    path: first ? formatIssuePath(first.path) : '(root)',
    first: first ? issueText(first.message) : 'invalid value',
    pretty,
  };
}
