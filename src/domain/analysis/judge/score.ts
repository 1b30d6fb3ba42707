import { formatValue } from '../summary';
import type { MetricClassification, MetricLabel } from './classify';

/**
 * Kayenta's scoring of a canary (kayenta-judge, WeightedSumScorer.scala, ScoringHelper.scala,
 * ThresholdScoreClassifier.scala): each group scores the share of its metrics that passed, the
 * groups are weighted into a score of 0..100, and two thresholds make it pass, marginal or fail.
 */

export interface JudgedMetric {
  readonly name: string;
  /** Kayenta scores a metric only through its groups, so there is at least one. */
  readonly groups: readonly [string, ...string[]];
  readonly classification: Pick<MetricClassification, 'label' | 'critical' | 'reason'>;
  /** Measured, classified and reported, never counted: Argo Rollouts' `dryRun`, Kayenta's `muted`. */
  readonly dryRun?: boolean;
}

/** A score at or above `pass` passes; at or above `marginal`, is marginal; below, fails. */
export interface ScoreThresholds {
  readonly pass: number;
  readonly marginal: number;
}

export interface ScoreOptions {
  readonly thresholds: ScoreThresholds;
  /** Percent per group, meant to total 100; groups left out share what remains equally. */
  readonly groupWeights?: Readonly<Record<string, number>>;
}

export type Verdict = 'pass' | 'marginal' | 'fail';

export interface GroupScore {
  readonly name: string;
  /** Passed over Pass + High + Low, in percent; 0 when the group has none of those. */
  readonly score: number;
  /** No metric of the group was Pass, High or Low: it then counts as 100 in the summary. */
  readonly noData: boolean;
  readonly weight: number;
  readonly counts: Readonly<Record<MetricLabel, number>>;
}

export interface Judgement {
  readonly verdict: Verdict;
  /** 0..100, rounded to two decimals. */
  readonly score: number;
  readonly reason: string;
  readonly groups: readonly GroupScore[];
  /** Metrics that counted toward the verdict. */
  readonly counted: number;
  /** Classified and shown, not counted. */
  readonly dryRun: readonly JudgedMetric[];
}

/** Kayenta fails a canary when this percentage of its metrics or more have no data. */
export const NO_DATA_LIMIT = 50;

function groupScore(name: string, labels: readonly MetricLabel[], weight: number): GroupScore {
  const counts: Record<MetricLabel, number> = { Pass: 0, High: 0, Low: 0, NoData: 0 };
  for (const label of labels) counts[label]++;
  const judged = counts.Pass + counts.High + counts.Low;
  return { name, score: judged === 0 ? 0 : (counts.Pass / judged) * 100, noData: judged === 0, weight, counts };
}

function groupScores(metrics: readonly JudgedMetric[], weights: Readonly<Record<string, number>>): GroupScore[] {
  const labels = new Map<string, MetricLabel[]>();
  for (const metric of metrics) for (const group of metric.groups) labels.set(group, [...(labels.get(group) ?? []), metric.classification.label]);
  const unweighted = [...labels.keys()].filter((name) => weights[name] === undefined);
  // As Kayenta: the weights given count in full, even for a group no metric reported.
  const given = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  const shared = unweighted.length > 0 ? (100 - given) / unweighted.length : 0;
  return [...labels].map(([name, groupLabels]) => groupScore(name, groupLabels, weights[name] ?? shared));
}

/** Rounded half up to two decimals, as Kayenta's Precision.round. */
const roundScore = (score: number): number => Math.round((score + Number.EPSILON) * 100) / 100;

function failed(reason: string, groups: GroupScore[], counted: number, dryRun: JudgedMetric[]): Judgement {
  return { verdict: 'fail', score: 0, reason, groups, counted, dryRun };
}

function thresholdReason(score: number, verdict: Verdict, thresholds: ScoreThresholds): string {
  const shown = formatValue(score);
  if (verdict === 'pass') return `score ${shown}: at least the pass threshold ${thresholds.pass}`;
  if (verdict === 'marginal') return `score ${shown}: below the pass threshold ${thresholds.pass}, at least the marginal threshold ${thresholds.marginal}`;
  return `score ${shown}: below the marginal threshold ${thresholds.marginal}`;
}

/**
 * The verdict of a canary from its classified metrics. A critical failure or NoData on half the
 * metrics or more scores 0 and fails, whatever the thresholds (Kayenta scores them 0 and leaves
 * the rest to the thresholds, so there a marginal threshold of 0 would call it marginal). A
 * judgement with no metric to count fails: a gate never passes without data.
 *
 * @example
 * // Kayenta's ScorerSuite, "Two Groups, Three Metrics": weights 75 and 25, group-1 all Pass, group-2 High.
 * scoreMetrics([
 *   { name: 'a', groups: ['group-1'], classification: pass },
 *   { name: 'b', groups: ['group-1'], classification: pass },
 *   { name: 'c', groups: ['group-2'], classification: high },
 * ], { thresholds: { pass: 95, marginal: 75 }, groupWeights: { 'group-1': 75, 'group-2': 25 } });
 * // { verdict: 'marginal', score: 75, … }
 */
export function scoreMetrics(metrics: readonly JudgedMetric[], options: ScoreOptions): Judgement {
  const counted = metrics.filter((metric) => metric.dryRun !== true);
  const dryRun = metrics.filter((metric) => metric.dryRun === true);
  const groups = groupScores(counted, options.groupWeights ?? {});
  if (counted.length === 0) {
    return failed(dryRun.length > 0 ? 'no metric counts toward the verdict: every metric is dryRun' : 'no metric to judge', groups, 0, dryRun);
  }
  const critical = counted.find((metric) => metric.classification.critical && metric.classification.label !== 'Pass');
  if (critical) return failed(`critical metric ${critical.name} is ${critical.classification.label}: ${critical.classification.reason}`, groups, counted.length, dryRun);
  const noData = counted.filter((metric) => metric.classification.label === 'NoData').length;
  if ((noData / counted.length) * 100 >= NO_DATA_LIMIT) {
    return failed(`${noData} of ${counted.length} metrics have no data: ${NO_DATA_LIMIT}% or more fails the canary`, groups, counted.length, dryRun);
  }
  const score = roundScore(groups.reduce((sum, group) => sum + ((group.noData ? 100 : group.score) * group.weight) / 100, 0));
  const { pass, marginal } = options.thresholds;
  const verdict: Verdict = score >= pass ? 'pass' : score >= marginal ? 'marginal' : 'fail';
  return { verdict, score, reason: thresholdReason(score, verdict, options.thresholds), groups, counted: counted.length, dryRun };
}
