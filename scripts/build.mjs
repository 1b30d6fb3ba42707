// Builds every bundle with esbuild's context API. `--watch` rebuilds on change; `--production` minifies.
// Type checking is separate (`npm run typecheck`): esbuild does not check types.
import { context } from 'esbuild';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'info', target: 'node20', legalComments: 'none' };

/** The browser build resolves the engine loader (which requires dist/engine.js by path) to the engine itself. */
const engineInBundle = {
  name: 'engine-in-bundle',
  setup(build) {
    build.onResolve({ filter: /\/bundles\/loadEngine$/ }, () => ({ path: resolve('src/bundles/engineWeb.ts') }));
  },
};

const bundles = [
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/cli/monteCarlo/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' },
  // The extension is two bundles: extension.js (activation, wiring) requires engine.js (schema,
  // simulator, panel) on first use; see src/bundles/loadEngine.ts.
  { ...common, entryPoints: ['src/host/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'], metafile: true },
  { ...common, entryPoints: ['src/bundles/engine.ts'], outfile: 'dist/engine.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { ...common, entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // VS Code for the Web runs the extension in a web worker: one bundle, the engine inside it
  // (src/bundles/engineWeb.ts stands in for the loader that requires dist/engine.js).
  { ...common, entryPoints: ['src/host/webExtension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], plugins: [engineInBundle] },
  { ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', platform: 'node', format: 'cjs' },
].filter((options) => existsSync(options.entryPoints[0]));

const contexts = await Promise.all(bundles.map((options) => context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
