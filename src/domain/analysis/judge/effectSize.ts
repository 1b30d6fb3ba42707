import { uStatistics } from './mannWhitney';

/**
 * How large a change is, beside whether it is significant: Kayenta's `effectSize.measure`.
 * 'meanRatio' (the default) is candidate mean / baseline mean; 'cles', the common-language effect
 * size, is the chance that a candidate value beats a baseline value, ties counting half.
 */
export type EffectSizeMeasure = 'meanRatio' | 'cles';

/**
 * The arithmetic mean.
 *
 * @example
 * mean([1, 2, 6]); // 3
 */
export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * The median.
 *
 * @example
 * median([5, 1, 3, 2]); // 2.5
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Candidate mean over baseline mean, or undefined when either mean is 0 (Kayenta's NaN): then the
 * judge decides from the interval alone.
 *
 * @example
 * meanRatio([20, 22, 21, 25, 30], [1, 2.2, 1.1, 2.5, 3]); // 23.6 / 1.96 = 12.04
 * meanRatio([55, 57], [0, 0]);                            // undefined
 */
export function meanRatio(candidate: readonly number[], baseline: readonly number[]): number | undefined {
  const candidateMean = mean(candidate);
  const baselineMean = mean(baseline);
  return candidateMean === 0 || baselineMean === 0 ? undefined : candidateMean / baselineMean;
}

/**
 * The common-language effect size (Vargha & Delaney's A): P(candidate > baseline) + ½·P(tie),
 * which is U over m·n.
 *
 * @example
 * commonLanguageEffectSize([3, 4], [1, 2, 3]); // 5.5 / 6 = 0.9167
 */
export function commonLanguageEffectSize(candidate: readonly number[], baseline: readonly number[]): number {
  return uStatistics(candidate, baseline).uCandidate / (candidate.length * baseline.length);
}

/**
 * The chosen measure; undefined when it cannot be computed.
 *
 * @example
 * effectSize('cles', [3, 4], [1, 2, 3]); // 0.9167
 */
export function effectSize(measure: EffectSizeMeasure, candidate: readonly number[], baseline: readonly number[]): number | undefined {
  return measure === 'cles' ? commonLanguageEffectSize(candidate, baseline) : meanRatio(candidate, baseline);
}
