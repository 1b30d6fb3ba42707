import * as vscode from 'vscode';
import { compareVerdict, formatCompareTable } from '../cli/format/compare';
import type { CompareColumn, CompareRow } from '../cli/format/compare';
import { FIGURE_ROWS } from '../cli/format/distribution';
import { outcomeWords } from '../cli/format/run';
import { createStyle } from '../cli/format/style';
import { formatCount, formatDuration, formatPercent } from '../cli/format/units';
import type { Plan } from '../domain/plan/schema';
import type { Outcome } from '../domain/strategies/effects';
import { engine } from './lazyEngine';
import { baseSeedOf, runManySeeds } from './manySeeds';
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

const SINGLE_ROWS: readonly CompareRow[] = [
  ...FIGURE_ROWS.map(({ name, ...rest }) => ({ key: name, ...rest })),
  { key: 'timeToRestoreMs', label: 'Time to restore', format: formatDuration, lowerIsBetter: true },
];
const RATE_ROWS: readonly CompareRow[] = [
  { key: 'detection', label: 'Detection', format: (v) => formatPercent(v), lowerIsBetter: false },
  { key: 'falseAlarm', label: 'False alarm', format: (v) => formatPercent(v), lowerIsBetter: true },
];

interface Loaded {
  uri: vscode.Uri;
  label: string;
  plan: Plan;
}

/**
 * Compare Strategies...: this plan and others under one scenario, side by side (the CLI's
 * `compare` table), one run each or medians over the Monte Carlo runs from settings; the result
 * opens as a Markdown document.
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
  const columns = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Comparing ${plans.length} plans (${scenario})`, cancellable: true },
    (progress, token) => compareColumns(plans, scenario, runs, settings.seed, progress, token),
  );
  if (!columns) return undefined;
  const text = formatReport(columns, scenario, runs);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  return { document, text };
}

async function compareColumns(plans: Loaded[], scenario: string, runs: number, seed: number | undefined, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<CompareColumn[] | undefined> {
  const columns: CompareColumn[] = [];
  for (const { label, plan } of plans) {
    if (token.isCancellationRequested) return undefined;
    const baseSeed = baseSeedOf(plan, scenario, seed);
    if (runs === 1) {
      const run = engine().simulate(plan, { scenario, seed: baseSeed, recordSnapshots: false });
      columns.push({ label, note: `${run.strategy} · seed ${run.seed}`, outcome: outcomeWords(run.outcome), values: { ...run.figures } });
      progress.report({ message: label, increment: 100 / plans.length });
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    const scaled = { report: (value: { message?: string; increment?: number }) => progress.report({ message: `${label}: ${value.message ?? ''}`, increment: (value.increment ?? 0) / plans.length }) };
    const summary = await runManySeeds(plan, scenario, baseSeed, runs, scaled, token);
    if (!summary) return undefined;
    const values: Record<string, number | null> = { detection: summary.detection, falseAlarm: summary.falseAlarm };
    for (const row of FIGURE_ROWS) values[row.name] = summary.figures[row.name]?.p50 ?? null;
    const [top, share] = (Object.entries(summary.outcomes) as [Outcome, { probability: number }][]).reduce<[Outcome, number]>((best, [outcome, { probability }]) => (probability > best[1] ? [outcome, probability] : best), ['promoted', -1]);
    columns.push({ label, note: `${Object.keys(plan.strategy)[0] ?? ''} · ${formatCount(summary.runs)} runs`, outcome: `${outcomeWords(top)} ${formatPercent(share, 0)}`, values });
  }
  return columns;
}

function formatReport(columns: CompareColumn[], scenario: string, runs: number): string {
  const rows = runs === 1 ? SINGLE_ROWS : [...RATE_ROWS.filter((row) => columns.some((c) => c.values[row.key] !== null)), ...FIGURE_ROWS.map(({ name, ...rest }) => ({ key: name, ...rest }))];
  const verdict = compareVerdict(columns.map((c) => ({ label: c.label, errors: c.values.userErrors ?? 0, durationMs: c.values.durationMs ?? 0 })));
  const what = runs === 1 ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  return [`# Compare: scenario ${scenario}`, '', `${what}; \`*\` marks the best value per row.`, '', '```text', formatCompareTable(rows, columns, createStyle(false)), '```', '', `**${verdict}**`, ''].join('\n');
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
    { label: `Medians of ${monteCarloRuns} runs per plan`, detail: 'switchyard.simulation.monteCarloRuns seeds: detection, false alarms, spread', runs: monteCarloRuns },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Compare Strategies', placeHolder: 'How many runs' }))?.runs;
}
