import { formatValue } from '../summary';
import type { ClassifySettings, Comparison, SampleSummary } from './classify';

/** Why a metric was classified as it was, in words an operator reads next to the label. */

const percent = (fraction: number): string => `${Number((fraction * 100).toPrecision(4))}%`;
const signed = (value: number, sign: '+' | '-'): string => (value === 0 ? '0' : `${sign}${formatValue(value)}`);

function effectWords(settings: ClassifySettings, value: number | undefined): string {
  if (value === undefined) return 'the mean ratio cannot be computed (a mean is 0), so the interval alone decides';
  return settings.measure === 'cles' ? `the common-language effect size ${formatValue(value)}` : `the mean ratio ${formatValue(value)}×`;
}

function threshold(settings: ClassifySettings, value: number): string {
  return settings.measure === 'cles' ? formatValue(value) : `${formatValue(value)}×`;
}

function sampleWords(name: string, summary: SampleSummary): string {
  return summary.missing > 0 ? `no ${name} data (all ${summary.missing} values were missing)` : `no ${name} data`;
}

/**
 * Why an empty sample is NoData, or a Pass under `nanStrategy: 'replace'`.
 *
 * @example
 * missingDataReason({ count: 0, missing: 3, … }, { count: 5, missing: 0, … }, settings);
 * // "no candidate data (all 3 values were missing)"
 */
export function missingDataReason(candidate: SampleSummary, baseline: SampleSummary, settings: ClassifySettings): string {
  const parts = [candidate.count === 0 ? sampleWords('candidate', candidate) : '', baseline.count === 0 ? sampleWords('baseline', baseline) : ''].filter(Boolean);
  const what = parts.join(' and ');
  if (settings.nanStrategy === 'replace') return `${what}; with nanStrategy 'replace' that passes`;
  return settings.critical ? `${what}; the metric is critical` : what;
}

/**
 * Why identical samples, or one value throughout, pass without a test.
 *
 * @example
 * noChangeReason([1, 1, 1], [1, 1]); // "every value is 1 in both samples"
 */
export function noChangeReason(candidate: readonly number[], baseline: readonly number[]): string {
  const values = new Set([...candidate, ...baseline]);
  return values.size === 1 ? `every value is ${formatValue(candidate[0] as number)} in both samples` : 'candidate and baseline hold the same values';
}

/**
 * The interval against its band, the direction and the effect size, as the classifier weighed them.
 *
 * @example
 * // "candidate median 22 vs baseline 2.2: the 95% interval of the shift [17.8, 27.8] lies above +2
 * //  (10% of the estimated shift 20), and the mean ratio 12.04× is at least the allowed increase 1×"
 */
export function comparisonReason(comparison: Comparison, candidate: SampleSummary, baseline: SampleSummary, settings: ClassifySettings): string {
  const { shift, band, label } = comparison;
  const head = `candidate median ${formatValue(candidate.median ?? NaN)} vs baseline ${formatValue(baseline.median ?? NaN)}`;
  const interval = `the ${percent(shift.confidenceLevel)} interval of the shift [${formatValue(shift.lower)}, ${formatValue(shift.upper)}]`;
  const share = `(${percent(settings.tolerance)} of the estimated shift ${formatValue(shift.estimate)})`;
  const edge = (side: '+' | '-', statistic: number): string =>
    `${interval} closes on a tie, yet a shift of ${signed(band, side)} ${share} is rejected (statistic ${formatValue(statistic)} beyond ±${formatValue(comparison.quantile)})`;
  const above = shift.lower > band ? `${interval} lies above ${signed(band, '+')} ${share}` : edge('+', comparison.statisticAtBand.above);
  const below = shift.upper < -band ? `${interval} lies below ${signed(band, '-')} ${share}` : edge('-', comparison.statisticAtBand.below);
  const effect = effectWords(settings, comparison.effectSize);
  const size = comparison.effectSize;
  if (label === 'High') {
    return size === undefined ? `${head}: ${above}; ${effect}` : `${head}: ${above}, and ${effect} is at least the allowed increase ${threshold(settings, settings.allowedIncrease)}`;
  }
  if (label === 'Low') {
    return size === undefined ? `${head}: ${below}; ${effect}` : `${head}: ${below}, and ${effect} is at most the allowed decrease ${threshold(settings, settings.allowedDecrease)}`;
  }
  if (comparison.higher) {
    if (settings.direction === 'decrease') return `${head}: the candidate is higher (${above}), but only a decrease fails this metric`;
    return `${head}: ${above}, but ${effect} is below the allowed increase ${threshold(settings, settings.allowedIncrease)}`;
  }
  if (comparison.lower) {
    if (settings.direction === 'increase') return `${head}: the candidate is lower (${below}), but only an increase fails this metric`;
    return `${head}: ${below}, but ${effect} is above the allowed decrease ${threshold(settings, settings.allowedDecrease)}`;
  }
  return `${head}: ${interval} is not clear of ±${formatValue(band)} ${share}: no significant change`;
}

/**
 * What makes a High or Low of a critical metric fail the whole judgement.
 *
 * @example
 * criticalReason(highComparison, settings); // "; critical: the mean ratio 12.04× is at least the critical increase 1.2×"
 */
export function criticalReason(comparison: Comparison, settings: ClassifySettings): string {
  if (comparison.effectSize === undefined) return '; critical';
  const effect = effectWords(settings, comparison.effectSize);
  return comparison.label === 'High'
    ? `; critical: ${effect} is at least the critical increase ${threshold(settings, settings.criticalIncrease)}`
    : `; critical: ${effect} is at most the critical decrease ${threshold(settings, settings.criticalDecrease)}`;
}
