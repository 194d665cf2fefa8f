/**
 * Loads the assign feature on first use. esbuild keeps `./handlers` external, so in the package
 * this is `dist/assign.js`, a bundle of its own (measured: merged into extension.js it would make
 * the activation bundle 68 KB instead of 36 KB); in the compiled tests it is
 * `out/src/assign/handlers.js`. Elsewhere, import only types from handlers and what it imports.
 */
import type * as Handlers from './handlers';

let loaded: Handlers.AssignFeature | undefined;

export function loadAssignFeature(): Handlers.AssignFeature {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('./handlers') as typeof Handlers).assignFeature;
  return loaded;
}
