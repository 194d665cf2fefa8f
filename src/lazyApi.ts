/**
 * Loads the API layer (undici + zod, about half a megabyte) on first network use instead of at
 * activation. esbuild keeps `./api` external, so in the package this is `dist/api.js`, a bundle of
 * its own; in the compiled tests it is `out/src/api/index.js`. Elsewhere, import only types.
 */
import type * as Api from './api';

let api: typeof Api | undefined;

export function loadApi(): typeof Api {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  api ??= require('./api') as typeof Api;
  return api;
}

/** Duck-typed check that works before the API bundle is loaded and across bundles. */
export function isChatwootError(e: unknown): e is Api.ChatwootError {
  return e instanceof Error && e.name === 'ChatwootError' && typeof (e as { kind?: unknown }).kind === 'string';
}
