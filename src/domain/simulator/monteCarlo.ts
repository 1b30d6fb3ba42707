import type { Scenario } from '../plan/schema';
import type { Outcome } from '../strategies/effects';
import type { Figures, RunResult } from './types';

/**
 * Monte Carlo over seeds: many runs of one plan and scenario, summarized as distributions.
 * Pure aggregation; the CLI runs the simulations (in worker threads) and hands the samples here.
 */

/** What one run contributes to a Monte Carlo summary: small enough to post between threads. */
export interface RunSample {
  seed: number;
  outcome: Outcome;
  /** The release raised an alarm: it rolled back, aborted, or paused after a failed gate. */
  alarm: boolean;
  /** Why a paused run waits for an operator; absent when the run did not pause. */
  stall?: StallCause;
  /** A rollback decided by measurement errors (metrics down, no data), not by a failed value. */
  undoneWithoutData?: true;
  /** A gate passed without a successful measurement, as Argo Rollouts does (only under that engine). */
  passedWithoutData?: true;
  figures: Figures;
}

/**
 * Why a run paused. Each leaves the release half-way, waiting for an operator: neither a
 * detection nor a miss, neither a false alarm nor a pass.
 */
export type StallCause = 'afterFailure' | 'inconclusive' | 'approval' | 'simulationLimit';
export const STALL_CAUSES: readonly StallCause[] = ['afterFailure', 'inconclusive', 'approval', 'simulationLimit'];

/** Each stall cause in words, after a count: "20 after a failed gate or check". */
export const STALL_WORDS: Record<StallCause, string> = {
  afterFailure: 'after a failed gate or check',
  inconclusive: 'after an inconclusive analysis',
  approval: 'at a pause step with no duration',
  simulationLimit: 'at the simulation limit',
};

/** p5, p50 and p95 (linear interpolation between closest ranks) and the mean. */
export interface Distribution {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
  /** How many runs had a value (time to detect only exists when something was detected). */
  samples: number;
}

export type FigureName = 'userErrors' | 'requestsToCandidate' | 'durationMs' | 'lowestCapacity' | 'peakInstances' | 'timeToDetectMs';
export const FIGURE_NAMES: readonly FigureName[] = ['userErrors', 'requestsToCandidate', 'durationMs', 'lowestCapacity', 'peakInstances', 'timeToDetectMs'];

export interface MonteCarloSummary {
  runs: number;
  /** Seeds used: baseSeed .. baseSeed + runs - 1. */
  firstSeed: number;
  lastSeed: number;
  /** Whether the scenario's candidate is bad, and why (see {@link candidateVerdict}). */
  candidateBad: boolean;
  candidateWhy: string;
  outcomes: Record<Outcome, { count: number; probability: number }>;
  /** P(rolled back or aborted) when the candidate is bad; null when it is good. */
  detection: number | null;
  /** P(rolled back or aborted) when the candidate is good (metric noise, flaky gates); null when it is bad. */
  falseAlarm: number | null;
  /** P(paused): the release stopped half-way and waits for an operator, whatever the candidate. */
  stalled: number;
  /** Paused runs by why they paused. */
  stalls: Record<StallCause, number>;
  /** P(promoted) when the candidate is bad; null when it is good. */
  missed: number | null;
  /** Rolled-back or aborted runs whose gate ended as Error: missing data, not a bad value. */
  undoneWithoutData: number;
  /** Runs in which a gate passed without a successful measurement (Argo Rollouts' semantics). */
  passedWithoutData: number;
  figures: Record<FigureName, Distribution | null>;
}

const OUTCOMES: readonly Outcome[] = ['promoted', 'rolledBack', 'aborted', 'paused', 'failed'];

/**
 * An error rate this much above stable's (absolute, 0..1) makes the candidate "bad": twice
 * the default 0.1 % noise floor of a healthy service and well below what gates usually catch.
 */
export const BAD_ERROR_RATE_MARGIN = 0.005;

/**
 * Decides from the scenario alone whether its candidate is bad, so Monte Carlo can call an
 * alarm a detection or a false alarm. Bad means any of: the candidate's errorRate is more than
 * {@link BAD_ERROR_RATE_MARGIN} above stable's, its median latency is over 1.5× stable's, it
 * crashes more often than stable, it degrades over time, or a `badVersion` or `crashLoop`
 * fault hits the candidate (or names no role).
 *
 * @example
 * candidateVerdict({ ...scenario, candidate: { ...c, errorRate: 0.2 } });
 * // { bad: true, why: 'candidate errorRate 20% vs stable 0.2%' }
 */
export function candidateVerdict(scenario: Scenario): { bad: boolean; why: string } {
  const { stable, candidate } = scenario;
  if (candidate.errorRate - stable.errorRate > BAD_ERROR_RATE_MARGIN) {
    return { bad: true, why: `candidate errorRate ${pct(candidate.errorRate)} vs stable ${pct(stable.errorRate)}` };
  }
  if (candidate.latencyMs > stable.latencyMs * 1.5) return { bad: true, why: `candidate latency ${candidate.latencyMs}ms vs stable ${stable.latencyMs}ms` };
  if (candidate.crashRate > stable.crashRate) return { bad: true, why: `candidate crashes ${candidate.crashRate}/h vs stable ${stable.crashRate}/h` };
  const degradation = candidate.degradation;
  if (degradation && (degradation.errorRatePerMinute > 0 || degradation.latencyMsPerMinute > 0)) return { bad: true, why: 'candidate degrades over time' };
  const fault = scenario.faults.find((f) => (f.kind === 'badVersion' || f.kind === 'crashLoop') && f.role !== 'stable');
  if (fault) return { bad: true, why: `${fault.kind} fault on the candidate` };
  return { bad: false, why: 'candidate behaves like stable' };
}

function pct(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))}%`;
}

/**
 * Reduces a run to its sample. An alarm is a rollback, an abort, or a pause whose journal shows
 * a failed or errored gate (policy `onFailure: pause`); a paused run also says why it paused.
 *
 * @example
 * sampleOf(simulate(plan, { scenario: 'bad-version', seed: 3 })).alarm; // true
 */
export function sampleOf(run: RunResult): RunSample {
  const gateFailed = run.events.some((e) => e.kind === 'gate.result' && (e.data?.phase === 'failed' || e.data?.phase === 'error'));
  const alarm = run.outcome === 'rolledBack' || run.outcome === 'aborted' || (run.outcome === 'paused' && gateFailed);
  const sample: RunSample = { seed: run.seed, outcome: run.outcome, alarm, figures: run.figures };
  if (run.outcome === 'paused') sample.stall = stallCause(run, gateFailed);
  const undone = run.outcome === 'rolledBack' || run.outcome === 'aborted';
  if (undone && run.events.some((e) => e.kind === 'gate.result' && e.data?.phase === 'error')) sample.undoneWithoutData = true;
  if (run.events.some((e) => e.kind === 'gate.warning')) sample.passedWithoutData = true;
  return sample;
}

/**
 * Reads the pause from what a Monte Carlo run keeps (its gate verdicts and its reason): an
 * approval step and the simulation limit say so in the reason; otherwise a failed gate wins over
 * an inconclusive one, as it does when the machine decides.
 */
function stallCause(run: RunResult, gateFailed: boolean): StallCause {
  if (run.reason.startsWith('waiting for operator.promote')) return 'approval';
  if (run.reason.startsWith('stopped at the simulation limit')) return 'simulationLimit';
  if (gateFailed) return 'afterFailure';
  return run.events.some((e) => e.kind === 'gate.result' && e.data?.phase === 'inconclusive') ? 'inconclusive' : 'afterFailure';
}

/**
 * Percentile by linear interpolation between closest ranks (numpy's default) of sorted values.
 *
 * @example
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const lower = sorted[low] ?? 0;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (at - low);
}

/**
 * The distribution of some numbers, or null when there are none.
 *
 * @example
 * distribution([3, 1, 2]); // { p5: 1.1, p50: 2, p95: 2.9, mean: 2, samples: 3 }
 */
export function distribution(values: readonly number[]): Distribution | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return { p5: percentile(sorted, 0.05), p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), mean, samples: sorted.length };
}

/**
 * Summarizes the samples of one plan and scenario. Samples are sorted by seed first, so the
 * result is the same whichever worker ran which seed.
 *
 * @example
 * const summary = summarizeRuns(samples, candidateVerdict(scenario));
 * summary.detection;            // 0.97: 97 % of bad-version runs rolled back
 * summary.stalled;              // 0.02: 2 % paused, waiting for an operator (summary.stalls says why)
 * summary.missed;               // 0.01: 1 % promoted the bad version
 * summary.figures.userErrors;   // { p5: 310, p50: 820, p95: 1460, mean: 850, samples: 1000 }
 */
export function summarizeRuns(samples: readonly RunSample[], verdict: { bad: boolean; why: string }): MonteCarloSummary {
  const sorted = [...samples].sort((a, b) => a.seed - b.seed);
  const runs = sorted.length;
  const share = (count: number): number => (runs > 0 ? count / runs : 0);
  const outcomes = Object.fromEntries(
    OUTCOMES.map((outcome) => {
      const count = sorted.filter((s) => s.outcome === outcome).length;
      return [outcome, { count, probability: share(count) }];
    }),
  ) as MonteCarloSummary['outcomes'];
  const undone = share(outcomes.rolledBack.count + outcomes.aborted.count);
  const stalls = Object.fromEntries(STALL_CAUSES.map((cause) => [cause, sorted.filter((s) => s.stall === cause).length])) as MonteCarloSummary['stalls'];
  const figures = Object.fromEntries(
    FIGURE_NAMES.map((name) => [name, distribution(sorted.flatMap((s) => (s.figures[name] === null ? [] : [s.figures[name]])))]),
  ) as MonteCarloSummary['figures'];
  return {
    runs,
    firstSeed: sorted[0]?.seed ?? 0,
    lastSeed: sorted[runs - 1]?.seed ?? 0,
    candidateBad: verdict.bad,
    candidateWhy: verdict.why,
    outcomes,
    detection: verdict.bad ? undone : null,
    falseAlarm: verdict.bad ? null : undone,
    stalled: outcomes.paused.probability,
    stalls,
    missed: verdict.bad ? outcomes.promoted.probability : null,
    undoneWithoutData: sorted.filter((s) => s.undoneWithoutData).length,
    passedWithoutData: sorted.filter((s) => s.passedWithoutData).length,
    figures,
  };
}
