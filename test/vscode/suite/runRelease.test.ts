import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SwitchyardApi } from '../../../src/host/api';
import type { RunCommandResult } from '../../../src/host/runs/runCommands';
import { activateExtension, resetEditors, waitFor, workspaceUri } from './helpers';

type Run = Awaited<ReturnType<SwitchyardApi['listRuns']>>[number];

/**
 * Real runs of ledger.release.yaml, whose router and fleet are commands that succeed at once: the
 * runner process, journal, lock, status bar and the live operator channel, in a few seconds.
 */
describe('run release', () => {
  let api: SwitchyardApi;
  before(async () => {
    api = await activateExtension();
  });
  after(resetEditors);

  it('should refuse a plan without targets, naming what to add', async () => {
    const result = await vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', workspaceUri('checkout.release.yaml'), { mode: 'run', confirmed: true });
    assert.equal(result.status, 'refused');
    assert.match(result.status === 'refused' ? result.reason : '', /targets\.router and targets\.instances/);
  });

  it('should dry-run a plan without touching anything', async () => {
    const result = await vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', workspaceUri('ledger.release.yaml'), { mode: 'dryRun' });
    assert.equal(result.status, 'finished');
    assert.equal(result.status === 'finished' ? result.exitCode : -1, 0);
    assert.deepEqual(await api.listRuns(), [], 'a dry run leaves no journal');
  });

  it('should run for real, wait for an operator at the indefinite pause, and promote live', async () => {
    const plan = workspaceUri('ledger.release.yaml');
    const running = vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', plan, { mode: 'run', confirmed: true });
    const waiting = await waitFor(async () => (await api.listRuns())[0], (run: Run | undefined) => run?.state === 'running' && run.step?.index === 4 && run.candidateWeight === 50, 'the run to wait at step 4 with 50% on the candidate', 20_000, 100);
    assert.equal(waiting?.service, 'ledger');
    assert.equal(api.runStatusText(), '$(debug-pause) ledger · canary · 4/4 pause until promoted · 50%');
    const promoted = await vscode.commands.executeCommand<RunCommandResult>('switchyard.promote', plan, { confirmed: true });
    assert.equal(promoted.status === 'finished' ? promoted.exitCode : -1, 0);
    const result = await running;
    assert.equal(result.status === 'finished' ? result.run?.outcome : undefined, 'promoted');
    const [last] = await api.listRuns();
    assert.equal(last?.state, 'ended');
    assert.equal(last?.candidateWeight, 100);
    assert.equal(api.runStatusText(), undefined);
  });

  it('should abort a live run and restore the safe routing', async () => {
    const plan = workspaceUri('ledger.release.yaml');
    const running = vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', plan, { mode: 'run', confirmed: true });
    await waitFor(async () => (await api.listRuns())[0], (run: Run | undefined) => run?.state === 'running' && run.step?.index === 4, 'the second run to wait for an operator', 20_000, 100);
    await vscode.commands.executeCommand<RunCommandResult>('switchyard.abort', plan, { confirmed: true });
    const result = await running;
    const outcome = result.status === 'finished' ? result.run?.outcome : undefined;
    assert.ok(outcome === 'aborted' || outcome === 'rolledBack', `outcome ${outcome}`);
    assert.equal((await api.listRuns())[0]?.candidateWeight, 0);
  });
});
