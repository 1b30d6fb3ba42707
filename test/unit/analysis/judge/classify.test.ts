import { describe, expect, it } from 'vitest';
import { classifyMetric, classifySettings } from '../../../../src/domain/analysis/judge/classify';
import type { ClassifyOptions, MetricLabel } from '../../../../src/domain/analysis/judge/classify';
import {
  around10a, around10b, around20a, around20b, clesLowBaseline, clesLowCandidate, ratesBaseline, ratesCandidate, sparseBaseline, sparseCandidate, tinyBaseline, tinyCandidate,
} from './kayentaSamples';

const criticalCandidate = [20, 22, 21, 25, 30];
const criticalBaseline = [1, 2.2, 1.1, 2.5, 3];
// The settings Kayenta's ClassifierSuite constructs most of its classifiers with.
const suite: ClassifyOptions = { tolerance: 0.1, confidenceLevel: 0.95 };
const clesSuite = (allowedDecrease: number, allowedIncrease: number): ClassifyOptions => ({ tolerance: 0.2, confidenceLevel: 0.98, effectSize: { measure: 'cles', allowedDecrease, allowedIncrease } });

describe('classifyMetric restates Kayenta ClassifierSuite', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; options: ClassifyOptions; label: MetricLabel; critical?: boolean }>([
    { name: 'Test: Pass Metric', candidate: around10a, baseline: around10b, options: suite, label: 'Pass' },
    { name: 'Test: High Metric', candidate: around20a, baseline: around10b, options: suite, label: 'High' },
    { name: 'Test: Low Metric', candidate: around10a, baseline: around20b, options: suite, label: 'Low' },
    { name: 'Directional Test: Increase (a decrease passes)', candidate: around10a, baseline: around20b, options: { ...suite, direction: 'increase' }, label: 'Pass' },
    { name: 'Directional Test: Decrease (an increase passes)', candidate: around20a, baseline: around10b, options: { ...suite, direction: 'decrease' }, label: 'Pass' },
    { name: 'Directional Test: High Metric', candidate: around20a, baseline: around10b, options: { ...suite, direction: 'increase' }, label: 'High', critical: false },
    { name: 'Directional Test: Low Metric', candidate: around10a, baseline: around20b, options: { ...suite, direction: 'decrease' }, label: 'Low' },
    { name: 'Test: High Metric (Large Input), mostly zeros', candidate: sparseCandidate, baseline: sparseBaseline, options: suite, label: 'High', critical: false },
    { name: 'Mean Ratio Effect Size: High', candidate: criticalCandidate, baseline: criticalBaseline, options: { ...suite, effectSize: { allowedDecrease: 0.8, allowedIncrease: 1.2 } }, label: 'High' },
    { name: 'Mean Ratio Effect Size: Low', candidate: around10a, baseline: around20b, options: { ...suite, direction: 'decrease', effectSize: { allowedDecrease: 0.8, allowedIncrease: 1.2 } }, label: 'Low' },
    { name: 'Mean Ratio Effect Size: Pass', candidate: [10, 12.2, 10.1, 12.5, 23], baseline: criticalCandidate, options: { ...suite, nanStrategy: 'remove', effectSize: { allowedDecrease: 0.5, allowedIncrease: 1 } }, label: 'Pass' },
    { name: 'Mean Ratio Effect Size: Pass (Large Input)', candidate: sparseCandidate, baseline: sparseBaseline, options: { ...suite, effectSize: { allowedDecrease: 1, allowedIncrease: 5 } }, label: 'Pass' },
    { name: 'CLES Effect Size: Pass', candidate: tinyCandidate, baseline: tinyBaseline, options: clesSuite(0.5, 0.8), label: 'Pass' },
    { name: 'CLES Effect Size: High', candidate: ratesCandidate, baseline: ratesBaseline, options: clesSuite(0.2, 0.8), label: 'High' },
    { name: 'CLES Effect Size: Low', candidate: clesLowCandidate, baseline: clesLowBaseline, options: clesSuite(0.2, 0.8), label: 'Low' },
    { name: 'Critical Effect Size: Critical High', candidate: criticalCandidate, baseline: criticalBaseline, options: { ...suite, critical: true, effectSize: { criticalDecrease: 1, criticalIncrease: 1.2 } }, label: 'High', critical: true },
    { name: 'Critical Effect Size: Critical Low', candidate: [2, 2, 2, 2, 3], baseline: [10, 20.2, 10.1, 20.5, 30], options: { ...suite, critical: true, effectSize: { criticalDecrease: 1.2, criticalIncrease: 1 } }, label: 'Low', critical: true },
    { name: 'Critical Effect Size: High (below the critical size)', candidate: criticalCandidate, baseline: criticalBaseline, options: { ...suite, critical: true, effectSize: { allowedDecrease: 1, allowedIncrease: 5, criticalDecrease: 1, criticalIncrease: 13 } }, label: 'High', critical: false },
    { name: 'Critical Effect Size: Pass', candidate: criticalCandidate, baseline: criticalBaseline, options: { ...suite, critical: true, effectSize: { allowedDecrease: 1, allowedIncrease: 13, criticalDecrease: 1, criticalIncrease: 15 } }, label: 'Pass', critical: false },
    { name: 'Critical Effect Size: Critical High (Default Thresholds)', candidate: criticalCandidate, baseline: criticalBaseline, options: { ...suite, critical: true }, label: 'High', critical: true },
    { name: 'Tied Observations', candidate: [1, 1, 1], baseline: [1, 1], options: { ...suite, direction: 'decrease' }, label: 'Pass' },
    { name: 'Identical Populations', candidate: [1, 2, 3, 4, 5], baseline: [5, 4, 3, 2, 1], options: { ...suite, direction: 'decrease' }, label: 'Pass' },
    { name: 'Leading Zero Identical Population', candidate: [0, 1, 1, 1, 1], baseline: [1, 1, 1, 1, 1], options: { ...suite, direction: 'decrease' }, label: 'Pass' },
    { name: 'Missing Experiment Data', candidate: [], baseline: [1, 2, 3, 4, 5], options: { ...suite, direction: 'decrease' }, label: 'NoData', critical: false },
    { name: 'Missing Experiment Data: Critical Metric', candidate: [], baseline: [1, 2, 3, 4, 5], options: { ...suite, direction: 'decrease', critical: true }, label: 'NoData', critical: true },
    { name: 'Missing Experiment Data with NaN Replacement', candidate: [], baseline: [1, 2, 3, 4, 5], options: { ...suite, direction: 'decrease', nanStrategy: 'replace' }, label: 'Pass', critical: false },
    { name: 'Majority Tied Observations', candidate: [1, 1, 1, 1, 10], baseline: [1, 1, 1, 1, 1], options: suite, label: 'Pass' },
    { name: 'Tied Ranks: two constant samples', candidate: [10, 10, 10, 10, 10], baseline: [1, 1, 1, 1, 1], options: suite, label: 'High' },
    { name: 'Tied Ranks With Zeros', candidate: [10, 10, 10, 10, 10], baseline: [0, 0, 0, 0, 0], options: suite, label: 'High' },
    { name: 'Zero Mean: High Metric with Effect Size', candidate: [54.9, 54.5, 55.1, 55.6, 57.4], baseline: [0, 0, 0, 0, 0], options: { ...suite, effectSize: { allowedDecrease: 0.8, allowedIncrease: 1.2 } }, label: 'High' },
    { name: 'Zero Mean: Low Metric with Effect Size', candidate: [0, 0, 0, 0, 0], baseline: [54.9, 54.5, 55.1, 55.6, 57.4], options: { ...suite, effectSize: { allowedDecrease: 0.8, allowedIncrease: 1.2 } }, label: 'Low' },
    {
      name: 'Zero Mean: Critical Metric',
      candidate: [0.05000000074505806, 0.05000000074505806, 0.01666666753590107, 0.01666666753590107, 0.01666666753590107, 0.05000000074505806, 0.03333333507180214, 0.05000000260770321, 0.05000000260770321, 0.13333333656191826],
      baseline: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      options: { ...suite, nanStrategy: 'replace', critical: true, effectSize: { criticalDecrease: 0.8, criticalIncrease: 1.2 } },
      label: 'High',
      critical: true,
    },
    { name: 'Zero Mean: Pass Metric', candidate: [0, 0, 0, 0, 0], baseline: [0, 0, 0, 0, 0], options: { ...suite, effectSize: { allowedDecrease: 0.8, allowedIncrease: 1.2 } }, label: 'Pass' },
  ])('$name → $label', ({ candidate, baseline, options, label, critical }) => {
    const result = classifyMetric(candidate, baseline, options);
    expect(result.label).toBe(label);
    if (critical !== undefined) expect(result.critical).toBe(critical);
    expect(result.reason).not.toBe('');
  });

  it('should report the mean ratio as Kayenta reports its deviation: undefined for a zero mean, 1 for identical data', () => {
    expect(classifyMetric([54.9, 54.5, 55.1, 55.6, 57.4], [0, 0, 0, 0, 0], suite).ratio).toBeUndefined();
    expect(classifyMetric([0, 0, 0], [0, 0, 0], suite).ratio).toBe(1);
    expect(classifyMetric(criticalCandidate, criticalBaseline, suite).ratio).toBeCloseTo(23.6 / 1.96, 12);
  });
});

describe('effect size', () => {
  // Means 110 and 100 exactly: the ratio is 1.1, and the samples do not overlap.
  const candidate = [110, 111, 109, 110, 110.5, 109.5];
  const baseline = [100, 101, 99, 100, 100.5, 99.5];

  it.each([
    { name: 'a ratio equal to the allowed increase is High (Kayenta compares with ≥)', allowedIncrease: 1.1, label: 'High' },
    { name: 'a ratio just under the allowed increase passes, though the change is significant', allowedIncrease: 1.1000001, label: 'Pass' },
    { name: 'the default allowed increase 1 lets any significant increase count', allowedIncrease: undefined, label: 'High' },
  ])('$name', ({ allowedIncrease, label }) => {
    const result = classifyMetric(candidate, baseline, allowedIncrease === undefined ? {} : { effectSize: { allowedIncrease } });
    expect(result.effectSize).toBe(1.1);
    expect(result.label).toBe(label);
  });

  it('should mirror the boundary for a decrease', () => {
    expect(classifyMetric(baseline, candidate, { effectSize: { allowedDecrease: 100 / 110 } }).label).toBe('Low');
    expect(classifyMetric(baseline, candidate, { effectSize: { allowedDecrease: 0.9 } }).label).toBe('Pass');
  });

  it('should take Kayenta’s defaults: 0.98, a band of 25% of the shift, 1 for a mean ratio, 0.5 for CLES', () => {
    expect(classifySettings()).toMatchObject({ direction: 'either', confidenceLevel: 0.98, tolerance: 0.25, measure: 'meanRatio', allowedIncrease: 1, criticalDecrease: 1, nanStrategy: 'remove', critical: false });
    expect(classifySettings({ effectSize: { measure: 'cles' } })).toMatchObject({ allowedIncrease: 0.5, allowedDecrease: 0.5 });
  });
});

describe('the band around zero', () => {
  // The interval must clear tolerance × |estimate|, not merely zero: with a huge tolerance nothing is significant.
  it.each([
    { name: 'a clear shift with the judge’s tolerance 0.25 is High', tolerance: 0.25, label: 'High' },
    { name: 'the same shift passes when the band is as wide as the estimate', tolerance: 1, label: 'Pass' },
  ])('$name', ({ tolerance, label }) => {
    expect(classifyMetric(criticalCandidate, criticalBaseline, { confidenceLevel: 0.95, tolerance }).label).toBe(label);
  });
});

describe('the test at the band’s edge', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; options: ClassifyOptions }>([
    { name: 'Kayenta High Metric', candidate: around20a, baseline: around10b, options: suite },
    { name: 'Kayenta Low Metric', candidate: around10a, baseline: around20b, options: suite },
    { name: 'Kayenta Pass Metric', candidate: around10a, baseline: around10b, options: suite },
    { name: 'Kayenta CLES High', candidate: ratesCandidate, baseline: ratesBaseline, options: clesSuite(0.2, 0.8) },
    { name: 'Kayenta critical samples at the judge’s 98%', candidate: criticalCandidate, baseline: criticalBaseline, options: {} },
    { name: 'overlapping small samples', candidate: [1, 2, 3, 4, 5], baseline: [2, 3, 4, 5, 6], options: suite },
  ])('$name: decides as "the interval lies clear of the band" does', ({ candidate, baseline, options }) => {
    const result = classifyMetric(candidate, baseline, options);
    const shift = result.shift as NonNullable<typeof result.shift>;
    const band = result.band as number;
    const expected = shift.lower > band ? 'High' : shift.upper < -band ? 'Low' : 'Pass';
    expect(result.label).toBe(expected);
  });

  it('where mostly-zero samples shrink the interval onto 0, the test still sees the increase Kayenta reports (Large Input)', () => {
    const result = classifyMetric(sparseCandidate, sparseBaseline, suite);
    expect(result.shift).toMatchObject({ lower: 0, upper: 0, estimate: 0 });
    expect(result.label).toBe('High');
    expect(result.reason).toBe(
      'candidate median 0 vs baseline 0: the 95% interval of the shift [0, 0] closes on a tie, yet a shift of 0 (10% of the estimated shift 0) is rejected (statistic 5.941 beyond ±1.96), and the mean ratio 4.447× is at least the allowed increase 1×',
    );
  });
});

describe('direction', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; direction: 'increase' | 'decrease' | 'either'; label: MetricLabel }>([
    { name: 'higher, either', candidate: criticalCandidate, baseline: criticalBaseline, direction: 'either', label: 'High' },
    { name: 'higher, increase is bad', candidate: criticalCandidate, baseline: criticalBaseline, direction: 'increase', label: 'High' },
    { name: 'higher, only a decrease is bad', candidate: criticalCandidate, baseline: criticalBaseline, direction: 'decrease', label: 'Pass' },
    { name: 'lower, either', candidate: criticalBaseline, baseline: criticalCandidate, direction: 'either', label: 'Low' },
    { name: 'lower, only an increase is bad', candidate: criticalBaseline, baseline: criticalCandidate, direction: 'increase', label: 'Pass' },
    { name: 'lower, decrease is bad', candidate: criticalBaseline, baseline: criticalCandidate, direction: 'decrease', label: 'Low' },
  ])('$name → $label', ({ candidate, baseline, direction, label }) => {
    expect(classifyMetric(candidate, baseline, { direction }).label).toBe(label);
  });
});

describe('nanStrategy', () => {
  const withGaps = [20, NaN, 22, 21, Infinity, 25, 30];

  it.each([
    { name: 'remove drops NaN and ±Infinity, and counts them as missing', strategy: 'remove' as const, count: 5, label: 'High' },
    { name: 'replace counts them as 0, which here hides the increase', strategy: 'replace' as const, count: 7, label: 'Pass' },
  ])('$name', ({ strategy, count, label }) => {
    const result = classifyMetric(withGaps, criticalBaseline, { nanStrategy: strategy });
    expect(result.candidate).toMatchObject({ count, missing: 2 });
    expect(result.label).toBe(label);
  });

  it('should judge removed gaps exactly as if they were never there', () => {
    expect(classifyMetric(withGaps, criticalBaseline).shift).toEqual(classifyMetric(criticalCandidate, criticalBaseline).shift);
  });

  it('a candidate of nothing but NaN is NoData under remove, and a sample of zeros under replace', () => {
    const gaps = [NaN, NaN, NaN, NaN, NaN];
    const baseline = [10, 10.1, 9.9, 10.05, 9.95];
    expect(classifyMetric(gaps, baseline, { direction: 'decrease', nanStrategy: 'remove' }).label).toBe('NoData');
    expect(classifyMetric(gaps, baseline, { direction: 'decrease', nanStrategy: 'replace' }).label).toBe('Low');
  });

  it('a sample of nothing but NaN is NoData under remove and says so', () => {
    const result = classifyMetric([NaN, NaN, NaN], [1, 2, 3]);
    expect(result).toMatchObject({ label: 'NoData', critical: false, reason: 'no candidate data (all 3 values were missing)' });
  });
});

describe('reasons', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; options: ClassifyOptions; reason: string }>([
    {
      name: 'High, critical',
      candidate: criticalCandidate,
      baseline: criticalBaseline,
      options: { ...suite, critical: true, effectSize: { criticalIncrease: 1.2 } },
      reason: 'candidate median 22 vs baseline 2.2: the 95% interval of the shift [17.8, 27.8] lies above +2 (10% of the estimated shift 20), and the mean ratio 12.04× is at least the allowed increase 1×; critical: the mean ratio 12.04× is at least the critical increase 1.2×',
    },
    {
      name: 'Pass: significant but smaller than allowed',
      candidate: criticalCandidate,
      baseline: criticalBaseline,
      options: { ...suite, effectSize: { allowedIncrease: 13 } },
      reason: 'candidate median 22 vs baseline 2.2: the 95% interval of the shift [17.8, 27.8] lies above +2 (10% of the estimated shift 20), but the mean ratio 12.04× is below the allowed increase 13×',
    },
    {
      name: 'Pass: the wrong direction to matter',
      candidate: criticalBaseline,
      baseline: criticalCandidate,
      options: { ...suite, direction: 'increase' },
      reason: 'candidate median 2.2 vs baseline 22: the candidate is lower (the 95% interval of the shift [-27.8, -17.8] lies below -2 (10% of the estimated shift -20)), but only an increase fails this metric',
    },
    {
      name: 'Pass: not clear of the band',
      candidate: [1, 2, 3, 4, 5],
      baseline: [2, 3, 4, 5, 6],
      options: suite,
      reason: 'candidate median 3 vs baseline 4: the 95% interval of the shift [-4, 2] is not clear of ±0.1 (10% of the estimated shift -1): no significant change',
    },
    { name: 'Pass: one value throughout', candidate: [1, 1, 1], baseline: [1, 1], options: suite, reason: 'every value is 1 in both samples' },
    { name: 'Pass: the same values', candidate: [1, 2, 3], baseline: [3, 2, 1], options: suite, reason: 'candidate and baseline hold the same values' },
    { name: 'NoData, critical', candidate: [], baseline: [], options: { critical: true }, reason: 'no candidate data and no baseline data; the metric is critical' },
    { name: 'Pass with replace and nothing to judge', candidate: [], baseline: [1], options: { nanStrategy: 'replace' }, reason: "no candidate data; with nanStrategy 'replace' that passes" },
    {
      name: 'High with a zero baseline mean',
      candidate: [54.9, 54.5, 55.1, 55.6, 57.4],
      baseline: [0, 0, 0, 0, 0],
      options: suite,
      reason: 'candidate median 55.1 vs baseline 0: the 95% interval of the shift [54.5, 57.4] lies above +5.51 (10% of the estimated shift 55.1); the mean ratio cannot be computed (a mean is 0), so the interval alone decides',
    },
  ])('$name', ({ candidate, baseline, options, reason }) => {
    expect(classifyMetric(candidate, baseline, options).reason).toBe(reason);
  });
});
