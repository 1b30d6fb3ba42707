// Builds the release panel's node-side test and bench entries (the webview bundle itself is built
// by scripts/build.mjs). playwright-core stays external: it is loaded from node_modules at run time.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { entryPoints: ['test/e2e/panel.test.ts'], outfile: 'out/e2e/panel.test.js' },
  { entryPoints: ['bench/panelBench.ts'], outfile: 'out/bench/panelBench.js' },
].filter((entry) => existsSync(entry.entryPoints[0]));

await Promise.all(
  entries.map((entry) => build({ ...entry, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, external: ['playwright-core'], logLevel: 'warning' })),
);
