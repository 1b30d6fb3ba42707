import { exactApplies, exactUDistribution, exactULower, exactUQuantile } from './exactU';
import { assertSample, uStandardDeviation, uStatistics } from './mannWhitney';
import type { TestMethod } from './mannWhitney';
import { normalQuantile } from './normal';
import { averageRanks, tieCorrection } from './ranks';

/**
 * The Hodges-Lehmann estimate of how far the candidate is shifted from the baseline, and the
 * confidence interval that inverts the Mann-Whitney test: the shifts d for which candidate − d
 * and baseline would not be told apart. Kayenta's classifier decides from this interval.
 */

export interface ShiftOptions {
  /** Two-sided, within (0, 1); 0.95 unless given. */
  readonly confidenceLevel?: number;
  /** 'auto' (the default) is exact for small samples without ties, as R decides; Kayenta always takes 'normal'. */
  readonly method?: TestMethod | 'auto';
}

export interface ShiftInterval {
  /** The median of all differences candidate − baseline. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidenceLevel: number;
  /** What the exact interval really covers (its steps are coarse for tiny samples); undefined for 'normal'. */
  readonly achievedConfidence: number | undefined;
  readonly method: TestMethod;
}

/**
 * Every difference candidate − baseline, sorted ascending.
 *
 * @example
 * pairwiseDifferences([10, 20], [1, 2]); // [8, 9, 18, 19]
 */
export function pairwiseDifferences(candidate: readonly number[], baseline: readonly number[]): Float64Array {
  const differences = new Float64Array(candidate.length * baseline.length);
  let k = 0;
  for (const x of candidate) for (const y of baseline) differences[k++] = x - y;
  return differences.sort();
}

function medianOfSorted(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The Hodges-Lehmann estimate of the shift: the median of the pairwise differences.
 *
 * @example
 * hodgesLehmann([10, 20, 30, 40], [1, 2, 3, 4]); // 22.5, halfway between 19 and 26
 */
export function hodgesLehmann(candidate: readonly number[], baseline: readonly number[]): number {
  assertSample('candidate', candidate);
  assertSample('baseline', baseline);
  return medianOfSorted(pairwiseDifferences(candidate, baseline));
}

/**
 * The standardized statistic of candidate − shift against baseline, continuity-corrected toward
 * zero: what R's asymptotic interval (and Kayenta's `wilcoxonDiff`) solves for. Positive when the
 * candidate, moved down by `shift`, still tends to be larger.
 *
 * @example
 * shiftStatistic([20, 22, 21, 25, 30], [1, 2.2, 1.1, 2.5, 3], 0); // 2.5067, beyond the 95% quantile 1.96
 */
export function shiftStatistic(candidate: readonly number[], baseline: readonly number[], shift: number): number {
  const m = candidate.length;
  const n = baseline.length;
  const { ranks, tieSizes } = averageRanks([...candidate.map((x) => x - shift), ...baseline]);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i] as number;
  const centered = rankSum - (m * (m + 1)) / 2 - (m * n) / 2;
  return (centered - Math.sign(centered) * 0.5) / uStandardDeviation(m, n, tieCorrection(tieSizes));
}

/**
 * The shift at which the statistic falls through `quantile`. The statistic is a step function
 * of the shift that only moves at a pairwise difference, so the crossing is one of them (or the
 * middle of a stretch where it equals the quantile exactly). R and Kayenta find it with a root
 * finder stopped at an absolute tolerance of 1e-4, coarse for metrics measured in small units;
 * here it is located exactly, so theirs lies within that tolerance of ours.
 */
function crossing(candidate: readonly number[], baseline: readonly number[], distinct: readonly number[], quantile: number): number {
  const excess = (shift: number): number => shiftStatistic(candidate, baseline, shift) - quantile;
  const first = distinct[0] as number;
  const last = distinct[distinct.length - 1] as number;
  // In the extremes the bound is the end of the range, as in R (`wilcox.test(1, 2:60, conf.int = TRUE)`).
  if (excess(first) <= 0) return first;
  if (excess(last) >= 0) return last;
  // Sites alternate between a difference (even) and the open stretch to the next one (odd).
  const leftOf = (site: number): number => distinct[site >> 1] as number;
  const at = (site: number): number => (site % 2 === 0 ? leftOf(site) : (leftOf(site) + (distinct[(site >> 1) + 1] as number)) / 2);
  const firstSite = (holds: (value: number) => boolean): number => {
    let lo = 0;
    let hi = 2 * distinct.length - 2;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (holds(excess(at(mid)))) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const reached = firstSite((value) => value <= 0);
  const passed = firstSite((value) => value < 0);
  return reached === passed ? leftOf(reached) : (leftOf(reached) + leftOf(passed)) / 2;
}

function normalInterval(candidate: readonly number[], baseline: readonly number[], differences: Float64Array, confidenceLevel: number): Pick<ShiftInterval, 'lower' | 'upper'> {
  const distinct = [...new Set(differences)];
  const z = normalQuantile(1 - (1 - confidenceLevel) / 2);
  return { lower: crossing(candidate, baseline, distinct, z), upper: crossing(candidate, baseline, distinct, -z) };
}

/** R's exact interval: order statistics of the differences, picked by the exact quantile of U. */
function exactInterval(m: number, n: number, differences: Float64Array, confidenceLevel: number): Pick<ShiftInterval, 'lower' | 'upper' | 'achievedConfidence'> {
  const distribution = exactUDistribution(m, n);
  const alpha = 1 - confidenceLevel;
  // Even the widest interval (U = 0 excluded) may cover more than asked for tiny samples.
  const q = Math.max(1, exactUQuantile(distribution, alpha / 2));
  return {
    lower: differences[q - 1] as number,
    upper: differences[m * n - q] as number,
    achievedConfidence: 1 - 2 * exactULower(distribution, q - 1),
  };
}

/**
 * The Hodges-Lehmann estimate of the shift candidate − baseline and its two-sided confidence
 * interval. When both samples are constant (and tied, so the normal method applies) the shift is
 * known exactly and the interval is that one point: Kayenta jitters such samples with noise of
 * 1e-5 of their value instead, and this is the limit that approaches, without the randomness.
 * It holds all m·n differences in memory: thousands of values per sample are fine, millions are not.
 *
 * @example
 * // Kayenta's MannWhitneySuite, "Mann-Whitney Confidence Interval & Estimate":
 * shiftInterval([10, 20, 30, 40], [1, 2, 3, 4], { confidenceLevel: 0.95, method: 'normal' });
 * // { estimate: 22.5, lower: 6, upper: 39, method: 'normal', … }
 */
export function shiftInterval(candidate: readonly number[], baseline: readonly number[], options: ShiftOptions = {}): ShiftInterval {
  assertSample('candidate', candidate);
  assertSample('baseline', baseline);
  const confidenceLevel = options.confidenceLevel ?? 0.95;
  if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new RangeError(`shiftInterval: the confidence level must be within (0, 1), got ${confidenceLevel}`);
  const m = candidate.length;
  const n = baseline.length;
  const differences = pairwiseDifferences(candidate, baseline);
  const estimate = medianOfSorted(differences);
  const requested = options.method ?? 'auto';
  const { ties } = uStatistics(candidate, baseline);
  const method: TestMethod = requested === 'normal' || !exactApplies(m, n, ties) ? 'normal' : 'exact';
  if (method === 'exact') return { estimate, ...exactInterval(m, n, differences, confidenceLevel), confidenceLevel, method };
  // Both samples constant: every shift but one ties them all, and that one is certain.
  if (differences[0] === differences[differences.length - 1]) return { estimate, lower: estimate, upper: estimate, confidenceLevel, achievedConfidence: undefined, method };
  return { estimate, ...normalInterval(candidate, baseline, differences, confidenceLevel), confidenceLevel, achievedConfidence: undefined, method };
}
