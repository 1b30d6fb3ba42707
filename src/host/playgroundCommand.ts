import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PLAYGROUND_STATE_FILE, type PlaygroundState } from '../runner/playground/readiness';
import { isAlive } from '../adapters/procfs';
import { cliPath } from './runs/runCommands';

const TERMINAL_NAME = 'Switchyard Playground';
const READY_TIMEOUT_MS = 45_000;
const BAD_CANARY = 'canary-bad.release.yaml';

export type PlaygroundResult =
  | { status: 'refused'; reason: string }
  | { status: 'cancelled' }
  | { status: 'ready'; dir: string; state: PlaygroundState };

/**
 * Start Playground: `switchyard playground` in a terminal of its own (its output stays in view;
 * Ctrl-C or closing the terminal stops it and everything it started), in `switchyard-playground/`
 * of the first workspace folder. Waits for the playground's playground.json (written once the
 * service answers and Prometheus has scraped it), then opens the bad canary, ready to run.
 */
export async function startPlaygroundCommand(extensionUri: vscode.Uri): Promise<PlaygroundResult> {
  if (!vscode.workspace.isTrusted) return refuse('the playground starts HAProxy, Prometheus and a demo service: trust the workspace first.');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return refuse('open a folder first: the playground writes its plans and configuration into it.');
  const dir = join(folder.uri.fsPath, 'switchyard-playground');
  const existing = vscode.window.terminals.find((terminal) => terminal.name === TERMINAL_NAME && terminal.exitStatus === undefined);
  if (existing) {
    existing.show(true);
  } else {
    const config = vscode.workspace.getConfiguration('switchyard', folder.uri);
    const basePort = config.get<number>('playground.basePort', 18080);
    const router = config.get<string>('playground.router', 'haproxy') === 'nginx' ? 'nginx' : 'haproxy';
    const terminal = vscode.window.createTerminal({
      name: TERMINAL_NAME,
      shellPath: process.execPath,
      shellArgs: [cliPath(extensionUri), 'playground', '--dir', dir, '--port', String(basePort), '--router', router],
      cwd: folder.uri.fsPath,
      // In desktop VS Code execPath is Electron: this makes it a plain Node.
      env: { ELECTRON_RUN_AS_NODE: '1' },
      iconPath: new vscode.ThemeIcon('beaker'),
      isTransient: true,
    });
    terminal.show(true);
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Switchyard: starting the playground (${router === 'nginx' ? 'nginx' : 'HAProxy'}, Prometheus, demo v1)`, cancellable: true },
      (_progress, token) => waitForState(dir, terminal, token, READY_TIMEOUT_MS),
    );
    if (state === 'cancelled') return { status: 'cancelled' };
    if (state === 'exited') return refuse('the playground stopped before it was ready; its terminal says why.');
    if (state === 'timeout') return refuse(`the playground was not ready after ${READY_TIMEOUT_MS / 1000} s; its terminal says what it waits for.`);
  }
  const state = readState(dir);
  if (!state) return refuse('the playground is not ready yet; its terminal says what it waits for.');
  const badCanary = vscode.Uri.file(join(dir, BAD_CANARY));
  await vscode.window.showTextDocument(badCanary, { preview: false });
  void vscode.window
    .showInformationMessage(`Switchyard: playground ready. The service answers on ${state.frontend} (stable v1). Run Release on ${BAD_CANARY} to watch a bad v2 rolled back by its gate.`, 'Run Release', 'Open Release Panel')
    .then((choice) => {
      if (choice === 'Run Release') void vscode.commands.executeCommand('switchyard.runRelease', badCanary);
      if (choice === 'Open Release Panel') void vscode.commands.executeCommand('switchyard.openReleasePanel', badCanary);
    });
  return { status: 'ready', dir, state };
}

export function refuse(reason: string): { status: 'refused'; reason: string } {
  void vscode.window.showErrorMessage(`Switchyard: ${reason}`);
  return { status: 'refused', reason };
}

export function readState(dir: string): PlaygroundState | undefined {
  const file = join(dir, PLAYGROUND_STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PlaygroundState;
  } catch {
    return undefined; // being written: the next poll reads it whole
  }
}

/** Until the playground in `dir` has written its state file and its process is alive, its terminal exits, or the timeout. */
export async function waitForState(dir: string, terminal: vscode.Terminal, token: vscode.CancellationToken, timeoutMs: number): Promise<'ready' | 'exited' | 'timeout' | 'cancelled'> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (token.isCancellationRequested) return 'cancelled';
    if (terminal.exitStatus !== undefined) return 'exited';
    const state = readState(dir);
    if (state && isAlive(state.pid)) return 'ready';
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return 'timeout';
}
