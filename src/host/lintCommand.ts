import * as vscode from 'vscode';
import { formatDiagnostics, summarizeDiagnostics } from '../text/diagnostics';
import { formatEstimate } from '../text/estimate';
import { createStyle } from '../text/style';
import type { PlanDiagnostics } from './diagnostics';
import { engine } from '../bundles/loadEngine';
import type { ParseCache } from './parseCache';
import { planDocument } from './simulateCommand';

export interface LintResult {
  problems: number;
  /** "Estimate: ~9 min (fastest 9 min, worst 12 min), 8 steps; ..." for a valid plan. */
  estimate: string | undefined;
}

/**
 * Lint Plan: diagnoses the plan now (no debounce), writes every problem to the output the way
 * the CLI prints them, and shows the timeline estimate of a valid plan.
 */
export async function lintCommand(cache: ParseCache, diagnostics: PlanDiagnostics, output: vscode.LogOutputChannel, uri: vscode.Uri | undefined): Promise<LintResult | undefined> {
  const document = await planDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Switchyard: open a release plan (*.release.yaml) to lint it.');
    return undefined;
  }
  diagnostics.update(document);
  const parsed = cache.parse(document);
  const name = vscode.workspace.asRelativePath(document.uri);
  const problems = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  if (parsed.diagnostics.length > 0) output.info(`\n${formatDiagnostics(name, document.getText(), parsed.diagnostics, createStyle(false))}`);
  const estimate = parsed.ok ? formatEstimate(engine().estimateTimelineDetail(parsed.plan)) : undefined;
  const verdict = parsed.diagnostics.length === 0 ? 'ok' : summarizeDiagnostics(parsed.diagnostics);
  output.info(`${name}: ${verdict}${estimate ? `\n${estimate}` : ''}`);
  if (problems > 0) {
    void vscode.window.showWarningMessage(`Switchyard: ${name}: ${verdict}.`, 'Show Problems').then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
  } else {
    void vscode.window.showInformationMessage(`Switchyard: ${name}: ${verdict}. ${estimate ?? ''}`);
  }
  return { problems, estimate };
}
