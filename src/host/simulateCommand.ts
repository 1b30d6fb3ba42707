import * as vscode from 'vscode';
import { formatHeader, formatSummary, formatTimeline, summarizeRun } from '../text/run';
import { createStyle } from '../text/style';
import type { Plan } from '../domain/plan/schema';
import type { RunResult } from '../domain/simulator/types';
import type { ParseCache } from './parseCache';
import { engine } from '../bundles/loadEngine';
import { isPlanDocument } from './planFiles';
import type { RunResults } from './results';
import { readSettings } from './settings';

export interface SimulateDeps {
  cache: ParseCache;
  results: RunResults;
  output: vscode.LogOutputChannel;
}

/** The plan behind a command: the resource it was invoked on (CodeLens, tree, explorer), else the active editor. */
export async function planDocument(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(uri);
  const document = vscode.window.activeTextEditor?.document;
  return document && isPlanDocument(document) ? document : undefined;
}

/** Loads a plan, or tells the user why it cannot be simulated and returns undefined. */
export function validPlan(document: vscode.TextDocument, cache: ParseCache): Plan | undefined {
  const parsed = cache.parse(document);
  if (parsed.ok) return parsed.plan;
  const first = parsed.diagnostics[0];
  const where = first ? ` First: line ${first.range.start.line}: ${first.message}` : '';
  void vscode.window.showErrorMessage(`Switchyard: fix ${parsed.diagnostics.length} problem(s) in ${vscode.workspace.asRelativePath(document.uri)} before simulating.${where}`, 'Show Problems')
    .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
  return undefined;
}

/**
 * The plan a simulation command acts on: the given or active document, parsed without errors.
 * Says why when there is none, so every command shows the same messages.
 */
export async function planToSimulate(uri: vscode.Uri | undefined, cache: ParseCache): Promise<{ document: vscode.TextDocument; plan: Plan } | undefined> {
  const document = await planDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Switchyard: open a release plan (*.release.yaml) to simulate it.');
    return undefined;
  }
  const plan = validPlan(document, cache);
  return plan && { document, plan };
}

/**
 * Simulate Plan: runs the plan under virtual time, writes the journal to the output channel and
 * reports the outcome. Returns the run, so tests and other commands can use it.
 */
export async function simulateCommand(deps: SimulateDeps, uri?: vscode.Uri, scenario?: string): Promise<RunResult | undefined> {
  const target = await planToSimulate(uri, deps.cache);
  if (!target) return undefined;
  const { document, plan } = target;
  const { seed } = readSettings(document.uri);
  const run = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Simulating ${plan.service}`, cancellable: true },
    async (progress, token) => {
      progress.report({ message: scenario ? `scenario ${scenario}` : 'default scenario' });
      // Yield once so the notification paints before the (synchronous) simulation takes the thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (token.isCancellationRequested) return undefined;
      return engine().simulate(plan, { ...(scenario === undefined ? {} : { scenario }), ...(seed === undefined ? {} : { seed }) });
    },
  );
  if (!run) return undefined;
  deps.results.record(document.uri, run);
  writeJournal(deps.output, run, vscode.workspace.asRelativePath(document.uri));
  const good = run.outcome === 'promoted';
  const show = good ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`Switchyard: ${summarizeRun(run)}. ${run.reason}`, 'Show Output').then((choice) => choice && deps.output.show(true));
  return run;
}

function writeJournal(output: vscode.LogOutputChannel, run: RunResult, fileName: string): void {
  const plain = createStyle(false);
  output.info([formatHeader(run, fileName, plain), formatTimeline(run.events, plain, false), formatSummary(run, plain)].join('\n\n'));
}

/** Simulate with Scenario...: picks one of the plan's scenarios, then simulates. */
export async function simulateWithScenarioCommand(deps: SimulateDeps, uri?: vscode.Uri): Promise<RunResult | undefined> {
  const document = await planDocument(uri);
  const plan = document && validPlan(document, deps.cache);
  if (!document || !plan) return document ? undefined : simulateCommand(deps, uri);
  const items = Object.entries(plan.scenarios).map(([name, scenario]) => ({ label: name, detail: scenario.description }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`Switchyard: ${plan.service} has no scenarios; simulating the default one. Add some under "scenarios:".`);
    return simulateCommand(deps, document.uri);
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Simulate ${plan.service}`, placeHolder: 'Scenario' });
  return picked ? simulateCommand(deps, document.uri, picked.label) : undefined;
}
