import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../../src/domain/analysis/judge/mannWhitney';
import type { TestMethod } from '../../../../src/domain/analysis/judge/mannWhitney';
import { normalQuantile } from '../../../../src/domain/analysis/judge/normal';
import { hodgesLehmann, pairwiseDifferences, shiftInterval } from '../../../../src/domain/analysis/judge/shift';
import { permutationPValue } from './bruteForce';
import { diffX, diffY, intermediateX, intermediateY, tieOutBaseline, tieOutCandidate, tieOutLargeBaseline, tieOutLargeCandidate } from './kayentaMannWhitneySamples';

const termPermeability = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const earlyPermeability = [1.15, 0.88, 0.9, 0.74, 1.21];
const criticalCandidate = [20, 22, 21, 25, 30];
const criticalBaseline = [1, 2.2, 1.1, 2.5, 3];

describe('hodgesLehmann', () => {
  it.each([
    { name: 'Kayenta "Confidence Interval & Estimate": 10..40 against 1..4', candidate: [10, 20, 30, 40], baseline: [1, 2, 3, 4], estimate: 22.5 },
    { name: 'Hollander & Wolfe permeability (R exact estimate 0.305)', candidate: termPermeability, baseline: earlyPermeability, estimate: 0.305 },
    { name: 'an odd number of pairs takes the middle one', candidate: [10, 20, 30], baseline: [0], estimate: 20 },
  ])('$name', ({ candidate, baseline, estimate }) => {
    expect(hodgesLehmann(candidate, baseline)).toBeCloseTo(estimate, 12);
  });

  it('should be the median of every pairwise difference', () => {
    expect(Array.from(pairwiseDifferences([10, 20], [1, 2]))).toEqual([8, 9, 18, 19]);
  });
});

describe('shiftInterval', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; level: number; method: TestMethod | 'auto'; lower: number; upper: number; estimate: number; digits?: number }>([
    // Expected bounds: Kayenta's MannWhitneySuite where it states them, else R 4.2.2's wilcox.test
    // with conf.int = TRUE; for the normal method R's root finder was run to tol.root = 1e-13.
    { name: 'Kayenta "Confidence Interval & Estimate": [6, 39], 22.5', candidate: [10, 20, 30, 40], baseline: [1, 2, 3, 4], level: 0.95, method: 'normal', lower: 6, upper: 39, estimate: 22.5 },
    { name: 'the same samples, exact (R): [6, 39]', candidate: [10, 20, 30, 40], baseline: [1, 2, 3, 4], level: 0.95, method: 'exact', lower: 6, upper: 39, estimate: 22.5 },
    { name: 'Hollander & Wolfe, exact (R): [-0.15, 0.76]', candidate: termPermeability, baseline: earlyPermeability, level: 0.95, method: 'auto', lower: -0.15, upper: 0.76, estimate: 0.305 },
    { name: 'Hollander & Wolfe, normal (R): [-0.15, 0.76]', candidate: termPermeability, baseline: earlyPermeability, level: 0.95, method: 'normal', lower: -0.15, upper: 0.76, estimate: 0.305 },
    { name: 'Kayenta ClassifierSuite critical samples at 95% (R): [17.8, 27.8]', candidate: criticalCandidate, baseline: criticalBaseline, level: 0.95, method: 'normal', lower: 17.8, upper: 27.8, estimate: 20 },
    { name: 'the same at 98%, the judge’s level (R): [17, 29]', candidate: criticalCandidate, baseline: criticalBaseline, level: 0.98, method: 'normal', lower: 17, upper: 29, estimate: 20 },
    { name: 'ties (R): [-5, 1], estimate -2', candidate: [1, 2, 2, 3, 4], baseline: [2, 3, 3, 5, 6, 7], level: 0.95, method: 'auto', lower: -5, upper: 1, estimate: -2 },
    { name: 'Kayenta "Tie out with R Version" (R to 1e-13): [-0.5, 0]', candidate: tieOutCandidate, baseline: tieOutBaseline, level: 0.95, method: 'normal', lower: -0.5, upper: 0, estimate: -0.5 },
    { name: 'Kayenta "Tie out with R Version (Large)" at 98% (R to 1e-13): [-0.5, 0]', candidate: tieOutLargeCandidate, baseline: tieOutLargeBaseline, level: 0.98, method: 'normal', lower: -0.5, upper: 0, estimate: 0 },
    { name: 'Kayenta "Intermediate Values": the interval collapses onto 0 (R: 3e-14 and 9e-14)', candidate: intermediateX, baseline: intermediateY, level: 0.95, method: 'normal', lower: 0, upper: 0, estimate: 0 },
    { name: 'Kayenta "Problem Case" at 98% (R to 1e-15)', candidate: diffX, baseline: diffY, level: 0.98, method: 'normal', lower: -7.450580556555725e-8, upper: 1.738468852483117e-9, estimate: -1.738468806411486e-9, digits: 15 },
    { name: 'two constant samples: the shift is certain', candidate: [10, 10, 10], baseline: [1, 1], level: 0.95, method: 'auto', lower: 9, upper: 9, estimate: 9 },
  ])('$name', ({ candidate, baseline, level, method, lower, upper, estimate, digits }) => {
    const interval = shiftInterval(candidate, baseline, { confidenceLevel: level, method });
    expect(interval.lower).toBeCloseTo(lower, digits ?? 10);
    expect(interval.upper).toBeCloseTo(upper, digits ?? 10);
    expect(interval.estimate).toBeCloseTo(estimate, digits ?? 10);
  });

  it('should lie within the root finder’s tolerance (1e-4) of the bounds Kayenta’s own tests state', () => {
    // MannWhitneySuite "Tie out with R Version": [-0.500002521696696, -3.486287505871302e-5].
    const tieOut = shiftInterval(tieOutCandidate, tieOutBaseline, { confidenceLevel: 0.95, method: 'normal' });
    expect(Math.abs(tieOut.lower - -0.500002521696696)).toBeLessThan(1e-4);
    expect(Math.abs(tieOut.upper - -3.486287505871302e-5)).toBeLessThan(1e-4);
    // "Problem Case" at 98%: [-1.4808028936386108e-5, 1.808255910873413e-5].
    const problem = shiftInterval(diffX, diffY, { confidenceLevel: 0.98, method: 'normal' });
    expect(Math.abs(problem.lower - -1.4808028936386108e-5)).toBeLessThan(1e-4);
    expect(Math.abs(problem.upper - 1.808255910873413e-5)).toBeLessThan(1e-4);
  });

  it('should say what the exact interval really covers: 1 − 2/70 for 4 against 4', () => {
    expect(shiftInterval([10, 20, 30, 40], [1, 2, 3, 4], { method: 'exact' }).achievedConfidence).toBeCloseTo(1 - 2 / 70, 15);
  });

  it.each([
    { name: 'Hollander & Wolfe', candidate: termPermeability, baseline: earlyPermeability },
    { name: 'tortoises and hares', candidate: [1, 7, 8, 9, 10, 11], baseline: [2, 3, 4, 5, 6, 12] },
    { name: 'Kayenta critical samples', candidate: criticalCandidate, baseline: criticalBaseline },
  ])('the exact interval of $name holds exactly the shifts the permutation test does not reject', ({ candidate, baseline }) => {
    const interval = shiftInterval(candidate, baseline, { confidenceLevel: 0.9, method: 'exact' });
    const alpha = 1 - (interval.achievedConfidence as number);
    const differences = Array.from(new Set(pairwiseDifferences(candidate, baseline)));
    for (let k = 0; k + 1 < differences.length; k++) {
      const shift = ((differences[k] as number) + (differences[k + 1] as number)) / 2;
      const kept = permutationPValue(candidate.map((x) => x - shift), baseline, 'two-sided') > alpha + 1e-12;
      expect(kept, `shift ${shift}`).toBe(shift > interval.lower && shift < interval.upper);
    }
  });

  it('the normal interval holds exactly the shifts whose corrected statistic stays within the quantiles', () => {
    const z = normalQuantile(0.975);
    const interval = shiftInterval(termPermeability, earlyPermeability, { confidenceLevel: 0.95, method: 'normal' });
    const differences = Array.from(new Set(pairwiseDifferences(termPermeability, earlyPermeability)));
    for (let k = 0; k + 1 < differences.length; k++) {
      const shift = ((differences[k] as number) + (differences[k + 1] as number)) / 2;
      const statistic = mannWhitneyU(termPermeability.map((x) => x - shift), earlyPermeability, { method: 'normal' }).z as number;
      expect(Math.abs(statistic) < z, `shift ${shift}`).toBe(shift > interval.lower && shift < interval.upper);
    }
  });

  it('should refuse a confidence level outside (0, 1)', () => {
    expect(() => shiftInterval([1, 2], [3, 4], { confidenceLevel: 1 })).toThrow(RangeError);
  });
});
