// Runs the same mocha suite in desktop VS Code through @vscode/test-electron, for machines that
// have VS Code or can download it (this one cannot: see ../../../shared/notes/vscode-host.md and
// use `npm run test:vscode`). Set VSCODE_EXECUTABLE to use an installed VS Code.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './host/codeServer';
import { copyWorkspace } from './host/workspace';

/** A download that cannot connect may wait a long time; fail with a clear message instead. */
const DOWNLOAD_TIMEOUT_MS = Number(process.env.SWITCHYARD_ELECTRON_TIMEOUT_MS ?? 600_000);

async function main(): Promise<number> {
  const suite = join(repoRoot, 'out/vscode/suite/index.js');
  if (!existsSync(suite)) throw new Error(`${suite} is missing: run \`npm run build && node scripts/vscodeHost/buildSuite.mjs\``);
  const runDir = mkdtempSync(join(tmpdir(), 'switchyard-electron-'));
  const executable = process.env.VSCODE_EXECUTABLE;
  const run = runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suite,
    launchArgs: [copyWorkspace(runDir), '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(runDir, 'ud')],
    ...(executable ? { vscodeExecutablePath: executable } : { cachePath: join(repoRoot, '.vscode-test') }),
    timeout: 30_000,
  });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no VS Code after ${DOWNLOAD_TIMEOUT_MS / 1000} s`)), DOWNLOAD_TIMEOUT_MS).unref());
  try {
    return await Promise.race([run, timeout]);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  console.error(`test:electron: could not run VS Code (${reason}).\n` +
    'This launcher needs desktop VS Code: network access to update.code.visualstudio.com, or VSCODE_EXECUTABLE=/path/to/code.\n' +
    'Without either, run the same suite in the VS Code server: npm run test:vscode');
  process.exit(1);
});
