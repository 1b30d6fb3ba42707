import type { Plan, Scenario } from '../domain/plan/schema';
import { compareOverSeeds, setUpComparison, type SeedsColumn } from '../domain/simulator/comparison';
import type { FigureName } from '../domain/simulator/monteCarlo';
import type { CompareColumnView, CompareFigureView, CompareReadingView, CompareUnit } from '../protocol/comparison';
import { readingsOf } from '../text/compareReadings';

// The panel's view of a comparison (src/domain/simulator/comparison.ts). Pure on purpose (no
// vscode): the panel runs it between other work, tests run it straight through.

/** One side of a comparison: the plan it runs and how the panel names it. */
export interface CompareSide {
  id: string;
  label: string;
  plan: Plan;
}

export interface CompareRunOptions {
  scenarioName: string;
  /** The scenario both sides run: the shown plan's, injected faults included. */
  scenario: Scenario;
  baseSeed: number;
  runs: number;
  /** Runs between two yields; small enough that the host answers other messages in between. */
  chunk?: number;
  /** Gives the host's event loop a turn (setImmediate in the extension; nothing in tests). */
  yieldNow(): Promise<void>;
  onProgress(done: number): void;
  /** Checked at every chunk: a newer request or a closed panel stops the work. */
  cancelled(): boolean;
}

const FIGURES: { key: FigureName; label: string; unit: CompareUnit; lowerIsBetter: boolean }[] = [
  { key: 'userErrors', label: 'Errors users saw', unit: 'count', lowerIsBetter: true },
  { key: 'requestsToCandidate', label: 'Served by the new version', unit: 'count', lowerIsBetter: true },
  { key: 'durationMs', label: 'Duration', unit: 'duration', lowerIsBetter: true },
  { key: 'timeToDetectMs', label: 'Time to detect', unit: 'duration', lowerIsBetter: true },
  { key: 'lowestCapacity', label: 'Lowest capacity', unit: 'ratio', lowerIsBetter: false },
  { key: 'peakInstances', label: 'Peak instances', unit: 'count', lowerIsBetter: true },
];

/** A 20 ms chunk on this machine for a ten-instance canary: the panel keeps answering while it runs. */
const DEFAULT_CHUNK = 10;

/**
 * Runs every side `runs` times on one scenario (seeds baseSeed.. in order) and summarizes each:
 * how its runs read (every run counted once: detection or false alarm, stalled, missed or passed)
 * and the distribution of each figure. The sides run the very same scenario: it replaces whatever
 * scenario of that name the other plan has, so the comparison is of plans, never of worlds. Null
 * when cancelled.
 *
 * @example
 * const columns = await compareOnScenario([mine, theirs], { scenarioName: 'bad-version', scenario, baseSeed: 7, runs: 100, yieldNow: async () => {}, onProgress: () => {}, cancelled: () => false });
 * columns?.[0]?.readings.map((r) => [r.label, r.share]); // [['Detection', 1], ['Stalled', 0], ['Missed', 0]]
 */
export async function compareOnScenario(sides: readonly CompareSide[], options: CompareRunOptions): Promise<CompareColumnView[] | null> {
  const comparison = setUpComparison({ plans: sides, scenario: options.scenarioName, definition: { from: 'given', scenario: options.scenario }, seed: options.baseSeed });
  const columns = await compareOverSeeds(comparison, options.runs, {
    chunk: Math.max(1, options.chunk ?? DEFAULT_CHUNK),
    yieldNow: options.yieldNow,
    signal: { get aborted() { return options.cancelled(); } },
    onProgress: ({ done }) => options.onProgress(done),
  });
  if (!columns) return null;
  const readings = readingsOf(columns.map(({ summary }) => summary));
  return columns.map((column, index) => columnOf(column, readings[index] ?? [], index === 0));
}

function columnOf({ entry, strategy, summary }: SeedsColumn<CompareSide>, readings: CompareReadingView[], current: boolean): CompareColumnView {
  const outcomes = Object.entries(summary.outcomes)
    .filter(([, share]) => share.count > 0)
    .map(([outcome, share]) => ({ outcome, probability: share.probability }))
    .sort((a, b) => b.probability - a.probability);
  const figures: CompareFigureView[] = FIGURES.flatMap((figure) => {
    const distribution = summary.figures[figure.key];
    return distribution ? [{ ...figure, p5: distribution.p5, p50: distribution.p50, p95: distribution.p95, mean: distribution.mean }] : [];
  });
  return {
    id: entry.id,
    label: entry.label,
    strategy,
    current,
    outcomes,
    readings,
    figures,
  };
}
