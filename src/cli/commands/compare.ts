import { basename } from 'node:path';
import { ALTERNATIVE_KINDS, planAs, type AlternativeKind } from '../../domain/plan/asStrategy';
import type { MonteCarloSummary } from '../../domain/simulator/monteCarlo';
import { simulate } from '../../domain/simulator/simulate';
import type { RunResult } from '../../domain/simulator/types';
import type { Outcome } from '../../domain/strategies/effects';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import { compareVerdict, formatCompareTable, type CompareColumn, type CompareRow } from '../format/compare';
import { FIGURE_ROWS } from '../format/distribution';
import { outcomeWords } from '../format/run';
import { formatCount, formatDuration, formatPercent } from '../format/units';
import type { CliIO } from '../io';
import { runMonteCarlo } from '../monteCarlo/pool';
import { preparePlan, type PreparedPlan } from '../monteCarlo/prepare';
import { progressReporter } from '../monteCarlo/progress';

const OPTIONS = ['scenario', 'runs', 'seed', 'workers', 'json', 'as'] as const;

const SINGLE_ROWS: readonly CompareRow[] = [
  ...FIGURE_ROWS.map(({ name, label, format, lowerIsBetter }) => ({ key: name, label, format, lowerIsBetter })),
  { key: 'timeToRestoreMs', label: 'Time to restore', format: formatDuration, lowerIsBetter: true },
];
const RATE_ROWS: readonly CompareRow[] = [
  { key: 'detection', label: 'Detection', format: (v) => formatPercent(v), lowerIsBetter: false },
  { key: 'falseAlarm', label: 'False alarm', format: (v) => formatPercent(v), lowerIsBetter: true },
];

interface PlanResult {
  prepared: PreparedPlan;
  column: CompareColumn;
  json: Record<string, unknown>;
}

/**
 * `switchyard compare PLAN... --scenario S [--as KIND,...] [--runs N] [--seed N] [--json]`: one
 * scenario across plans, side by side, best figure per row marked, and a one-line verdict on user
 * errors and duration. `--as rolling,blueGreen` (or `--as all`) adds the first plan rehearsed
 * under those strategies. With --runs the figures are medians over N seeds, plus detection or
 * false alarm.
 *
 * @example
 * switchyard compare examples/rolling.release.yaml examples/canary.release.yaml --scenario bad-version
 * switchyard compare examples/canary.release.yaml --as all --scenario bad-version
 */
export function runCompare(args: ParsedArgs, io: CliIO): number | Promise<number> {
  rejectUnknownOptions(args, OPTIONS);
  const files = args.positionals;
  const kinds = alternativeKinds(stringOption(args, 'as'));
  if (files.length + kinds.length < 2) throw new UsageError('compare needs two or more plans: switchyard compare PLAN PLAN... --scenario S [--runs N], or one plan with --as KIND,... (canary, blueGreen, rolling, recreate or all)');
  const scenario = stringOption(args, 'scenario');
  if (scenario === undefined) throw new UsageError('compare needs --scenario S, the scenario every plan is run with');
  const runs = integerOption(args, 'runs');
  if (runs !== undefined && runs < 1) throw new UsageError('--runs must be at least 1');
  const seed = integerOption(args, 'seed');

  const prepared: PreparedPlan[] = [];
  for (const file of files) {
    const plan = preparePlan(file, scenario, seed, io);
    if (typeof plan === 'number') return plan;
    prepared.push(plan);
  }
  const labels = uniqueLabels(files);
  const first = prepared[0];
  if (first && kinds.length > 0) {
    for (const kind of kinds) {
      const alternative = planAs(first.plan, kind);
      if (!alternative.ok) {
        if (args.options.get('as') !== 'all') io.err(`${first.file}: not compared as ${kind}: ${alternative.reason}`);
        continue;
      }
      for (const note of alternative.value.notes) io.err(`${basename(first.file)} as ${kind}: ${note}`);
      prepared.push({ ...first, file: `${first.file} as ${kind}`, plan: alternative.value.plan });
      labels.push(`${labels[0] ?? basename(first.file)} as ${kind}`);
    }
  }
  if (prepared.length < 2) throw new UsageError('compare needs two or more plans; nothing else to compare with');
  if (runs === undefined) return report(prepared.map((p, i) => single(p, labels[i] ?? p.file)), undefined, args, io);
  return many(prepared, labels, runs, integerOption(args, 'workers'), io).then((results) => report(results, runs, args, io));
}

function single(prepared: PreparedPlan, label: string): PlanResult {
  const run: RunResult = simulate(prepared.plan, { scenario: prepared.scenario, seed: prepared.baseSeed, recordSnapshots: false });
  const values: Record<string, number | null> = { ...run.figures };
  return {
    prepared,
    column: { label, note: `${run.strategy} · seed ${run.seed}`, outcome: outcomeWords(run.outcome), values },
    json: { file: prepared.file, service: run.service, strategy: run.strategy, engine: run.engine, seed: run.seed, outcome: run.outcome, reason: run.reason, figures: run.figures },
  };
}

async function many(prepared: readonly PreparedPlan[], labels: readonly string[], runs: number, workers: number | undefined, io: CliIO): Promise<PlanResult[]> {
  const results: PlanResult[] = [];
  for (const [index, plan] of prepared.entries()) {
    const label = labels[index] ?? plan.file;
    const bar = progressReporter(io, label);
    const { summary } = await runMonteCarlo({
      source: plan.source,
      fileName: plan.file,
      plan: plan.plan,
      scenario: plan.scenario,
      baseSeed: plan.baseSeed,
      runs,
      ...(workers !== undefined ? { workers } : {}),
      onProgress: bar.update,
    }).finally(bar.finish);
    results.push({ prepared: plan, column: summaryColumn(summary, label, plan), json: { file: plan.file, service: plan.plan.service, ...summary } });
  }
  return results;
}

function summaryColumn(summary: MonteCarloSummary, label: string, plan: PreparedPlan): CompareColumn {
  const values: Record<string, number | null> = { detection: summary.detection, falseAlarm: summary.falseAlarm };
  for (const row of FIGURE_ROWS) values[row.name] = summary.figures[row.name]?.p50 ?? null;
  const [top, share] = (Object.entries(summary.outcomes) as [Outcome, { probability: number }][]).reduce<[Outcome, number]>(
    (best, [outcome, { probability }]) => (probability > best[1] ? [outcome, probability] : best),
    ['promoted', -1],
  );
  const strategy = Object.keys(plan.plan.strategy)[0] ?? '';
  return { label, note: `${strategy} · ${formatCount(summary.runs)} runs`, outcome: `${outcomeWords(top)} ${formatPercent(share, 0)}`, values };
}

function report(results: readonly PlanResult[], runs: number | undefined, args: ParsedArgs, io: CliIO): number {
  const verdict = compareVerdict(
    results.map((r) => ({ label: r.column.label, errors: r.column.values.userErrors ?? 0, durationMs: r.column.values.durationMs ?? 0 })),
  );
  const scenario = results[0]?.prepared.scenario ?? '';
  if (flag(args, 'json')) {
    io.out(JSON.stringify({ scenario, runs: runs ?? 1, figures: runs === undefined ? 'one run per plan' : 'medians', plans: results.map((r) => r.json), verdict }, null, 2));
    return EXIT.promoted;
  }
  const rows = runs === undefined ? SINGLE_ROWS : [...RATE_ROWS.filter((row) => results.some((r) => r.column.values[row.key] !== null)), ...FIGURE_ROWS.map(({ name, ...rest }) => ({ key: name, ...rest }))];
  const style = io.outStyle;
  const what = runs === undefined ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  io.out(`${style.bold('Compare')}: scenario ${style.bold(scenario)}, ${what} ${style.dim('(* best per row)')}\n`);
  io.out(formatCompareTable(rows, results.map((r) => r.column), style));
  io.out(`\n${style.bold(verdict)}`);
  return EXIT.promoted;
}

function alternativeKinds(value: string | undefined): AlternativeKind[] {
  if (value === undefined) return [];
  if (value === 'all') return [...ALTERNATIVE_KINDS];
  return value.split(',').map((kind) => {
    const known = ALTERNATIVE_KINDS.find((candidate) => candidate === kind.trim());
    if (!known) throw new UsageError(`--as ${kind}: choose from ${ALTERNATIVE_KINDS.join(', ')} or all`);
    return known;
  });
}

/** File names, or paths when two plans share a name. */
function uniqueLabels(files: readonly string[]): string[] {
  const names = files.map((f) => basename(f));
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? (files[i] ?? name) : name));
}
