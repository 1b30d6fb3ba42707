// Builds the release panel's node-side test and bench entries (the webview bundle itself is built
// by scripts/build.mjs). playwright-core and esbuild stay external: it is loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { entryPoints: ['test/e2e/panel.test.ts'], outfile: 'out/e2e/panel.test.js' },
  { entryPoints: ['bench/panelBench.ts'], outfile: 'out/bench/panelBench.js' },
  // The real-host e2e keeps every package external, like test/e2e/workbench.e2e.ts.
  { entryPoints: ['test/e2e/panelWorkbench.e2e.ts'], outfile: 'out/e2e/panelWorkbench.e2e.js', packages: 'external' },
].filter((entry) => existsSync(entry.entryPoints[0]));

// The bundle a standalone report inlines (src/report/assets.ts prefers it while it is newer than
// dist/webview.js): minified, so a report parses less before its first paint. A packaged extension
// ships dist/webview.js from the production build, which is minified already.
await build({ entryPoints: ['webview/main.ts'], outfile: 'dist/webview.min.js', bundle: true, minify: true, platform: 'browser', format: 'iife', target: 'es2022', legalComments: 'none', logLevel: 'warning' });

// The bench's test page: the panel app from the same modules as dist/webview.js, driven frame by frame.
await build({ entryPoints: ['webview/benchPage.ts'], outfile: 'out/bench/panelBenchPage.js', bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' });

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['playwright-core', 'esbuild'], logLevel: 'warning' };
await Promise.all(entries.map((entry) => build({ ...node, ...entry })));
