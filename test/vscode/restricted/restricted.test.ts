import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../../src/domain/simulator/types';
import type { RunCommandResult } from '../../../src/host/runs/runCommands';
import { activateExtension, workspaceUri } from '../suite/helpers';

type Refusal = { status: string; reason?: string };

/** An untrusted workspace: plans are edited and simulated; nothing real is started or touched. */
describe('restricted mode (untrusted workspace)', () => {
  before(activateExtension);

  it('should open the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('should refuse Run Release, even when asked with the confirmation already given', async () => {
    const result = await vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', workspaceUri('ledger.release.yaml'), { mode: 'run', confirmed: true });
    assert.equal(result.status, 'refused');
    assert.match(result.status === 'refused' ? result.reason : '', /trusted workspace/);
  });

  it('should refuse operator commands and the playground', async () => {
    const abort = await vscode.commands.executeCommand<Refusal>('switchyard.abort', workspaceUri('ledger.release.yaml'), { confirmed: true });
    assert.equal(abort.status, 'refused');
    const playground = await vscode.commands.executeCommand<Refusal>('switchyard.startPlayground');
    assert.equal(playground.status, 'refused');
    assert.match(playground.reason ?? '', /trust/);
    const kubernetes = await vscode.commands.executeCommand<Refusal>('switchyard.startKubernetesPlayground');
    assert.equal(kubernetes.status, 'refused');
    assert.match(kubernetes.reason ?? '', /trust/);
  });

  it('should still simulate', async () => {
    const run = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', workspaceUri('ledger.release.yaml'));
    assert.ok(run, 'a simulation result');
  });

  it('should offer no Run lens', async () => {
    await vscode.workspace.openTextDocument(workspaceUri('ledger.release.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('ledger.release.yaml'));
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => title.includes('Simulate')), titles.join(' | '));
    assert.ok(!titles.some((title) => title.includes('Run...')), titles.join(' | '));
  });
});
