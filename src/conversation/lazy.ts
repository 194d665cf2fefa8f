/**
 * Loads the conversation tab on first use. esbuild keeps `./feature` external, so in the package
 * this is `dist/conversation.js`, a bundle of its own (the webview, its renderer and markdown-it
 * stay out of both the activation bundle and the assign bundle); in the compiled tests it is
 * `out/src/conversation/feature.js`. Elsewhere, import only types from feature and what it imports.
 */
import type * as Feature from './feature';

let loaded: Feature.ConversationFeature | undefined;

export function loadConversationFeature(): Feature.ConversationFeature {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('./feature') as typeof Feature).conversationFeature;
  return loaded;
}
