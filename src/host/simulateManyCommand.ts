import * as vscode from 'vscode';
import { formatDistribution } from '../text/distribution';
import { createStyle } from '../text/style';
import { formatPercent } from '../text/units';
import type { MonteCarloSummary } from '../domain/simulator/monteCarlo';
import { baseSeedOf, runManySeeds } from './manySeeds';
import { readSettings } from './settings';
import { planToSimulate } from './simulateCommand';
import type { SimulateDeps } from './simulateCommand';

/** Arguments skip the questions (tests, other commands). */
export interface SimulateManyArgs {
  scenario?: string;
  runs?: number;
}

/**
 * Simulate Many Seeds...: the plan under one scenario over `switchyard.simulation.monteCarloRuns`
 * seeds, with progress and cancellation; the distribution goes to the output channel.
 */
export async function simulateManyCommand(deps: SimulateDeps, uri: vscode.Uri | undefined, args: SimulateManyArgs = {}): Promise<MonteCarloSummary | undefined> {
  const target = await planToSimulate(uri, deps.cache);
  if (!target) return undefined;
  const { document, plan } = target;
  const scenario = args.scenario ?? (await pickScenario(Object.entries(plan.scenarios).map(([name, s]) => ({ label: name, detail: s.description })), plan.service));
  if (scenario === undefined) return undefined;
  const settings = readSettings(document.uri);
  const runs = args.runs ?? settings.monteCarloRuns;
  const baseSeed = baseSeedOf(plan, scenario, settings.seed);
  const started = performance.now();
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Simulating ${plan.service} × ${runs} seeds (${scenario})`, cancellable: true },
    (progress, token) => runManySeeds(plan, scenario, baseSeed, runs, progress, token),
  );
  if (!summary) {
    void vscode.window.showInformationMessage('Switchyard: Monte Carlo cancelled.');
    return undefined;
  }
  const fileName = vscode.workspace.asRelativePath(document.uri);
  deps.output.info(`\n${formatDistribution(summary, { fileName, scenario, wallMs: performance.now() - started, workers: 0 }, createStyle(false))}`);
  const undone = summary.detection !== null ? `detection ${formatPercent(summary.detection)}` : `false alarm ${formatPercent(summary.falseAlarm ?? 0)}`;
  const rate = `${undone}, stalled ${formatPercent(summary.stalled)}${summary.missed !== null ? `, missed ${formatPercent(summary.missed)}` : ''}`;
  void vscode.window.showInformationMessage(`Switchyard: ${plan.service} · ${scenario} over ${summary.runs} seeds: ${rate}.`, 'Show Output').then((choice) => choice && deps.output.show(true));
  return summary;
}

async function pickScenario(items: vscode.QuickPickItem[], service: string): Promise<string | undefined> {
  if (items.length === 0) return 'default';
  return (await vscode.window.showQuickPick(items, { title: `Simulate ${service} over many seeds`, placeHolder: 'Scenario' }))?.label;
}
