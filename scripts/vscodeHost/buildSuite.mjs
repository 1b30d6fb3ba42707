// Bundles the real-host tests: the mocha suite that runs inside the extension host, the two
// launchers and the Playwright e2e test. Separate from scripts/build.mjs, which builds the product.
// `--check` also type-checks them (test/vscode/tsconfig.json); esbuild does not check types.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';

const common = { bundle: true, sourcemap: 'inline', platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  // vscode comes from the extension host; mocha is bundled so the suite needs nothing at run time
  // (its parallel mode, which resolves worker files by path, is never used).
  build({ ...common, entryPoints: ['test/vscode/suite/index.ts'], outfile: 'out/vscode/suite/index.js', external: ['vscode'], logOverride: { 'require-resolve-not-external': 'silent' } }),
  build({ ...common, entryPoints: ['test/vscode/restricted/index.ts'], outfile: 'out/vscode/restricted/index.js', external: ['vscode'], logOverride: { 'require-resolve-not-external': 'silent' } }),
  // The suite for VS Code for the Web runs in the workbench's web worker extension host: a browser
  // bundle, with mocha's browser build inside.
  build({ ...common, entryPoints: ['test/vscode/web/index.ts'], outfile: 'out/vscode/web/index.js', platform: 'browser', target: 'es2022', external: ['vscode'] }),
  // The launchers run in plain Node: their dependencies stay in node_modules.
  build({ ...common, entryPoints: ['test/vscode/runInCodeServer.ts', 'test/vscode/runInElectron.ts'], outdir: 'out/vscode', packages: 'external' }),
  build({ ...common, entryPoints: ['test/e2e/workbench.e2e.ts', 'test/e2e/realRunWorkbench.e2e.ts', 'test/e2e/realRunKubernetesWorkbench.e2e.ts'], outdir: 'out/e2e', packages: 'external' }),
]);

if (process.argv.includes('--check')) {
  try {
    execFileSync('npx', ['tsc', '--noEmit', '-p', 'test/vscode/tsconfig.json'], { stdio: 'inherit' });
  } catch {
    process.exit(1);
  }
}
