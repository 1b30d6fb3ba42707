import * as vscode from 'vscode';
import type { RunResult } from '../../../src/domain/simulator/types';
import type { LintResult } from '../../../src/host/lintCommand';
import type { SwitchyardWebApi } from '../../../src/host/webExtension';
import { EXTENSION_ID, waitFor, workspaceUri } from '../suite/helpers';

// node:assert is not there in a web worker: these say what failed as plainly.
function equal<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
function matches(actual: string | undefined, pattern: RegExp, what: string): void {
  if (actual === undefined || !pattern.test(actual)) throw new Error(`${what}: expected to match ${pattern}, got ${JSON.stringify(actual?.slice(0, 300))}`);
}

async function activate(): Promise<SwitchyardWebApi> {
  const extension = vscode.extensions.getExtension<SwitchyardWebApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

describe('VS Code for the Web', () => {
  before(activate);

  it('should run the browser build in the workbench, not the Node build on the server', async () => {
    equal(vscode.env.uiKind, vscode.UIKind.Web, 'the UI kind');
    // dist/web/extension.js returns the web API, without the real runs' listRuns of dist/extension.js,
    // which the server's Node extension host would have loaded.
    equal('listRuns' in (await activate()), false, 'the API has listRuns');
    // And this suite shares the extension's worker: a web worker's global scope, no DOM.
    equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'importScripts in the extension host');
    equal(typeof (globalThis as { document?: unknown }).document, 'undefined', 'document in the extension host');
  });

  it('should simulate an example plan and roll back its bad version', async () => {
    const uri = workspaceUri('checkout.release.yaml');
    const run = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', { kind: 'scenario', uri, name: 'bad-version' });
    equal(run?.service, 'checkout', 'the simulated service');
    equal(run?.outcome, 'rolledBack', 'the outcome');
    matches(run?.reason, /^error-rate: \d of \d measurements failed/, 'the reason');
    equal((await activate()).lastRun(uri)?.outcome, 'rolledBack', 'the remembered run');
  });

  it('should lint a plan and estimate its timeline', async () => {
    const result = await vscode.commands.executeCommand<LintResult | undefined>('switchyard.lintPlan', workspaceUri('checkout.release.yaml'));
    equal(result?.problems, 0, 'problems in checkout.release.yaml');
    matches(result?.estimate, /^Estimate: ~\d+ min \(fastest/, 'the estimate');
    const broken = await vscode.commands.executeCommand<LintResult | undefined>('switchyard.lintPlan', workspaceUri('broken.release.yaml'));
    if (!broken || broken.problems === 0) throw new Error(`broken.release.yaml: expected problems, got ${JSON.stringify(broken)}`);
  });

  it('should open the release panel, whose webview loads and asks for the run', async () => {
    const api = await activate();
    const uri = workspaceUri('checkout.release.yaml');
    await vscode.commands.executeCommand('switchyard.openReleasePanel', uri, 'bad-version');
    // The host sends a view only after the webview's script ran and announced panel/ready.
    const view = await waitFor(() => api.panelView(uri), (found) => found !== undefined, 'the panel view of checkout.release.yaml', 15_000);
    equal(view?.session.scenario, 'bad-version', 'the panel scenario');
    // The whole simulated run is in it, ready to play: the rollback comes after the three-minute canary.
    if (!view || view.time.endMs < 180_000) throw new Error(`the panel's run: expected more than 3 minutes, got ${JSON.stringify(view?.time)}`);
  });

  it('should export the shown run as a standalone report', async () => {
    const uri = workspaceUri('checkout.release.yaml');
    const target = workspaceUri('checkout-bad-version.report.html');
    await vscode.commands.executeCommand('switchyard.exportReleaseReport', uri, target);
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    matches(html, /<noscript>[\s\S]*rolledBack: error-rate: \d of \d measurements failed/, 'the report without JavaScript');
    // The hash (quoted, &#39; in the attribute) comes from the report's own SHA-256, not node:crypto.
    matches(html, /script-src &#39;sha256-[A-Za-z0-9+/]{43}=&#39;/, 'the script hash in its CSP');
    matches(html, /id="switchyard-replay"/, 'the embedded run');
  });
});
