import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from '../../../../src/domain/analysis/judge/mannWhitney';
import type { Alternative, TestMethod } from '../../../../src/domain/analysis/judge/mannWhitney';
import { averageRanks, tieCorrection } from '../../../../src/domain/analysis/judge/ranks';
import { permutationPValue, uByPairs } from './bruteForce';
import { diffX, diffY, intermediateX, intermediateY, tieOutBaseline, tieOutCandidate, tieOutLargeBaseline, tieOutLargeCandidate } from './kayentaMannWhitneySamples';

// Hollander & Wolfe (1973), p. 69: permeability constants of the human chorioamnion at term (x)
// and at 12 to 26 weeks (y); the two-sample example in R's help page for wilcox.test.
const termPermeability = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const earlyPermeability = [1.15, 0.88, 0.9, 0.74, 1.21];
// Wikipedia, "Mann–Whitney U test", illustration: six tortoises and six hares finish in the order
// T H H H H H T T T T T H; the samples are the finishing places.
const tortoises = [1, 7, 8, 9, 10, 11];
const hares = [2, 3, 4, 5, 6, 12];
// A small sample with ties (three tie groups), chosen for this table; its numbers are R's.
const tiedA = [1, 2, 2, 3, 4];
const tiedB = [2, 3, 3, 5, 6, 7];

describe('averageRanks', () => {
  it.each([
    { name: 'no ties', values: [30, 10, 20], ranks: [3, 1, 2], tieSizes: [] },
    { name: 'a pair shares 2.5', values: [10, 20, 20, 30], ranks: [1, 2.5, 2.5, 4], tieSizes: [2] },
    { name: 'a triple and a pair', values: [5, 1, 5, 1, 5], ranks: [4, 1.5, 4, 1.5, 4], tieSizes: [2, 3] },
    { name: 'all equal', values: [7, 7, 7, 7], ranks: [2.5, 2.5, 2.5, 2.5], tieSizes: [4] },
  ])('$name', ({ values, ranks, tieSizes }) => {
    const ranking = averageRanks(values);
    expect(ranking.ranks).toEqual(ranks);
    expect([...ranking.tieSizes].sort()).toEqual(tieSizes);
  });

  it('should take Σ(t³ − t) off for the ties', () => {
    expect(tieCorrection([2, 3])).toBe(30);
  });
});

describe('mannWhitneyU', () => {
  it.each<{ name: string; candidate: readonly number[]; baseline: readonly number[]; alternative: Alternative; method?: TestMethod; correct?: boolean; u: number; used: TestMethod; p: number }>([
    // Numbers from R 4.2.2's wilcox.test on the same data, printed with 16 digits.
    { name: 'Hollander & Wolfe, greater, exact (R help: W = 35, p = 0.1272)', candidate: termPermeability, baseline: earlyPermeability, alternative: 'greater', u: 35, used: 'exact', p: 0.1272061272061272 },
    { name: 'Hollander & Wolfe, two-sided, exact', candidate: termPermeability, baseline: earlyPermeability, alternative: 'two-sided', u: 35, used: 'exact', p: 0.2544122544122544 },
    { name: 'Hollander & Wolfe, less, exact', candidate: termPermeability, baseline: earlyPermeability, alternative: 'less', u: 35, used: 'exact', p: 0.8967698967698967 },
    { name: 'Hollander & Wolfe, greater, their large-sample approximation (R help: p = 0.1103)', candidate: termPermeability, baseline: earlyPermeability, alternative: 'greater', method: 'normal', correct: false, u: 35, used: 'normal', p: 0.1103356809599234 },
    { name: 'Hollander & Wolfe, greater, normal with continuity correction', candidate: termPermeability, baseline: earlyPermeability, alternative: 'greater', method: 'normal', u: 35, used: 'normal', p: 0.1223118025634917 },
    { name: 'Hollander & Wolfe, two-sided, normal with continuity correction', candidate: termPermeability, baseline: earlyPermeability, alternative: 'two-sided', method: 'normal', u: 35, used: 'normal', p: 0.2446236051269834 },
    { name: 'Wikipedia tortoises against hares: U = 25, two-sided exact', candidate: tortoises, baseline: hares, alternative: 'two-sided', u: 25, used: 'exact', p: 0.3095238095238095 },
    { name: 'Wikipedia hares against tortoises: U = 11, the same p', candidate: hares, baseline: tortoises, alternative: 'two-sided', u: 11, used: 'exact', p: 0.3095238095238095 },
    { name: 'Wikipedia tortoises, normal with continuity correction', candidate: tortoises, baseline: hares, alternative: 'two-sided', method: 'normal', u: 25, used: 'normal', p: 0.2979530616081679 },
    { name: 'ties force the normal approximation, two-sided', candidate: tiedA, baseline: tiedB, alternative: 'two-sided', u: 6, used: 'normal', p: 0.1139031445885307 },
    { name: 'ties, less', candidate: tiedA, baseline: tiedB, alternative: 'less', u: 6, used: 'normal', p: 0.05695157229426534 },
    { name: 'ties, greater', candidate: tiedA, baseline: tiedB, alternative: 'greater', u: 6, used: 'normal', p: 0.9613756091726351 },
    { name: 'Kayenta "Wilcoxon Diff Function" samples (850 each, tied)', candidate: diffX, baseline: diffY, alternative: 'two-sided', u: 348869, used: 'normal', p: 0.2189156968855636 },
    { name: 'Kayenta "Tie out with R Version" samples (90 each)', candidate: tieOutCandidate, baseline: tieOutBaseline, alternative: 'two-sided', u: 3344, used: 'normal', p: 0.04097223499284412 },
    { name: 'Kayenta "Tie out with R Version (Large)" samples (180 each)', candidate: tieOutLargeCandidate, baseline: tieOutLargeBaseline, alternative: 'two-sided', u: uByPairs(tieOutLargeCandidate, tieOutLargeBaseline), used: 'normal', p: 0.002624852836756494 },
    { name: 'Kayenta "Intermediate Values" samples (210 each)', candidate: intermediateX, baseline: intermediateY, alternative: 'two-sided', u: uByPairs(intermediateX, intermediateY), used: 'normal', p: 2.833448233359801e-9 },
  ])('$name', ({ candidate, baseline, alternative, method, correct, u, used, p }) => {
    const test = mannWhitneyU(candidate, baseline, { alternative, ...(method ? { method } : {}), ...(correct === false ? { continuityCorrection: false } : {}) });
    expect(test.uCandidate).toBe(u);
    expect(test.uCandidate).toBe(uByPairs(candidate, baseline));
    expect(test.uCandidate + test.uBaseline).toBe(candidate.length * baseline.length);
    expect(test.method).toBe(used);
    expect(Math.abs(test.pValue - p) / p).toBeLessThan(1e-12);
  });

  it.each<{ name: string; candidate: number[]; baseline: number[]; alternative: Alternative }>([
    { name: 'Hollander & Wolfe, greater', candidate: termPermeability, baseline: earlyPermeability, alternative: 'greater' },
    { name: 'Hollander & Wolfe, two-sided', candidate: termPermeability, baseline: earlyPermeability, alternative: 'two-sided' },
    { name: 'tortoises, two-sided', candidate: tortoises, baseline: hares, alternative: 'two-sided' },
    { name: 'hares, less', candidate: hares, baseline: tortoises, alternative: 'less' },
    { name: 'fully separated 4 and 4 (p = 2/70)', candidate: [10, 20, 30, 40], baseline: [1, 2, 3, 4], alternative: 'two-sided' },
  ])('the exact p-value of $name equals the permutation test by enumeration', ({ candidate, baseline, alternative }) => {
    expect(mannWhitneyU(candidate, baseline, { alternative }).pValue).toBeCloseTo(permutationPValue(candidate, baseline, alternative), 14);
  });

  it('should match Kayenta "Wilcoxon Diff Function": the corrected statistic at shift 0 is -1.229416, at shift 5 is -35.80606', () => {
    expect(mannWhitneyU(diffX, diffY, { method: 'normal' }).z).toBeCloseTo(-1.229416, 6);
    expect(mannWhitneyU(diffX.map((x) => x - 5), diffY, { method: 'normal' }).z).toBeCloseTo(-35.80606, 5);
  });

  it('should stay exact at 49 values per sample and agree with the normal approximation there', () => {
    // R 4.2.2: wilcox.test(1:49, 1:49 + 20.5) gives 2.63413347243819e-09 exact, 1.6853871842009e-08 normal.
    const candidate = Array.from({ length: 49 }, (_, i) => i + 1);
    const baseline = candidate.map((x) => x + 20.5);
    const exact = mannWhitneyU(candidate, baseline);
    const normal = mannWhitneyU(candidate, baseline, { method: 'normal' });
    expect(exact.method).toBe('exact');
    expect(exact.pValue / 2.63413347243819e-9).toBeCloseTo(1, 10);
    expect(normal.pValue / 1.6853871842009e-8).toBeCloseTo(1, 10);
  });

  it('should switch to the normal approximation at 50 values, and refuse an explicit exact there', () => {
    const fifty = Array.from({ length: 50 }, (_, i) => i);
    expect(mannWhitneyU(fifty, [100.5, 200.5]).method).toBe('normal');
    expect(() => mannWhitneyU(fifty, [100.5], { method: 'exact' })).toThrow(RangeError);
  });

  it('should answer p = 1 when every value is tied', () => {
    expect(mannWhitneyU([3, 3, 3], [3, 3])).toMatchObject({ pValue: 1, method: 'normal', uCandidate: 3 });
  });

  it('should refuse an empty sample or a value that is not a finite number', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1, NaN], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1], [Infinity])).toThrow(RangeError);
  });
});
