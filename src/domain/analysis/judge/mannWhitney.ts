import { exactApplies, exactUDistribution, exactULower, exactUUpper, EXACT_SIZE_LIMIT } from './exactU';
import { normalCdf } from './normal';
import { averageRanks, tieCorrection } from './ranks';

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum test) of a candidate sample against a baseline, as
 * R's wilcox.test computes it: exact for small samples without ties, otherwise the normal
 * approximation with the tie-corrected variance and a continuity correction.
 */

/** Which difference the test looks for: 'greater' means the candidate tends to be larger. */
export type Alternative = 'two-sided' | 'greater' | 'less';

export type TestMethod = 'exact' | 'normal';

export interface MannWhitneyOptions {
  readonly alternative?: Alternative;
  /** 'auto' (the default): exact below {@link EXACT_SIZE_LIMIT} values per sample when nothing is tied. */
  readonly method?: TestMethod | 'auto';
  /** Shift the statistic half a step toward the mean before the normal approximation (R's `correct`, on by default). */
  readonly continuityCorrection?: boolean;
}

export interface MannWhitneyTest {
  /** Pairs (candidate, baseline) in which the candidate is larger, a tie counting half: R's W. */
  readonly uCandidate: number;
  /** The same for the baseline; the two add up to m·n. */
  readonly uBaseline: number;
  readonly alternative: Alternative;
  readonly method: TestMethod;
  /** The standardized statistic of the normal approximation; undefined for the exact method. */
  readonly z: number | undefined;
  readonly pValue: number;
  /** Whether any value occurs more than once across both samples. */
  readonly ties: boolean;
}

/**
 * Throws for what only a programmer can pass: the judge removes or replaces missing values before it tests.
 *
 * @example
 * assertSample('candidate', [1, NaN]); // RangeError: candidate: the sample holds a value that is not a finite number
 */
export function assertSample(name: string, values: readonly number[]): void {
  if (values.length === 0) throw new RangeError(`${name}: the sample is empty`);
  if (!values.every(Number.isFinite)) throw new RangeError(`${name}: the sample holds a value that is not a finite number`);
}

/**
 * U from the rank sum of the candidate: R₁ − m(m+1)/2.
 *
 * @example
 * uStatistics([3, 4], [1, 2, 3]); // { uCandidate: 5.5, uBaseline: 0.5, ties: true, tieSum: 6 }
 */
export function uStatistics(candidate: readonly number[], baseline: readonly number[]): { uCandidate: number; uBaseline: number; ties: boolean; tieSum: number } {
  const m = candidate.length;
  const n = baseline.length;
  const { ranks, tieSizes } = averageRanks([...candidate, ...baseline]);
  let rankSum = 0;
  for (let i = 0; i < m; i++) rankSum += ranks[i] as number;
  const uCandidate = rankSum - (m * (m + 1)) / 2;
  return { uCandidate, uBaseline: m * n - uCandidate, ties: tieSizes.length > 0, tieSum: tieCorrection(tieSizes) };
}

/**
 * The standard deviation of U under the null hypothesis, less what ties take away:
 * √(mn/12 · ((N+1) − Σ(t³−t)/(N(N−1)))), N = m + n.
 *
 * @example
 * uStandardDeviation(10, 5, 0); // √(50·16/12) = 8.1650
 */
export function uStandardDeviation(m: number, n: number, tieSum: number): number {
  const total = m + n;
  return Math.sqrt(((m * n) / 12) * (total + 1 - tieSum / (total * (total - 1))));
}

function continuityShift(alternative: Alternative, centered: number): number {
  if (alternative === 'greater') return 0.5;
  if (alternative === 'less') return -0.5;
  return Math.sign(centered) * 0.5;
}

function normalPValue(alternative: Alternative, z: number): number {
  if (alternative === 'greater') return normalCdf(-z);
  if (alternative === 'less') return normalCdf(z);
  return 2 * Math.min(normalCdf(z), normalCdf(-z));
}

function exactPValue(alternative: Alternative, u: number, m: number, n: number): number {
  const distribution = exactUDistribution(m, n);
  if (alternative === 'greater') return exactUUpper(distribution, u);
  if (alternative === 'less') return exactULower(distribution, u);
  const tail = u > (m * n) / 2 ? exactUUpper(distribution, u) : exactULower(distribution, u);
  return Math.min(1, 2 * tail);
}

function chooseMethod(requested: TestMethod | 'auto', m: number, n: number, ties: boolean): TestMethod {
  if (requested === 'normal') return 'normal';
  if (requested === 'exact' && (m >= EXACT_SIZE_LIMIT || n >= EXACT_SIZE_LIMIT)) {
    throw new RangeError(`mannWhitneyU: the exact method takes samples below ${EXACT_SIZE_LIMIT} values, got ${m} and ${n}`);
  }
  // Ties leave no exact distribution to consult: R falls back to the normal approximation too.
  return exactApplies(m, n, ties) ? 'exact' : 'normal';
}

/**
 * The Mann-Whitney U test of candidate against baseline. When every value is tied there is no
 * ordering to test: the p-value is 1 (R answers NaN).
 *
 * @example
 * // Hollander & Wolfe (1973), p. 69, the example in R's help for wilcox.test: permeability at
 * // term (candidate) against 12 to 26 weeks (baseline); is it greater?
 * const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
 * const y = [1.15, 0.88, 0.9, 0.74, 1.21];
 * mannWhitneyU(x, y, { alternative: 'greater' });
 * // { uCandidate: 35, uBaseline: 15, method: 'exact', pValue: 0.1272…, … }
 * mannWhitneyU(x, y, { alternative: 'greater', method: 'normal', continuityCorrection: false }).pValue; // 0.1103…
 */
export function mannWhitneyU(candidate: readonly number[], baseline: readonly number[], options: MannWhitneyOptions = {}): MannWhitneyTest {
  assertSample('candidate', candidate);
  assertSample('baseline', baseline);
  const alternative = options.alternative ?? 'two-sided';
  const m = candidate.length;
  const n = baseline.length;
  const { uCandidate, uBaseline, ties, tieSum } = uStatistics(candidate, baseline);
  const method = chooseMethod(options.method ?? 'auto', m, n, ties);
  if (method === 'exact') {
    return { uCandidate, uBaseline, alternative, method, z: undefined, pValue: exactPValue(alternative, uCandidate, m, n), ties };
  }
  const sigma = uStandardDeviation(m, n, tieSum);
  if (sigma === 0) return { uCandidate, uBaseline, alternative, method, z: 0, pValue: 1, ties };
  const centered = uCandidate - (m * n) / 2;
  const correction = options.continuityCorrection === false ? 0 : continuityShift(alternative, centered);
  const z = (centered - correction) / sigma;
  return { uCandidate, uBaseline, alternative, method, z, pValue: normalPValue(alternative, z), ties };
}
