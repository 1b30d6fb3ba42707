import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchyardApi } from '../../../src/host/api';
import type { RunCommandResult } from '../../../src/host/runs/runCommands';
import type { PanelView } from '../../../src/protocol/view';
import { activateExtension, resetEditors, waitFor, workspaceUri } from './helpers';

type Run = Awaited<ReturnType<SwitchyardApi['listRuns']>>[number];

/**
 * The release panel following a real run of ledger.release.yaml (command router and fleet that
 * succeed at once): opened while the run waits at its indefinite pause, it switches to live mode,
 * follows the journal through the promotion and ends with the outcome.
 */
describe('release panel on a real run', () => {
  let api: SwitchyardApi;
  before(async () => {
    api = await activateExtension();
  });
  after(async () => {
    // A failed test must not leave its runner waiting at the pause: abort what is still open.
    if ((await api.listRuns()).some((run) => run.state !== 'ended')) await vscode.commands.executeCommand('switchyard.abort', workspaceUri('ledger.release.yaml'), { confirmed: true });
    await resetEditors();
  });

  it('should follow the open run live and end with its outcome', async function () {
    // The webview loads in the browser first: seconds on a busy machine.
    this.timeout(60_000);
    const plan = workspaceUri('ledger.release.yaml');
    const running = vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', plan, { mode: 'run', confirmed: true });
    await waitFor(async () => (await api.listRuns())[0], (run: Run | undefined) => run?.state === 'running' && run.step?.index === 4, 'the run to wait for an operator at step 4', 20_000, 100);

    await vscode.commands.executeCommand('switchyard.openReleasePanel', plan);
    const waiting = await waitFor(() => api.panelView(plan), (view: PanelView | undefined) => view?.session.mode === 'live' && view.live?.waiting === true, 'the panel to show the run live, waiting', 30_000, 50);
    assert.equal(waiting?.time.playing, false);
    assert.equal(waiting?.traffic.weights.candidate, 50);
    assert.equal(waiting?.outcome.outcome, null);
    assert.ok(waiting?.live?.verbs.includes('promote'), `verbs ${waiting?.live?.verbs.join(', ')}`);
    assert.ok((waiting?.events.length ?? 0) > 5, 'journal lines as events');

    const promoted = await vscode.commands.executeCommand<RunCommandResult>('switchyard.promote', plan, { confirmed: true });
    assert.equal(promoted.status === 'finished' ? promoted.exitCode : -1, 0);
    await running;
    const ended = await waitFor(() => api.panelView(plan), (view: PanelView | undefined) => view?.outcome.outcome === 'promoted', 'the panel to show the outcome', 20_000, 50);
    assert.equal(ended?.session.mode, 'live');
    assert.equal(ended?.live?.state, 'ended');
    assert.deepEqual(ended?.live?.verbs, []);
    assert.equal(ended?.traffic.weights.candidate, 100);
  });
});
