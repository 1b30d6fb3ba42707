import { basename } from 'node:path';
import type { Plan } from '../../domain/plan/schema';
import { ALTERNATIVE_KINDS, planAs, type AlternativeKind } from '../../domain/plan/asStrategy';
import { compareOnce, compareOverSeeds, setUpComparison, type Comparison, type ComparisonProgress } from '../../domain/simulator/comparison';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import { compareVerdict, formatCompareTable, namedPlanVerdict, type CompareColumn } from '../../text/compare';
import { onceTable, summaryTable, verdictFigures, type CompareTable } from '../../text/compareTable';
import { formatCount } from '../../text/units';
import type { CliIO } from '../io';
import { nextTurn, workerPool } from '../monteCarlo/pool';
import { preparePlan } from '../monteCarlo/prepare';
import { progressReporter } from '../monteCarlo/progress';

const OPTIONS = ['scenario', 'runs', 'seed', 'workers', 'json', 'as'] as const;

/** The reading rows `compare --runs` prints: how the runs read against the scenario's version. */
const READINGS = ['detection', 'falseAlarm', 'stalled', 'missed'] as const;

/** One column to compare: a plan the user named, or the first one rehearsed `as` another strategy. */
interface Entry {
  file: string;
  label: string;
  plan: Plan;
  as?: AlternativeKind;
}

/** What the comparison printed: the table, and each plan's record for --json. */
interface Compared {
  table: CompareTable;
  json: Record<string, unknown>[];
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
    const prepared = preparePlan(file, scenario, seed, io);
    if (typeof prepared === 'number') return prepared;
    named.push({ file, label: labels[index] ?? file, plan: prepared.plan });
  }
  const entries = [...named, ...alternatives(named[0], kinds, args.options.get('as') === 'all', io)];
  if (entries.length < 2) throw new UsageError('compare needs two or more plans; nothing else to compare with');
  // Every plan runs the first plan's definition of the scenario (and its seed), so the table
  // compares strategies rather than scenarios.
  const comparison = setUpComparison({ plans: entries, scenario, definition: { from: 'first' }, ...(seed !== undefined ? { seed } : {}) });
  const against = kinds.length > 0;
  const compared = runs === undefined ? once(comparison) : overSeeds(comparison, runs, integerOption(args, 'workers'), io);
  return compared.then((result) => report(result, comparison, { runs, against }, args, io));
}

/** The first plan rehearsed under each of `kinds`, saying on stderr what could not be or what changed. */
function alternatives(first: Entry | undefined, kinds: readonly AlternativeKind[], all: boolean, io: CliIO): Entry[] {
  if (!first) return [];
  return kinds.flatMap((kind): Entry[] => {
    const alternative = planAs(first.plan, kind);
    if (!alternative.ok) {
      if (!all) io.err(`${first.file}: not compared as ${kind}: ${alternative.reason}`);
      return [];
    }
    for (const note of alternative.value.notes) io.err(`${basename(first.file)} as ${kind}: ${note}`);
    return [{ file: `${first.file} as ${kind}`, label: `${first.label} as ${kind}`, plan: alternative.value.plan, as: kind }];
  });
}

async function once(comparison: Comparison<Entry>): Promise<Compared> {
  const columns = (await compareOnce(comparison)) ?? [];
  return {
    table: onceTable(columns.map(({ entry, run }) => ({ label: entry.label, run }))),
    json: columns.map(({ entry, run }) => ({ file: entry.file, service: run.service, strategy: run.strategy, engine: run.engine, seed: run.seed, outcome: run.outcome, reason: run.reason, figures: run.figures })),
  };
}

async function overSeeds(comparison: Comparison<Entry>, runs: number, workers: number | undefined, io: CliIO): Promise<Compared> {
  const bars = progressBars(comparison, io);
  const columns = (await compareOverSeeds(comparison, runs, { pool: workerPool({ workers }), yieldNow: nextTurn, onProgress: bars.update }).finally(bars.finish)) ?? [];
  return {
    table: summaryTable(columns.map(({ entry, strategy, summary }) => ({ label: entry.label, strategy, summary })), { readings: READINGS, stallNotes: false }),
    json: columns.map(({ entry, plan, summary }) => ({ file: entry.file, service: plan.service, ...summary })),
  };
}

/** A progress bar per plan on a terminal's stderr, each started as the plan before it finishes. */
function progressBars(comparison: Comparison<Entry>, io: CliIO): { update: (progress: ComparisonProgress) => void; finish: () => void } {
  const barFor = (index: number) => {
    const column = comparison.columns[index];
    return column && progressReporter(io, column.entry.label);
  };
  let bar = barFor(0);
  return {
    update({ column, columnDone, columnTotal }) {
      bar?.update(columnDone, columnTotal);
      if (columnDone < columnTotal) return;
      bar?.finish();
      bar = barFor(column + 1);
    },
    finish: () => bar?.finish(),
  };
}

/**
 * The closing lines: with `--as`, the plan the user named against each other column; otherwise
 * the plan with the fewest errors against the one with the most.
 */
function verdictLines(columns: readonly CompareColumn[], entries: readonly Entry[], against: boolean): string[] {
  const figures = verdictFigures(columns);
  if (!against) return [compareVerdict(figures)];
  const [named, ...others] = figures;
  if (!named) return [];
  return namedPlanVerdict(
    named,
    others.map((other, i) => {
      const as = entries[i + 1]?.as;
      return { ...other, than: as === undefined ? other.label : `it would as ${as}` };
    }),
  );
}

function mismatchNote(mismatch: NonNullable<Comparison<Entry>['mismatch']>, scenario: string): string {
  const plans = mismatch.others.map(({ entry, paths }) => `${entry.label} (${paths.join(', ')})`);
  const who = plans.length === 1 ? `${plans[0] ?? ''} defines` : `${plans.slice(0, -1).join(', ')} and ${plans.at(-1) ?? ''} define`;
  return `${who} scenario ${scenario} differently from ${mismatch.definedBy.label}; every plan ran under ${mismatch.definedBy.label}'s definition`;
}

function report(compared: Compared, comparison: Comparison<Entry>, about: { runs: number | undefined; against: boolean }, args: ParsedArgs, io: CliIO): number {
  const { runs } = about;
  const { scenario, mismatch } = comparison;
  const { table } = compared;
  const lines = verdictLines(table.columns, comparison.columns.map((column) => column.entry), about.against);
  const note = mismatch && mismatchNote(mismatch, scenario);
  if (flag(args, 'json')) {
    const definition = mismatch && { definedBy: mismatch.definedBy.file, differing: mismatch.others.map(({ entry, paths }) => ({ file: entry.file, paths })) };
    io.out(JSON.stringify({ scenario, runs: runs ?? 1, figures: runs === undefined ? 'one run per plan' : 'medians', ...(definition ? { scenarioDefinition: definition } : {}), plans: compared.json, verdict: lines.join('\n') }, null, 2));
    return EXIT.promoted;
  }
  const style = io.outStyle;
  const what = runs === undefined ? 'one run per plan' : `medians of ${formatCount(runs)} runs per plan`;
  const definedBy = mismatch ? ` as ${mismatch.definedBy.label} defines it` : '';
  io.out(`${style.bold('Compare')}: scenario ${style.bold(scenario)}${definedBy}, ${what} ${style.dim('(* best per row)')}\n`);
  if (note) io.out(`${style.yellow(note)}\n`);
  io.out(formatCompareTable(table.rows, table.columns, style));
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
