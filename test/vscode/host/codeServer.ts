import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../integration/support/ports';

/** The repository root: bundles run from out/vscode/, sources from test/vscode/host/. */
export const repoRoot = resolve(__dirname, '..', '..');

export interface CodeServer {
  port: number;
  /** The workbench URL for a folder, with optional extension development and test payload. */
  workbenchUrl(folder: string, payload?: { extensionDevelopmentPath: string; extensionTestsPath?: string; extensionDevelopmentKind?: 'web' }): string;
  /** A private directory for this run (browser profile, logs); removed by stop(). */
  runDir: string;
  stop(): Promise<void>;
}

/** Installs the host on first use (cached afterwards) and returns its folder. */
export function ensureHost(): string {
  const output = execFileSync('bash', [join(repoRoot, 'scripts/vscodeHost/install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const host = output.trim().split('\n').pop();
  if (!host) throw new Error('scripts/vscodeHost/install.sh printed no host folder');
  return host;
}

/** Settings that keep the workbench quiet and offline: no tips, experiments, chat, updates or git. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

/**
 * Starts VS Code's own server (not code-server's CLI wrapper, which rejects the smoke-test flag
 * that makes the workbench honour the test payload) on 127.0.0.1 with its own HOME, XDG folders
 * and TMPDIR, in its own process group so stop() takes its extension hosts down with it.
 */
export interface CodeServerOptions {
  log?: (line: string) => void;
  vsix?: string;
  /**
   * The smoke-test driver makes the workbench honour an extensionTestsPath payload, and also makes
   * it refuse every modal dialog. Off for tests that answer a modal as a user does.
   */
  smokeTestDriver?: boolean;
  /** Workspace trust on, with no start-up prompt: the folder opens untrusted (Restricted Mode). */
  untrusted?: boolean;
}

export async function startCodeServer(host: string, options: CodeServerOptions = {}): Promise<CodeServer> {
  const runDir = mkdtempSync(join(tmpdir(), 'switchyard-vscode-'));
  const home = join(runDir, 'home');
  for (const dir of ['home', 'tmp', 'ud/User', 'sd', 'exts']) mkdirSync(join(runDir, dir), { recursive: true });
  const trust = options.untrusted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {};
  writeFileSync(join(runDir, 'ud/User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust }, null, 2));
  const port = await freePort();
  const serverMain = join(host, 'node_modules/code-server/lib/vscode/out/server-main.js');
  const args = [serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', ...(options.smokeTestDriver === false ? [] : ['--enable-smoke-test-driver']),
    '--user-data-dir', join(runDir, 'ud'), '--server-data-dir', join(runDir, 'sd'), '--extensions-dir', join(runDir, 'exts'),
    '--accept-server-license-terms', '--disable-telemetry', ...(options.untrusted ? [] : ['--disable-workspace-trust'])];
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache'), TMPDIR: join(runDir, 'tmp') };
  if (options.vsix) {
    // The same script installs a VSIX into this run's extensions folder, as a user's VS Code would.
    execFileSync(process.execPath, [serverMain, '--install-extension', resolve(options.vsix), '--extensions-dir', join(runDir, 'exts'), '--server-data-dir', join(runDir, 'sd'), '--accept-server-license-terms'], { env, stdio: 'inherit' });
  }
  const child = spawn(process.execPath, args, { detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.log ?? (() => {});
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach((line) => log(line)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach((line) => log(line)));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await killGroup(child);
    rmSync(runDir, { recursive: true, force: true });
  };
  // The server must never outlive the test run, whatever ends it.
  const onExit = (): void => { if (child.pid !== undefined) tryKill(-child.pid, 'SIGKILL'); };
  process.once('exit', onExit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => { void stop().then(() => process.exit(130)); });

  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, child, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    runDir,
    stop,
    workbenchUrl(folder, payload) {
      const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
      const query = new URLSearchParams({ folder });
      if (payload) {
        const entries: [string, string][] = [['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]];
        if (payload.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
        // `web` loads the extension from package.json's `browser` into the workbench's web worker extension host.
        if (payload.extensionDevelopmentKind) entries.push(['extensionDevelopmentKind', payload.extensionDevelopmentKind]);
        query.set('payload', JSON.stringify(entries));
      }
      return `http://127.0.0.1:${port}/?${query.toString()}`;
    },
  };
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`VS Code server exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`VS Code server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  tryKill(-child.pid, 'SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') tryKill(-child.pid, 'SIGKILL');
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
