import type { Plan, Scenario } from '../plan/schema';
import { scenarioDifferences, withScenario } from '../plan/scenarioDifferences';
import { strategyKindOf } from '../strategies';
import type { MonteCarloSummary } from './monteCarlo';
import { isCancelled, runSeeds, type SeedCancellation, type SeedPool } from './runSeeds';
import { chooseScenario } from './scenarioDefaults';
import { simulate } from './simulate';
import type { RunResult } from './types';

/**
 * A comparison: which plans, under which definition of one scenario, from which seed, and each
 * plan's runs (one full run, or a summary over many seeds). The CLI's `compare`, Compare
 * Strategies... and the release panel run it; src/text and src/panel only shape what it returns.
 */

/** A plan to compare and how views name it; a view's entries carry whatever else it needs (a file, an id). */
export interface ComparedPlan {
  label: string;
  plan: Plan;
}

/**
 * Which definition of the scenario every plan runs: the first plan's, so the table compares
 * strategies rather than worlds (the CLI); one given (the panel: the scenario it shows, injected
 * faults included); or each plan its own (Compare Strategies... in VS Code).
 */
export type ScenarioDefinition = { from: 'first' } | { from: 'given'; scenario: Scenario } | { from: 'own' };

export interface ComparisonRequest<P extends ComparedPlan> {
  plans: readonly P[];
  /** The scenario's name. */
  scenario: string;
  definition: ScenarioDefinition;
  /** Every plan's first seed; default the seed of the definition it runs, else 1. */
  seed?: number;
}

/** One plan as it runs in the comparison. */
export interface ComparisonColumn<P extends ComparedPlan> {
  entry: P;
  /** The entry's plan under the compared definition of the scenario. */
  plan: Plan;
  strategy: string;
  baseSeed: number;
}

export interface Comparison<P extends ComparedPlan> {
  scenario: string;
  columns: ComparisonColumn<P>[];
  /** Under the first plan's definition: the plans that define the scenario otherwise, and where. Absent when they agree. */
  mismatch?: { definedBy: P; others: { entry: P; paths: string[] }[] };
}

/**
 * Decides what every plan runs: the definition of the scenario and the base seed.
 *
 * @example
 * const comparison = setUpComparison({ plans: [rolling, canary], scenario: 'bad-version', definition: { from: 'first' } });
 * comparison.columns.map((column) => column.baseSeed); // [2, 2]: rolling's bad-version seed for both
 * comparison.mismatch?.others[0]?.paths;              // ['seed', 'traffic.rps', ...]: where canary's own definition differs
 */
export function setUpComparison<P extends ComparedPlan>(request: ComparisonRequest<P>): Comparison<P> {
  const { plans, scenario: name } = request;
  const shared = sharedDefinition(request);
  const fromFirst = request.definition.from === 'first';
  const others: { entry: P; paths: string[] }[] = [];
  const columns = plans.map((entry, index): ComparisonColumn<P> => {
    const own = chooseScenario(entry.plan, name);
    if (shared === undefined || (fromFirst && index === 0)) {
      return { entry, plan: entry.plan, strategy: strategyKindOf(entry.plan), baseSeed: request.seed ?? (own.ok ? own.scenario.seed : undefined) ?? 1 };
    }
    const paths = fromFirst && own.ok ? scenarioDifferences(shared, own.scenario) : [];
    if (paths.length > 0) others.push({ entry, paths });
    const plan = withScenario(entry.plan, name, shared);
    return { entry, plan, strategy: strategyKindOf(plan), baseSeed: request.seed ?? shared.seed ?? 1 };
  });
  const first = plans[0];
  return { scenario: name, columns, ...(first && others.length > 0 ? { mismatch: { definedBy: first, others } } : {}) };
}

/** The one definition every plan runs, or undefined when each runs its own (or the first plan has none of that name). */
function sharedDefinition(request: ComparisonRequest<ComparedPlan>): Scenario | undefined {
  const { definition } = request;
  if (definition.from === 'given') return definition.scenario;
  const first = request.plans[0];
  if (definition.from === 'own' || first === undefined) return undefined;
  const chosen = chooseScenario(first.plan, request.scenario);
  return chosen.ok ? chosen.scenario : undefined;
}

/** Where a comparison is: over all plans, and within the plan running now. */
export interface ComparisonProgress {
  done: number;
  total: number;
  /** Index of the plan running. */
  column: number;
  columnDone: number;
  columnTotal: number;
}

export interface CompareRunOptions {
  /** Checked before every run or chunk: once set, the comparison stops and gives undefined. */
  signal?: SeedCancellation;
  /** Gives the caller's event loop a turn between runs or chunks (setImmediate in Node). */
  yieldNow?: () => Promise<void>;
  onProgress?: (progress: ComparisonProgress) => void;
}

export interface CompareSeedsOptions extends CompareRunOptions {
  /** Seeds per chunk in this thread (see runSeeds). */
  chunk?: number;
  /** Worker threads to share each plan's seeds with (the CLI's). */
  pool?: SeedPool;
}

/** A plan's one run at its base seed, whole: outcome, reason and figures. */
export interface RunOnceColumn<P extends ComparedPlan> extends ComparisonColumn<P> {
  run: RunResult;
}

/** A plan's runs over seeds baseSeed .. baseSeed + runs - 1. */
export interface SeedsColumn<P extends ComparedPlan> extends ComparisonColumn<P> {
  summary: MonteCarloSummary;
  /** Threads that helped besides this one. */
  workers: number;
}

/**
 * One run per plan at its base seed (without snapshots); undefined when cancelled.
 *
 * @example
 * const columns = await compareOnce(setUpComparison({ plans, scenario: 'bad-version', definition: { from: 'first' } }));
 * columns?.map((column) => column.run.outcome); // ['rolledBack', 'rolledBack']
 */
export async function compareOnce<P extends ComparedPlan>(comparison: Comparison<P>, options: CompareRunOptions = {}): Promise<RunOnceColumn<P>[] | undefined> {
  const total = comparison.columns.length;
  const results: RunOnceColumn<P>[] = [];
  for (const [index, column] of comparison.columns.entries()) {
    await options.yieldNow?.();
    if (isCancelled(options.signal)) return undefined;
    results.push({ ...column, run: simulate(column.plan, { scenario: comparison.scenario, seed: column.baseSeed, recordSnapshots: false }) });
    options.onProgress?.({ done: index + 1, total, column: index, columnDone: 1, columnTotal: 1 });
  }
  return results;
}

/**
 * `runs` seeds per plan, one plan after the other, each summarized (see runSeeds); undefined when
 * cancelled.
 *
 * @example
 * const columns = await compareOverSeeds(comparison, 100, { yieldNow, signal, onProgress: ({ done, total }) => show(done / total) });
 * columns?.map((column) => column.summary.detection); // [1, 0.97]
 */
export async function compareOverSeeds<P extends ComparedPlan>(comparison: Comparison<P>, runs: number, options: CompareSeedsOptions = {}): Promise<SeedsColumn<P>[] | undefined> {
  const total = runs * comparison.columns.length;
  const results: SeedsColumn<P>[] = [];
  for (const [index, column] of comparison.columns.entries()) {
    const seeds = await runSeeds(column.plan, comparison.scenario, {
      baseSeed: column.baseSeed,
      runs,
      chunk: options.chunk,
      signal: options.signal,
      yieldNow: options.yieldNow,
      pool: options.pool,
      onProgress: (done) => options.onProgress?.({ done: index * runs + done, total, column: index, columnDone: done, columnTotal: runs }),
    });
    if (!seeds) return undefined;
    results.push({ ...column, summary: seeds.summary, workers: seeds.workers });
  }
  return results;
}
