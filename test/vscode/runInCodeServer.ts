// Runs the mocha suite (out/vscode/suite/index.js) inside a real VS Code extension host: VS Code's
// server from the npm package code-server, with the workbench opened in Debian's Chromium. Builds
// nothing: run `npm run build` and scripts/vscodeHost/buildSuite.mjs first (npm run test:vscode).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './host/browser';
import { ensureHost, repoRoot, startCodeServer } from './host/codeServer';
import { copyWorkspace } from './host/workspace';

const SUITE_TIMEOUT_MS = Number(process.env.SWITCHYARD_SUITE_TIMEOUT_MS ?? 180_000);
const verbose = process.argv.includes('--verbose');
/** `--restricted`: the Restricted Mode suite in an untrusted workspace instead of the main suite. */
const restricted = process.argv.includes('--restricted');
/** `--web`: the extension's browser build as a web extension, with the web suite, in the web worker extension host. */
const web = process.argv.includes('--web');

async function main(): Promise<number> {
  const suite = join(repoRoot, restricted ? 'out/vscode/restricted/index.js' : web ? 'out/vscode/web/index.js' : 'out/vscode/suite/index.js');
  for (const file of [join(repoRoot, web ? 'dist/web/extension.js' : 'dist/extension.js'), suite]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build && node scripts/vscodeHost/buildSuite.mjs\``);
  }
  const started = Date.now();
  const host = ensureHost();
  const server = await startCodeServer(host, { log: (line) => verbose && console.log(`[server] ${line}`), untrusted: restricted });
  try {
    const workspace = copyWorkspace(server.runDir);
    const browser = await launchChromium(server.runDir);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      let finish: (code: number) => void = () => {};
      const finished = new Promise<number>((resolve) => { finish = resolve; });
      // The workbench reports the extension tests' output and exit code through these two hooks.
      await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => relay(level, args));
      await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
      if (verbose) page.on('console', (message) => console.log(`[browser] ${message.text()}`));
      console.log(`vscode-host: server on 127.0.0.1:${server.port} ready after ${((Date.now() - started) / 1000).toFixed(1)} s; running the suite`);
      const extension = web ? webOnlyExtension(server.runDir, suite) : { folder: repoRoot, suite };
      await page.goto(server.workbenchUrl(workspace, { extensionDevelopmentPath: extension.folder, extensionTestsPath: extension.suite, ...(web ? { extensionDevelopmentKind: 'web' as const } : {}) }));
      const timeout = new Promise<number>((resolve) => setTimeout(() => {
        console.error(`vscode-host: the suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s (rerun with --verbose for server and browser logs)`);
        resolve(1);
      }, SUITE_TIMEOUT_MS).unref());
      const code = await Promise.race([finished, timeout]);
      console.log(`vscode-host: suite exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return code;
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * The extension as VS Code for the Web sees it: its manifest without `main`, beside the built
 * browser bundle, the panel's bundle and media. The workbench of VS Code 1.100 ignores the
 * payload's extensionDevelopmentKind (its running-location tracker reads a property the browser
 * environment service names extensionDevelopmentLocationKind), so an extension with a `main`
 * would run in the server's Node extension host; with only `browser` it can only run in the web
 * worker extension host, as on vscode.dev. The suite goes inside it: the host that runs the
 * extension whose folder holds the suite runs the suite.
 */
function webOnlyExtension(runDir: string, suite: string): { folder: string; suite: string } {
  const folder = join(runDir, 'web-extension');
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete manifest.main;
  mkdirSync(join(folder, 'dist'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const path of ['dist/web', 'dist/webview.js', 'dist/webview.min.js', 'media', 'snippets', 'schema']) {
    if (existsSync(join(repoRoot, path))) cpSync(join(repoRoot, path), join(folder, path), { recursive: true });
  }
  cpSync(suite, join(folder, 'test', 'index.js'));
  return { folder, suite: join(folder, 'test', 'index.js') };
}

/** The workbench's own chatter: connection set-up, the offline marketplace, the service worker. */
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin|ChatSessionStore|\[Service Worker\])|getaddrinfo ENOTFOUND|vsda|marketplace|telemetry|serviceWorker|^\s+at /;

/** Test output arrives as console records (format string first, as mocha's reporter writes them). */
function relay(level: string, args: unknown): void {
  const parts: unknown[] = Array.isArray(args) ? args : [args];
  const text = format(...parts);
  const lines = verbose ? [text] : text.split('\n').filter((line) => !NOISE.test(line));
  if (lines.length === 0) return;
  (level === 'error' ? console.error : console.log)(lines.join('\n'));
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`vscode-host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
