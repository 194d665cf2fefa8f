// Bundles the extension into dist/. `--production` minifies and drops source maps; `--watch` rebuilds.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * The API layer (undici + zod) is a bundle of its own, `dist/api.js`, loaded on first network use
 * by src/lazyApi.ts. This keeps it out of `dist/extension.js`, the code loaded at activation.
 */
const lazyApi = {
  name: 'lazy-api',
  setup(build) {
    build.onResolve({ filter: /^\.\/api$/ }, (args) =>
      args.importer.endsWith('lazyApi.ts') ? { path: './api.js', external: true } : undefined,
    );
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
    entryPoints: { extension: 'src/extension.ts', api: 'src/api/index.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    outdir: 'dist',
    external: ['vscode'],
    logLevel: 'silent',
    metafile: true,
    plugins: [lazyApi, problemMatcher],
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
