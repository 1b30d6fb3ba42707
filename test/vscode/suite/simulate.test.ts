import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunResult } from '../../../src/domain/simulator/types';
import { activateExtension, openPlan, resetEditors, waitFor, workspaceUri } from './helpers';

describe('simulate', () => {
  before(activateExtension);
  after(resetEditors);

  it('should simulate the active plan and remember the result', async () => {
    const api = await activateExtension();
    const editor = await openPlan('checkout.release.yaml');
    const run = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan');
    assert.equal(run?.service, 'checkout');
    assert.equal(run?.outcome, 'promoted');
    assert.equal(api.lastRun(editor.document.uri)?.outcome, 'promoted');
  });

  it('should roll back a bad version in its scenario, as the tree context menu asks', async () => {
    const uri = workspaceUri('checkout.release.yaml');
    const run = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', { kind: 'scenario', uri, name: 'bad-version' });
    assert.equal(run?.outcome, 'rolledBack');
    assert.match(run?.reason ?? '', /error-rate/);
  });

  it('should refuse a plan with problems instead of simulating it', async () => {
    const run = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', workspaceUri('broken.release.yaml'));
    assert.equal(run, undefined);
  });

  it('should show Simulate and the timeline estimate above the plan', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('checkout.release.yaml'));
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.some((title) => title.includes('Simulate')), titles.join(' | '));
    // Canary example: pauses of 2m, 2m and 5m, two analyses of 2m, and boots: about 14 minutes, as a simulation takes.
    assert.ok(titles.some((title) => /~1[3-5]m( \d+s)?, 8 steps/.test(title)), titles.join(' | '));
    // A lens stays on the plan's first line of YAML, under the header comment.
    assert.equal(lenses[0]?.range.start.line, 3);
    assert.ok(titles.includes('$(diff) Compare...'), titles.join(' | '));
    // No targets: nothing to run for real.
    assert.ok(!titles.some((title) => title.includes('Run...')), titles.join(' | '));
  });

  it('should offer Run above a plan with targets', async () => {
    // The CodeLens command answers for documents the workbench has loaded.
    await vscode.workspace.openTextDocument(workspaceUri('ledger.release.yaml'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceUri('ledger.release.yaml'));
    const run = lenses.find((lens) => lens.command?.title === '$(rocket) Run...');
    assert.equal(run?.command?.command, 'switchyard.runRelease');
  });

  it('should rehearse an Argo Rollout in any YAML file as it is: notes in the Problems panel, Simulate above it', async () => {
    const uri = workspaceUri('rollout.yaml');
    await vscode.workspace.openTextDocument(uri);
    const notes = await waitFor(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'switchyard'), (found) => found.length > 0, 'the rehearsal\'s notes on rollout.yaml');
    assert.ok(notes.every((note) => note.severity === vscode.DiagnosticSeverity.Information), notes.map((note) => note.message).join(' | '));
    assert.ok(notes.some((note) => /measurements come from the scenario/.test(note.message)), notes.map((note) => note.message).join(' | '));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.ok(lenses.some((lens) => lens.command?.title === '$(play) Simulate'), lenses.map((lens) => lens.command?.title).join(' | '));
    const good = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', uri);
    assert.equal(good?.engine, 'argo-rollouts');
    assert.equal(good?.outcome, 'promoted');
    const bad = await vscode.commands.executeCommand<RunResult | undefined>('switchyard.simulatePlan', { kind: 'scenario', uri, name: 'bad-version' });
    assert.equal(bad?.outcome, 'rolledBack');
  });

  it('should leave a YAML file that holds no release alone', async () => {
    const uri = workspaceUri('notAPlan.yaml');
    await vscode.workspace.openTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses.map((lens) => lens.command?.title), []);
  });
});
