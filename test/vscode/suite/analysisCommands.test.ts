import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MonteCarloSummary } from '../../../src/domain/simulator/monteCarlo';
import type { CompareResult } from '../../../src/host/compareCommand';
import type { LintResult } from '../../../src/host/lintCommand';
import { activateExtension, resetEditors, workspaceUri } from './helpers';

describe('lint, compare and many seeds', () => {
  before(activateExtension);
  after(resetEditors);

  it('should lint a plan and show its timeline estimate', async () => {
    const result = await vscode.commands.executeCommand<LintResult | undefined>('switchyard.lintPlan', workspaceUri('checkout.release.yaml'));
    assert.equal(result?.problems, 0);
    assert.match(result?.estimate ?? '', /^Estimate: ~\d+ min .*8 steps/);
  });

  it('should count the problems of a broken plan and give no estimate', async () => {
    const result = await vscode.commands.executeCommand<LintResult | undefined>('switchyard.lintPlan', workspaceUri('broken.release.yaml'));
    assert.ok((result?.problems ?? 0) > 0);
    assert.equal(result?.estimate, undefined);
  });

  it('should compare two plans side by side in a Markdown table', async () => {
    const result = await vscode.commands.executeCommand<CompareResult | undefined>('switchyard.compareStrategies', workspaceUri('checkout.release.yaml'), {
      others: [workspaceUri('ledger.release.yaml')],
      scenario: 'good-version',
      runs: 1,
    });
    const text = result?.text ?? '';
    assert.match(text, /^# Compare: scenario good-version/);
    assert.match(text, /checkout\.release\.yaml\s+ledger\.release\.yaml/);
    assert.match(text, /Errors users saw/);
    assert.equal(result?.document.languageId, 'markdown');
  });

  it('should compare medians over many seeds', async () => {
    const result = await vscode.commands.executeCommand<CompareResult | undefined>('switchyard.compareStrategies', workspaceUri('checkout.release.yaml'), {
      others: [workspaceUri('ledger.release.yaml')],
      scenario: 'good-version',
      runs: 12,
    });
    assert.match(result?.text ?? '', /medians of 12 runs per plan/);
    assert.match(result?.text ?? '', /False alarm/);
    assert.match(result?.text ?? '', /Stalled/);
    assert.match(result?.text ?? '', /Passed/);
  });

  it('should simulate many seeds and estimate how often a bad version is caught', async () => {
    const summary = await vscode.commands.executeCommand<MonteCarloSummary | undefined>('switchyard.simulateManySeeds', workspaceUri('checkout.release.yaml'), { scenario: 'bad-version', runs: 30 });
    assert.equal(summary?.runs, 30);
    assert.equal(summary?.candidateBad, true);
    assert.ok((summary?.detection ?? 0) > 0.9, `detection ${summary?.detection}`);
  });

  it('should store a metric provider token given as arguments', async () => {
    const origin = await vscode.commands.executeCommand<string | undefined>('switchyard.setMetricProviderToken', { origin: 'http://127.0.0.1:9090/api', token: 'suite-token' });
    assert.equal(origin, 'http://127.0.0.1:9090');
  });
});
