/**
 * Loads the assign feature on first use. esbuild keeps `./handlers` external, so in the package
 * this is `dist/assign.js`, a bundle of its own; in the compiled tests it is
 * `out/src/assign/handlers.js`. Elsewhere, import only types from handlers and what it imports.
 */
import type * as Handlers from './handlers';

let loaded: typeof Handlers | undefined;

export function loadHandlers(): typeof Handlers {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./handlers') as typeof Handlers;
  return loaded;
}
