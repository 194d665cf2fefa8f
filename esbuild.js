// Bundles the extension into dist/. `--production` minifies and drops source maps; `--watch` rebuilds.
// For the benchmark (scripts/bench): `--outdir DIR` writes elsewhere; `--eager` inlines the API layer
// and the assign feature into extension.js (what this project does NOT ship, built the same way for comparison).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const eager = process.argv.includes('--eager');
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 && process.argv[outdirFlag + 1] ? process.argv[outdirFlag + 1] : 'dist';

/**
 * Two parts load lazily, each a bundle of its own next to `dist/extension.js` (the code loaded at
 * activation): the API layer (undici + zod), `dist/api.js`, loaded on first network use by
 * src/lazyApi.ts; and the assign feature (pickers, assignment, bulk), `dist/assign.js`, loaded on
 * the first use of an assign command by src/assign/lazy.ts; and the conversation tab (webview,
 * renderer, markdown-it), `dist/conversation.js`, loaded on the first Open Conversation by
 * src/conversation/lazy.ts.
 */
const LAZY = [
  { request: './api', importer: 'lazyApi.ts', bundle: './api.js' },
  { request: './handlers', importer: 'assign/lazy.ts', bundle: './assign.js' },
  { request: './feature', importer: 'conversation/lazy.ts', bundle: './conversation.js' },
];
const lazyParts = {
  name: 'lazy-parts',
  setup(build) {
    build.onResolve({ filter: /^\.\/(api|handlers|feature)$/ }, (args) => {
      const importer = args.importer.replace(/\\/g, '/'); // Windows paths too
      const part = LAZY.find((p) => p.request === args.path && importer.endsWith(p.importer));
      return part ? { path: part.bundle, external: true } : undefined;
    });
  },
};

/** Prints errors in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

async function main() {
  const ctx = await esbuild.context({
    entryPoints: { extension: 'src/extension.ts', api: 'src/api/index.ts', assign: 'src/assign/handlers.ts', conversation: 'src/conversation/feature.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    outdir,
    external: ['vscode'],
    logLevel: 'silent',
    metafile: true,
    plugins: eager ? [problemMatcher] : [lazyParts, problemMatcher],
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
