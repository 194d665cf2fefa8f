/**
 * HTML escaping for the conversation webview. Every value that did not come from this module's own
 * templates goes through `escapeHtml`, in text and in attribute values (always double-quoted), so
 * names, labels and message text can never open a tag or leave an attribute.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Marks a string as already-safe HTML produced by this module (a type-level reminder, not a check). */
export type Html = string & { readonly __html?: never };
