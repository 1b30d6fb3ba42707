import { join } from 'node:path';
import * as vscode from 'vscode';
import { cliPath } from './runs/runCommands';
import { readState, refuse, waitForState } from './playgroundCommand';

const TERMINAL_NAME = 'Switchyard Kubernetes Playground';
/** A warm control plane starts in about 10 s on two cores; its demo Deployment takes a few more. */
const READY_TIMEOUT_MS = 120_000;
const BAD_CANARY = 'canary-bad.release.yaml';

export type KubernetesPlaygroundResult = { status: 'refused'; reason: string } | { status: 'cancelled' } | { status: 'ready'; dir: string; kubeconfig: string };

/**
 * Start Kubernetes Playground: `switchyard playground --kubernetes` in a terminal of its own, in
 * `switchyard-playground-kubernetes/` of the first workspace folder: a real control plane on
 * 127.0.0.1 with the demo Deployment of v1, its Service and HTTPRoute. Waits until it is ready,
 * then opens the bad canary, ready to run. Closing the terminal deletes the cluster.
 */
export async function startKubernetesPlaygroundCommand(extensionUri: vscode.Uri): Promise<KubernetesPlaygroundResult> {
  if (!vscode.workspace.isTrusted) return refuse('the Kubernetes playground starts a control plane on this machine: trust the workspace first.');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return refuse('open a folder first: the playground writes its plans and the cluster\'s kubeconfig into it.');
  const dir = join(folder.uri.fsPath, 'switchyard-playground-kubernetes');
  const existing = vscode.window.terminals.find((terminal) => terminal.name === TERMINAL_NAME && terminal.exitStatus === undefined);
  if (existing) {
    existing.show(true);
  } else {
    const terminal = vscode.window.createTerminal({
      name: TERMINAL_NAME,
      shellPath: process.execPath,
      shellArgs: [cliPath(extensionUri), 'playground', '--kubernetes', '--dir', dir],
      cwd: folder.uri.fsPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      iconPath: new vscode.ThemeIcon('beaker'),
      isTransient: true,
    });
    terminal.show(true);
    const state = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Switchyard: starting a Kubernetes control plane (kube-apiserver, the controllers, etcd, kwok nodes) with demo v1', cancellable: true },
      (_progress, token) => waitForState(dir, terminal, token, READY_TIMEOUT_MS),
    );
    if (state === 'cancelled') return { status: 'cancelled' };
    if (state === 'exited') return refuse('the Kubernetes playground stopped before it was ready; its terminal says why (the control plane may need building first).');
    if (state === 'timeout') return refuse(`the Kubernetes playground was not ready after ${READY_TIMEOUT_MS / 1000} s; its terminal says what it waits for.`);
  }
  const state = readState(dir) as { kubeconfig?: string } | undefined;
  if (!state?.kubeconfig) return refuse('the Kubernetes playground is not ready yet; its terminal says what it waits for.');
  const badCanary = vscode.Uri.file(join(dir, BAD_CANARY));
  await vscode.window.showTextDocument(badCanary, { preview: false });
  void vscode.window
    .showInformationMessage(`Switchyard: Kubernetes playground ready: Deployment demo (v1) in namespace demo. Run Release on ${BAD_CANARY} to watch a v2 whose pods keep restarting caught by its gate and rolled back.`, 'Run Release', 'Open Release Panel')
    .then((choice) => {
      if (choice === 'Run Release') void vscode.commands.executeCommand('switchyard.runRelease', badCanary);
      if (choice === 'Open Release Panel') void vscode.commands.executeCommand('switchyard.openReleasePanel', badCanary);
    });
  return { status: 'ready', dir, kubeconfig: state.kubeconfig };
}
