import { basename } from 'node:path';
import { ALTERNATIVE_KINDS, planAs, type AlternativeKind } from '../../domain/plan/asStrategy';
import { scenarioDifferences, withScenario } from '../../domain/plan/scenarioDifferences';
import type { MonteCarloSummary } from '../../domain/simulator/monteCarlo';
import { chooseScenario } from '../../domain/simulator/scenarioDefaults';
import { simulate } from '../../domain/simulator/simulate';
import type { RunResult } from '../../domain/simulator/types';
import type { Outcome } from '../../domain/strategies/effects';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import { compareVerdict, FIGURE_TABLE_ROWS, formatCompareTable, namedPlanVerdict, SINGLE_ROWS, type CompareColumn, type CompareRow } from '../../text/compare';
import { FIGURE_ROWS } from '../../text/distribution';
import { outcomeWords } from '../../text/run';
import { formatCount, formatPercent } from '../../text/units';
import type { CliIO } from '../io';
import { runMonteCarlo } from '../monteCarlo/pool';
import { preparePlan, type PreparedPlan } from '../monteCarlo/prepare';
import { progressReporter } from '../monteCarlo/progress';

const OPTIONS = ['scenario', 'runs', 'seed', 'workers', 'json', 'as'] as const;

const RATE_ROWS: readonly CompareRow[] = [
  { key: 'detection', label: 'Detection', format: (v) => formatPercent(v), lowerIsBetter: false },
  { key: 'falseAlarm', label: 'False alarm', format: (v) => formatPercent(v), lowerIsBetter: true },
  { key: 'stalled', label: 'Stalled', format: (v) => formatPercent(v), lowerIsBetter: true },
  { key: 'missed', label: 'Missed', format: (v) => formatPercent(v), lowerIsBetter: true },
];

/** One column to compare: a plan the user named, or the first one rehearsed `as` another strategy. */
interface Entry {
  prepared: PreparedPlan;
  label: string;
  as?: AlternativeKind;
}

interface PlanResult {
  entry: Entry;
  column: CompareColumn;
  json: Record<string, unknown>;
}

/** The plans that define the compared scenario otherwise than the first, and where. */
interface ScenarioMismatch {
  definedBy: Entry;
  others: { entry: Entry; paths: string[] }[];
}

/**
 * `switchyard compare PLAN... --scenario S [--as KIND,...] [--runs N] [--seed N] [--json]`: one
 * scenario across plans, side by side, best figure per row marked, and a verdict on user errors
 * and duration. Every plan runs the first plan's definition of the scenario (and says so when
 * another defines it differently). `--as rolling,blueGreen` (or `--as all`) adds the first plan
 * rehearsed under those strategies, and the verdict then weighs it against each. With --runs the
 * figures are medians over N seeds, plus detection, stall and miss (or false alarm).
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

  const named: Entry[] = [];
  const labels = uniqueLabels(files);
  for (const [index, file] of files.entries()) {
    const plan = preparePlan(file, scenario, seed, io);
    if (typeof plan === 'number') return plan;
    named.push({ prepared: plan, label: labels[index] ?? file });
  }
  const { aligned, mismatch } = underFirstDefinition(named);
  const entries = [...aligned];
  const first = entries[0];
  if (first && kinds.length > 0) {
    for (const kind of kinds) {
      const alternative = planAs(first.prepared.plan, kind);
      if (!alternative.ok) {
        if (args.options.get('as') !== 'all') io.err(`${first.prepared.file}: not compared as ${kind}: ${alternative.reason}`);
        continue;
      }
      for (const note of alternative.value.notes) io.err(`${basename(first.prepared.file)} as ${kind}: ${note}`);
      entries.push({ prepared: { ...first.prepared, file: `${first.prepared.file} as ${kind}`, plan: alternative.value.plan }, label: `${first.label} as ${kind}`, as: kind });
    }
  }
  if (entries.length < 2) throw new UsageError('compare needs two or more plans; nothing else to compare with');
  const against = kinds.length > 0;
  if (runs === undefined) return report(entries.map(single), { runs, mismatch, against }, args, io);
  return many(entries, runs, integerOption(args, 'workers'), io).then((results) => report(results, { runs, mismatch, against }, args, io));
}

/**
 * Makes every entry run the first plan's definition of the scenario (and its seed), so the table
 * compares strategies rather than scenarios; says which plans defined it otherwise.
 */
function underFirstDefinition(entries: readonly Entry[]): { aligned: readonly Entry[]; mismatch: ScenarioMismatch | undefined } {
  const [first, ...rest] = entries;
  const definition = first && chooseScenario(first.prepared.plan, first.prepared.scenario);
  if (!first || !definition?.ok) return { aligned: entries, mismatch: undefined };
  const others: ScenarioMismatch['others'] = [];
  const aligned = rest.map((entry): Entry => {
    const { plan, scenario } = entry.prepared;
    const own = chooseScenario(plan, scenario);
    const moved: Entry = { ...entry, prepared: { ...entry.prepared, plan: withScenario(plan, scenario, definition.scenario), baseSeed: first.prepared.baseSeed } };
    const paths = own.ok ? scenarioDifferences(definition.scenario, own.scenario) : [];
    if (paths.length > 0) others.push({ entry: moved, paths });
    return moved;
  });
  return { aligned: [first, ...aligned], mismatch: others.length > 0 ? { definedBy: first, others } : undefined };
}

function single(entry: Entry): PlanResult {
  const { prepared, label } = entry;
  const run: RunResult = simulate(prepared.plan, { scenario: prepared.scenario, seed: prepared.baseSeed, recordSnapshots: false });
  const values: Record<string, number | null> = { ...run.figures };
  return {
    entry,
    column: { label, note: `${run.strategy} · seed ${run.seed}`, outcome: outcomeWords(run.outcome), values },
    json: { file: prepared.file, service: run.service, strategy: run.strategy, engine: run.engine, seed: run.seed, outcome: run.outcome, reason: run.reason, figures: run.figures },
  };
}

async function many(entries: readonly Entry[], runs: number, workers: number | undefined, io: CliIO): Promise<PlanResult[]> {
  const results: PlanResult[] = [];
  for (const entry of entries) {
    const { prepared: plan, label } = entry;
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
    results.push({ entry, column: summaryColumn(summary, label, plan), json: { file: plan.file, service: plan.plan.service, ...summary } });
  }
  return results;
}

function summaryColumn(summary: MonteCarloSummary, label: string, plan: PreparedPlan): CompareColumn {
  const values: Record<string, number | null> = { detection: summary.detection, falseAlarm: summary.falseAlarm, stalled: summary.stalled, missed: summary.missed };
  for (const row of FIGURE_ROWS) values[row.name] = summary.figures[row.name]?.p50 ?? null;
  const [top, share] = (Object.entries(summary.outcomes) as [Outcome, { probability: number }][]).reduce<[Outcome, number]>(
    (best, [outcome, { probability }]) => (probability > best[1] ? [outcome, probability] : best),
    ['promoted', -1],
  );
  const strategy = Object.keys(plan.plan.strategy)[0] ?? '';
  return { label, note: `${strategy} · ${formatCount(summary.runs)} runs`, outcome: `${outcomeWords(top)} ${formatPercent(share, 0)}`, values };
}

/**
 * The closing lines: with `--as`, the plan the user named against each other column; otherwise
 * the plan with the fewest errors against the one with the most.
 */
function verdictLines(results: readonly PlanResult[], against: boolean): string[] {
  const figures = results.map((r) => ({ label: r.column.label, errors: r.column.values.userErrors ?? 0, durationMs: r.column.values.durationMs ?? 0 }));
  if (!against) return [compareVerdict(figures)];
  const [named, ...others] = figures;
  if (!named) return [];
  return namedPlanVerdict(
    named,
    others.map((other, i) => {
      const as = results[i + 1]?.entry.as;
      return { ...other, than: as === undefined ? other.label : `it would as ${as}` };
    }),
  );
}

function mismatchNote(mismatch: ScenarioMismatch, scenario: string): string {
  const plans = mismatch.others.map(({ entry, paths }) => `${entry.label} (${paths.join(', ')})`);
  const who = plans.length === 1 ? `${plans[0] ?? ''} defines` : `${plans.slice(0, -1).join(', ')} and ${plans.at(-1) ?? ''} define`;
  return `${who} scenario ${scenario} differently from ${mismatch.definedBy.label}; every plan ran under ${mismatch.definedBy.label}'s definition`;
}

function report(results: readonly PlanResult[], about: { runs: number | undefined; mismatch: ScenarioMismatch | undefined; against: boolean }, args: ParsedArgs, io: CliIO): number {
  const { runs, mismatch } = about;
  const lines = verdictLines(results, about.against);
  const scenario = results[0]?.entry.prepared.scenario ?? '';
  const note = mismatch && mismatchNote(mismatch, scenario);
  if (flag(args, 'json')) {
    const definition = mismatch && { definedBy: mismatch.definedBy.prepared.file, differing: mismatch.others.map(({ entry, paths }) => ({ file: entry.prepared.file, paths })) };
    io.out(JSON.stringify({ scenario, runs: runs ?? 1, figures: runs === undefined ? 'one run per plan' : 'medians', ...(definition ? { scenarioDefinition: definition } : {}), plans: results.map((r) => r.json), verdict: lines.join('\n') }, null, 2));
    return EXIT.promoted;
  }
  const rows = runs === undefined ? SINGLE_ROWS : [...RATE_ROWS.filter((row) => results.some((r) => r.column.values[row.key] !== null)), ...FIGURE_TABLE_ROWS];
  const style = io.outStyle;
  const what = runs === undefined ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  const definedBy = mismatch ? ` as ${mismatch.definedBy.label} defines it` : '';
  io.out(`${style.bold('Compare')}: scenario ${style.bold(scenario)}${definedBy}, ${what} ${style.dim('(* best per row)')}\n`);
  if (note) io.out(`${style.yellow(note)}\n`);
  io.out(formatCompareTable(rows, results.map((r) => r.column), style));
  io.out(`\n${lines.map((line) => style.bold(line)).join('\n')}`);
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
