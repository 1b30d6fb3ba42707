import { describe, expect, it } from 'vitest';
import type { MetricLabel } from '../../../../src/domain/analysis/judge/classify';
import { scoreMetrics } from '../../../../src/domain/analysis/judge/score';
import type { JudgedMetric, ScoreThresholds, Verdict } from '../../../../src/domain/analysis/judge/score';

/** A classified metric with defaults: one group named "group", not critical. */
function metric(name: string, label: MetricLabel, extra: { groups?: [string, ...string[]]; critical?: boolean; dryRun?: boolean } = {}): JudgedMetric {
  return {
    name,
    groups: extra.groups ?? ['group'],
    classification: { label, critical: extra.critical ?? false, reason: `${name} was ${label}` },
    ...(extra.dryRun === undefined ? {} : { dryRun: extra.dryRun }),
  };
}

const thresholds: ScoreThresholds = { pass: 95, marginal: 75 };

describe('scoreMetrics restates Kayenta ScorerSuite (WeightedSumScorer)', () => {
  it.each<{ name: string; metrics: JudgedMetric[]; weights?: Record<string, number>; score: number }>([
    { name: 'Single Metric Pass', metrics: [metric('pass', 'Pass')], score: 100 },
    { name: 'Single Metric Fail', metrics: [metric('high', 'High')], score: 0 },
    { name: 'Single group Nodata (all NoData fails)', metrics: [metric('nodata', 'NoData', { groups: ['nodata-group'] })], score: 0 },
    {
      name: 'Two Groups, one Pass, one Nodata (a group without data counts 100)',
      metrics: [metric('pass-a', 'Pass', { groups: ['pass-group'] }), metric('pass-b', 'Pass', { groups: ['pass-group'] }), metric('nodata', 'NoData', { groups: ['nodata-group'] })],
      score: 100,
    },
    { name: 'One Group, Two Metrics', metrics: [metric('pass', 'Pass'), metric('high', 'High')], score: 50 },
    { name: 'One Group, Three Metrics (rounded to 33.33)', metrics: [metric('pass', 'Pass'), metric('high', 'High'), metric('low', 'Low')], score: 33.33 },
    {
      name: 'Two Groups, Three Metrics (weights 75 and 25)',
      metrics: [metric('pass-1', 'Pass', { groups: ['group-1'] }), metric('pass-2', 'Pass', { groups: ['group-1'] }), metric('fail', 'High', { groups: ['group-2'] })],
      weights: { 'group-1': 75, 'group-2': 25 },
      score: 75,
    },
    {
      name: 'Two Groups, Three Metrics (Equal Weight)',
      metrics: [metric('pass', 'Pass', { groups: ['group-1'] }), metric('fail-1', 'High', { groups: ['group-1'] }), metric('fail-2', 'High', { groups: ['group-2'] })],
      weights: { 'group-1': 50, 'group-2': 50 },
      score: 25,
    },
    {
      name: 'Two Groups, Three Metrics (Equal Weight), one NoData (left out of its group)',
      metrics: [metric('pass', 'Pass', { groups: ['group-1'] }), metric('nodata', 'NoData', { groups: ['group-1'] }), metric('fail', 'High', { groups: ['group-2'] })],
      weights: { 'group-1': 50, 'group-2': 50 },
      score: 50,
    },
    { name: 'Two Metrics, one good (normal), one fail (critical)', metrics: [metric('pass', 'Pass'), metric('high', 'High', { critical: true })], score: 0 },
    { name: 'Two Metrics, one low (normal), one good (critical)', metrics: [metric('low', 'Low'), metric('pass', 'Pass', { critical: true })], score: 50 },
    { name: 'Two Metrics, one good (normal), one nodata (critical)', metrics: [metric('pass', 'Pass'), metric('nodata', 'NoData', { critical: true })], score: 0 },
    {
      name: 'Two Groups (Unequal Weight), Four Metrics: 15 × 1/3 + 85 × 0',
      metrics: [metric('high', 'High', { groups: ['group1'] }), metric('low', 'Low', { groups: ['group1'] }), metric('pass', 'Pass', { groups: ['group1'] }), metric('fail', 'High', { groups: ['group2'] })],
      weights: { group1: 15, group2: 85 },
      score: 5,
    },
  ])('$name: $score', ({ metrics, weights, score }) => {
    expect(scoreMetrics(metrics, { thresholds, ...(weights ? { groupWeights: weights } : {}) }).score).toBe(score);
  });

  it('should report each group: its share of passes, whether it had data, its weight and its labels', () => {
    const judgement = scoreMetrics([metric('pass', 'Pass', { groups: ['latency'] }), metric('high', 'High', { groups: ['latency'] }), metric('nodata', 'NoData', { groups: ['errors'] })], { thresholds });
    expect(judgement.groups).toEqual([
      { name: 'latency', score: 50, noData: false, weight: 50, counts: { Pass: 1, High: 1, Low: 0, NoData: 0 } },
      { name: 'errors', score: 0, noData: true, weight: 50, counts: { Pass: 0, High: 0, Low: 0, NoData: 1 } },
    ]);
    expect(judgement.score).toBe(75);
  });
});

describe('group weights', () => {
  it.each<{ name: string; metrics: JudgedMetric[]; weights: Record<string, number>; score: number }>([
    {
      name: 'groups without a weight share what the given weights leave (60 → 20 each for two)',
      metrics: [metric('a', 'High', { groups: ['a'] }), metric('b', 'Pass', { groups: ['b'] }), metric('c', 'Pass', { groups: ['c'] })],
      weights: { a: 60 },
      score: 40,
    },
    {
      name: 'a weight for a group no metric reported still counts, as in Kayenta (the score tops out at 50)',
      metrics: [metric('a', 'Pass', { groups: ['a'] })],
      weights: { a: 50, absent: 50 },
      score: 50,
    },
    {
      name: 'a metric in two groups counts in each',
      metrics: [metric('shared', 'High', { groups: ['a', 'b'] }), metric('b-only', 'Pass', { groups: ['b'] })],
      weights: {},
      score: 25,
    },
  ])('$name', ({ metrics, weights, score }) => {
    expect(scoreMetrics(metrics, { thresholds, groupWeights: weights }).score).toBe(score);
  });
});

describe('verdict from the thresholds (ThresholdScoreClassifier)', () => {
  // Four groups of equal weight: each High takes 25 off, each group without Pass/High/Low counts 100.
  const scored = (passes: number): JudgedMetric[] => ['a', 'b', 'c', 'd'].map((group, i) => metric(group, i < passes ? 'Pass' : 'High', { groups: [group] }));

  it.each<{ name: string; passes: number; pass: number; marginal: number; verdict: Verdict; score: number }>([
    { name: 'all pass', passes: 4, pass: 95, marginal: 75, verdict: 'pass', score: 100 },
    { name: 'exactly the pass threshold passes', passes: 3, pass: 75, marginal: 50, verdict: 'pass', score: 75 },
    { name: 'just under the pass threshold is marginal', passes: 3, pass: 75.01, marginal: 50, verdict: 'marginal', score: 75 },
    { name: 'exactly the marginal threshold is marginal', passes: 3, pass: 95, marginal: 75, verdict: 'marginal', score: 75 },
    { name: 'below the marginal threshold fails', passes: 2, pass: 95, marginal: 75, verdict: 'fail', score: 50 },
  ])('$name', ({ passes, pass, marginal, verdict, score }) => {
    expect(scoreMetrics(scored(passes), { thresholds: { pass, marginal } })).toMatchObject({ verdict, score });
  });

  it('should say why in words', () => {
    expect(scoreMetrics(scored(3), { thresholds }).reason).toBe('score 75: below the pass threshold 95, at least the marginal threshold 75');
    expect(scoreMetrics(scored(4), { thresholds }).reason).toBe('score 100: at least the pass threshold 95');
    expect(scoreMetrics(scored(2), { thresholds }).reason).toBe('score 50: below the marginal threshold 75');
  });
});

describe('failures that overrule the score', () => {
  it('a critical metric that is High fails the judgement, whatever the thresholds', () => {
    const judgement = scoreMetrics([metric('errors', 'High', { critical: true }), ...['a', 'b', 'c'].map((name) => metric(name, 'Pass'))], { thresholds: { pass: 10, marginal: 0 } });
    expect(judgement).toMatchObject({ verdict: 'fail', score: 0, reason: 'critical metric errors is High: errors was High' });
  });

  it('half the metrics without data or more fails (Kayenta NODATA_THRESHOLD = 50)', () => {
    expect(scoreMetrics([metric('a', 'NoData'), metric('b', 'Pass')], { thresholds })).toMatchObject({ verdict: 'fail', score: 0, reason: '1 of 2 metrics have no data: 50% or more fails the canary' });
    expect(scoreMetrics([metric('a', 'NoData'), metric('b', 'Pass'), metric('c', 'Pass')], { thresholds })).toMatchObject({ verdict: 'pass', score: 100 });
  });

  it('nothing to count fails: a gate never passes without data', () => {
    expect(scoreMetrics([], { thresholds })).toMatchObject({ verdict: 'fail', score: 0, reason: 'no metric to judge', counted: 0 });
  });
});

describe('dryRun: measured and shown, never counted', () => {
  it.each<{ name: string; metrics: JudgedMetric[]; verdict: Verdict; score: number; counted: number }>([
    { name: 'a High dry-run metric does not lower the score', metrics: [metric('pass', 'Pass'), metric('trial', 'High', { dryRun: true })], verdict: 'pass', score: 100, counted: 1 },
    { name: 'a critical dry-run failure does not fail the judgement', metrics: [metric('pass', 'Pass'), metric('trial', 'High', { critical: true, dryRun: true })], verdict: 'pass', score: 100, counted: 1 },
    { name: 'dry-run NoData does not count toward the no-data share', metrics: [metric('pass', 'Pass'), metric('trial', 'NoData', { dryRun: true })], verdict: 'pass', score: 100, counted: 1 },
    { name: 'a dry-run Pass does not rescue a failing one', metrics: [metric('high', 'High'), metric('trial', 'Pass', { dryRun: true })], verdict: 'fail', score: 0, counted: 1 },
  ])('$name', ({ metrics, verdict, score, counted }) => {
    expect(scoreMetrics(metrics, { thresholds })).toMatchObject({ verdict, score, counted });
  });

  it('should still report the dry-run metrics with their classification', () => {
    const trial = metric('trial', 'High', { dryRun: true });
    expect(scoreMetrics([metric('pass', 'Pass'), trial], { thresholds }).dryRun).toEqual([trial]);
  });

  it('only dry-run metrics fail for want of a counted one', () => {
    expect(scoreMetrics([metric('trial', 'Pass', { dryRun: true })], { thresholds })).toMatchObject({ verdict: 'fail', reason: 'no metric counts toward the verdict: every metric is dryRun' });
  });
});
