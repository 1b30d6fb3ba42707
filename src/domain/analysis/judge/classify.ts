import { effectSize, mean, meanRatio, median } from './effectSize';
import type { EffectSizeMeasure } from './effectSize';
import { comparisonReason, criticalReason, missingDataReason, noChangeReason } from './classifyWords';
import { normalQuantile } from './normal';
import { shiftInterval, shiftStatistic } from './shift';
import type { ShiftInterval } from './shift';

/**
 * One metric of a canary judged as Kayenta's NetflixACAJudge judges it (kayenta-judge,
 * MannWhitneyClassifier.scala): the candidate is High or Low only when the confidence interval of
 * the shift lies clear of a band around zero AND the effect size is at least the allowed one.
 * The band is not the baseline's scale but a share (the tolerance) of the estimated shift itself;
 * the allowed effect is judged on the means (or the CLES), not on the interval.
 */

/** Which change is bad: a higher error rate ('increase'), a lower request rate ('decrease'), or any. */
export type Direction = 'increase' | 'decrease' | 'either';

/** What to do with a missing value (NaN, ±Infinity): drop it, or count it as 0. */
export type NanStrategy = 'remove' | 'replace';

/** Kayenta's labels (it spells the last one `Nodata`). */
export type MetricLabel = 'Pass' | 'High' | 'Low' | 'NoData';

/**
 * Kayenta's `effectSize` options. The allowed sizes are what a significant change must reach to
 * count: with 'meanRatio', `allowedIncrease: 1.1` lets a candidate whose mean is under 1.1× the
 * baseline's pass even when the change is significant. The critical sizes decide whether a High
 * or Low of a critical metric fails the whole judgement.
 */
export interface EffectSizeOptions {
  readonly measure?: EffectSizeMeasure;
  /** Default 1 for 'meanRatio', 0.5 for 'cles': any significant change counts. */
  readonly allowedIncrease?: number;
  readonly allowedDecrease?: number;
  readonly criticalIncrease?: number;
  readonly criticalDecrease?: number;
}

export interface ClassifyOptions {
  /** Default 'either'. */
  readonly direction?: Direction;
  /** Two-sided level of the interval; default 0.98, what NetflixACAJudge passes its classifier. */
  readonly confidenceLevel?: number;
  /** Half-width of the band the interval must clear, as a fraction of the estimated shift; default 0.25, as NetflixACAJudge. */
  readonly tolerance?: number;
  readonly effectSize?: EffectSizeOptions;
  /** Default 'remove'. */
  readonly nanStrategy?: NanStrategy;
  /** A critical metric that is High or Low (beyond its critical effect size) or has no data fails the judgement. */
  readonly critical?: boolean;
}

export interface SampleSummary {
  /** Values judged, after the NaN strategy. */
  readonly count: number;
  /** Values that were not finite numbers, removed or replaced by 0. */
  readonly missing: number;
  readonly mean: number | undefined;
  readonly median: number | undefined;
}

export interface MetricClassification {
  readonly label: MetricLabel;
  /** True when this result alone fails the judgement (Kayenta's `critical` on a result). */
  readonly critical: boolean;
  readonly reason: string;
  readonly candidate: SampleSummary;
  readonly baseline: SampleSummary;
  /** Candidate mean / baseline mean, Kayenta's `deviation`; undefined when no data or a mean is 0. */
  readonly ratio: number | undefined;
  /** The measure the thresholds judge; undefined when it could not be computed. */
  readonly effectSize: number | undefined;
  /** The Hodges-Lehmann shift and its interval, when the samples were compared. */
  readonly shift: ShiftInterval | undefined;
  /** The interval must clear ±band to count: tolerance × |estimated shift|. */
  readonly band: number | undefined;
}

/** Every option filled in. */
export interface ClassifySettings {
  readonly direction: Direction;
  readonly confidenceLevel: number;
  readonly tolerance: number;
  readonly measure: EffectSizeMeasure;
  readonly allowedIncrease: number;
  readonly allowedDecrease: number;
  readonly criticalIncrease: number;
  readonly criticalDecrease: number;
  readonly nanStrategy: NanStrategy;
  readonly critical: boolean;
}

/**
 * The options with Kayenta's defaults.
 *
 * @example
 * classifySettings({ effectSize: { measure: 'cles' } }).allowedIncrease; // 0.5
 */
export function classifySettings(options: ClassifyOptions = {}): ClassifySettings {
  const measure = options.effectSize?.measure ?? 'meanRatio';
  const neutral = measure === 'cles' ? 0.5 : 1;
  return {
    direction: options.direction ?? 'either',
    confidenceLevel: options.confidenceLevel ?? 0.98,
    tolerance: options.tolerance ?? 0.25,
    measure,
    allowedIncrease: options.effectSize?.allowedIncrease ?? neutral,
    allowedDecrease: options.effectSize?.allowedDecrease ?? neutral,
    criticalIncrease: options.effectSize?.criticalIncrease ?? neutral,
    criticalDecrease: options.effectSize?.criticalDecrease ?? neutral,
    nanStrategy: options.nanStrategy ?? 'remove',
    critical: options.critical ?? false,
  };
}

function applyNanStrategy(values: readonly number[], strategy: NanStrategy): { values: number[]; missing: number } {
  const kept = strategy === 'remove' ? values.filter(Number.isFinite) : values.map((value) => (Number.isFinite(value) ? value : 0));
  return { values: kept, missing: values.filter((value) => !Number.isFinite(value)).length };
}

function summarize(values: readonly number[], missing: number): SampleSummary {
  const count = values.length;
  return { count, missing, mean: count > 0 ? mean(values) : undefined, median: count > 0 ? median(values) : undefined };
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const sortedB = [...b].sort((x, y) => x - y);
  return [...a].sort((x, y) => x - y).every((value, i) => value === sortedB[i]);
}

/** The verdict of the interval and the effect size, before the critical check. */
export interface Comparison {
  readonly label: 'Pass' | 'High' | 'Low';
  readonly shift: ShiftInterval;
  readonly band: number;
  readonly effectSize: number | undefined;
  /** The candidate is higher than +band, or lower than −band, with the confidence asked for. */
  readonly higher: boolean;
  readonly lower: boolean;
  /** The standardized statistic at a shift of +band and of −band, and the quantile it must pass. */
  readonly statisticAtBand: { readonly above: number; readonly below: number };
  readonly quantile: number;
}

function compare(candidate: readonly number[], baseline: readonly number[], settings: ClassifySettings): Comparison {
  // Kayenta always takes the normal approximation here, whatever the sample sizes.
  const shift = shiftInterval(candidate, baseline, { confidenceLevel: settings.confidenceLevel, method: 'normal' });
  const band = settings.tolerance * Math.abs(shift.estimate);
  const quantile = normalQuantile(1 - (1 - settings.confidenceLevel) / 2);
  // "The interval lies above +band" and "the test rejects a shift of +band, upward" are the same
  // judgement but in one case: samples so tied (mostly zeros on both sides) that the interval
  // closes onto the band's edge itself. There the interval says nothing and the test still
  // rejects; Kayenta, whose root finder stops up to 1e-4 past the tie, reports the same High.
  const statisticAtBand = { above: shiftStatistic(candidate, baseline, band), below: shiftStatistic(candidate, baseline, -band) };
  const higher = statisticAtBand.above > quantile;
  const lower = statisticAtBand.below < -quantile;
  const effect = effectSize(settings.measure, candidate, baseline);
  // An effect size that cannot be computed (a mean of 0) does not hold a significant change back.
  const isHigh = settings.direction !== 'decrease' && higher && (effect === undefined || effect >= settings.allowedIncrease);
  const isLow = settings.direction !== 'increase' && lower && (effect === undefined || effect <= settings.allowedDecrease);
  return { label: isHigh ? 'High' : isLow ? 'Low' : 'Pass', shift, band, effectSize: effect, higher, lower, statisticAtBand, quantile };
}

function isCriticalFailure(comparison: Comparison, settings: ClassifySettings): boolean {
  const effect = comparison.effectSize;
  if (!settings.critical) return false;
  if (comparison.label === 'High') return effect === undefined || effect >= settings.criticalIncrease;
  if (comparison.label === 'Low') return effect === undefined || effect <= settings.criticalDecrease;
  return false;
}

/**
 * Classifies one metric: candidate samples against baseline samples.
 *
 * In Kayenta's order: missing values are removed (or replaced by 0); an empty sample is NoData
 * (or Pass with `nanStrategy: 'replace'`); identical samples, or one value throughout, Pass; then
 * the shift's interval at the confidence level must lie clear of ±tolerance × |estimated shift|
 * (decided by the test at the band's edge, which the interval inverts), on a side the direction
 * calls bad, with an effect size at least the allowed one.
 *
 * @example
 * // Kayenta's ClassifierSuite, "Critical Effect Size: Critical High":
 * classifyMetric([20, 22, 21, 25, 30], [1, 2.2, 1.1, 2.5, 3], {
 *   confidenceLevel: 0.95, tolerance: 0.1, critical: true, effectSize: { criticalIncrease: 1.2 },
 * });
 * // { label: 'High', critical: true, ratio: 12.04, shift: { estimate: 20, lower: 17.8, upper: 27.8, … },
 * //   reason: 'candidate median 22 vs baseline 2.2: the 95% interval of the shift [17.8, 27.8] lies above +2 …' }
 */
export function classifyMetric(candidateValues: readonly number[], baselineValues: readonly number[], options: ClassifyOptions = {}): MetricClassification {
  const settings = classifySettings(options);
  const cleanCandidate = applyNanStrategy(candidateValues, settings.nanStrategy);
  const cleanBaseline = applyNanStrategy(baselineValues, settings.nanStrategy);
  const candidate = cleanCandidate.values;
  const baseline = cleanBaseline.values;
  const summaries = { candidate: summarize(candidate, cleanCandidate.missing), baseline: summarize(baseline, cleanBaseline.missing) };
  const unjudged = { effectSize: undefined, shift: undefined, band: undefined };

  if (candidate.length === 0 || baseline.length === 0) {
    const reason = missingDataReason(summaries.candidate, summaries.baseline, settings);
    // With 'replace' Kayenta lets missing data pass; with 'remove' it is NoData, and fails a critical metric.
    if (settings.nanStrategy === 'replace') return { label: 'Pass', critical: false, reason, ...summaries, ratio: undefined, ...unjudged };
    return { label: 'NoData', critical: settings.critical, reason, ...summaries, ratio: undefined, ...unjudged };
  }
  if (sameValues(candidate, baseline) || new Set([...candidate, ...baseline]).size === 1) {
    return { label: 'Pass', critical: false, reason: noChangeReason(candidate, baseline), ...summaries, ratio: 1, ...unjudged };
  }
  const comparison = compare(candidate, baseline, settings);
  const critical = isCriticalFailure(comparison, settings);
  const reason = comparisonReason(comparison, summaries.candidate, summaries.baseline, settings) + (critical ? criticalReason(comparison, settings) : '');
  return { label: comparison.label, critical, reason, ...summaries, ratio: meanRatio(candidate, baseline), effectSize: comparison.effectSize, shift: comparison.shift, band: comparison.band };
}
