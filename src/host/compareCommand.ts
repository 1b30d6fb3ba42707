import * as vscode from 'vscode';
import type { Plan } from '../domain/plan/schema';
import type { ComparisonProgress } from '../domain/simulator/comparison';
import { formatCompareReport } from '../text/compareReport';
import { onceTable, summaryTable, type CompareTable } from '../text/compareTable';
import { engine } from '../bundles/loadEngine';
import { nextTurn, SEEDS_PER_SLICE } from './manySeeds';
import type { ParseCache } from './parseCache';
import { PLAN_GLOBS } from './planFiles';
import { readSettings } from './settings';
import { planDocument } from './simulateCommand';

/** Arguments skip the questions (tests): other plans, the scenario, and 1 or N runs per plan. */
export interface CompareArgs {
  others?: vscode.Uri[];
  scenario?: string;
  runs?: number;
}

export interface CompareResult {
  document: vscode.TextDocument;
  text: string;
}

interface Loaded {
  uri: vscode.Uri;
  label: string;
  plan: Plan;
}

/**
 * Compare Strategies...: this plan and others under one scenario, side by side (the CLI's
 * `compare` table), one run each, or over the Monte Carlo runs from settings how the runs read
 * (detection or false alarm, stalled, missed or passed) and the median figures; the result opens
 * as a Markdown document.
 */
export async function compareCommand(cache: ParseCache, uri: vscode.Uri | undefined, args: CompareArgs = {}): Promise<CompareResult | undefined> {
  const first = await planDocument(uri);
  const others = args.others ?? (await pickOthers(first?.uri));
  if (!others) return undefined;
  const uris = [...(first ? [first.uri] : []), ...others.filter((other) => other.toString() !== first?.uri.toString())];
  if (uris.length < 2) {
    void vscode.window.showWarningMessage('Switchyard: pick at least two plans to compare.');
    return undefined;
  }
  const plans = await loadPlans(cache, uris);
  if (!plans) return undefined;
  const shared = Object.keys(plans[0]?.plan.scenarios ?? {}).filter((name) => plans.every((p) => name in p.plan.scenarios));
  const scenario = args.scenario ?? (await vscode.window.showQuickPick(shared.length > 0 ? shared : ['default'], { title: 'Compare Strategies', placeHolder: 'Scenario every plan is run with' }));
  if (!scenario) return undefined;
  const settings = readSettings(uris[0]);
  const runs = args.runs ?? (await pickRuns(settings.monteCarloRuns));
  if (runs === undefined) return undefined;
  const table = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Comparing ${plans.length} plans (${scenario})`, cancellable: true },
    (progress, token) => compareTable(plans, scenario, runs, settings.seed, progress, token),
  );
  if (!table) return undefined;
  const text = formatCompareReport(table, scenario, runs);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  return { document, text };
}

/**
 * Runs the comparison in this thread, each plan under its own definition of the scenario and
 * from its own seed (the setting, else the scenario's, else 1); undefined when cancelled.
 */
async function compareTable(plans: Loaded[], scenario: string, runs: number, seed: number | undefined, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<CompareTable | undefined> {
  const { setUpComparison, compareOnce, compareOverSeeds } = engine();
  const comparison = setUpComparison({ plans, scenario, definition: { from: 'own' }, ...(seed !== undefined ? { seed } : {}) });
  let reported = 0;
  const onProgress = ({ done, total, column, columnDone, columnTotal }: ComparisonProgress): void => {
    const label = plans[column]?.label ?? '';
    progress.report({ message: runs === 1 ? label : `${label}: ${columnDone} of ${columnTotal} runs`, increment: (100 * (done - reported)) / total });
    reported = done;
  };
  const options = { signal: token, yieldNow: nextTurn, onProgress };
  if (runs === 1) {
    const columns = await compareOnce(comparison, options);
    return columns && onceTable(columns.map(({ entry, run }) => ({ label: entry.label, run })));
  }
  const columns = await compareOverSeeds(comparison, runs, { ...options, chunk: SEEDS_PER_SLICE });
  return columns && summaryTable(columns.map(({ entry, strategy, summary }) => ({ label: entry.label, strategy, summary })));
}

async function loadPlans(cache: ParseCache, uris: vscode.Uri[]): Promise<Loaded[] | undefined> {
  const loaded: Loaded[] = [];
  for (const uri of uris) {
    const parsed = cache.parse(await vscode.workspace.openTextDocument(uri));
    const label = vscode.workspace.asRelativePath(uri);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(`Switchyard: ${label} has ${parsed.diagnostics.length} problem(s); fix them to compare it.`);
      return undefined;
    }
    loaded.push({ uri, label, plan: parsed.plan });
  }
  return loaded;
}

async function pickOthers(current: vscode.Uri | undefined): Promise<vscode.Uri[] | undefined> {
  const found = (await Promise.all(PLAN_GLOBS.map((glob) => vscode.workspace.findFiles(glob, '**/node_modules/**')))).flat();
  const items = found.filter((uri) => uri.toString() !== current?.toString()).map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri, picked: current === undefined }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Compare Strategies', placeHolder: current ? `Plans to compare with ${vscode.workspace.asRelativePath(current)}` : 'Plans to compare', canPickMany: true });
  return picked?.map((item) => item.uri);
}

async function pickRuns(monteCarloRuns: number): Promise<number | undefined> {
  const items = [
    { label: 'One run per plan', detail: 'The scenario\'s seed: fast, one possible outcome', runs: 1 },
    { label: `Medians of ${monteCarloRuns} runs per plan`, detail: 'switchyard.simulation.monteCarloRuns seeds: detection or false alarms, stalls, spread', runs: monteCarloRuns },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Compare Strategies', placeHolder: 'How many runs' }))?.runs;
}
