/**
 * The exact null distribution of the Mann-Whitney U statistic, for samples without ties.
 *
 * R's wilcox.test, which Kayenta's implementation restates, computes exact p-values and intervals
 * when both samples have fewer than 50 values and nothing is tied, and the normal approximation
 * otherwise; we keep that limit.
 */
export const EXACT_SIZE_LIMIT = 50;

/**
 * Whether the exact distribution applies: both samples below {@link EXACT_SIZE_LIMIT}, no ties.
 *
 * @example
 * exactApplies(10, 5, false); // true
 * exactApplies(10, 50, false); // false: the normal approximation
 */
export function exactApplies(m: number, n: number, ties: boolean): boolean {
  return !ties && m < EXACT_SIZE_LIMIT && n < EXACT_SIZE_LIMIT;
}

/**
 * P(U = u) for u = 0..m·n, where U counts the pairs in which one of m values beats one of n,
 * every ordering of the m + n values being equally likely.
 *
 * The largest of the m + n values belongs to the first sample with probability m/(m+n), and then
 * beats all n of the second, so P_{m,n}(u) = m/(m+n)·P_{m−1,n}(u−n) + n/(m+n)·P_{m,n−1}(u). Kept
 * as probabilities, every step adds positive numbers: no overflow, no cancellation.
 *
 * @example
 * exactUDistribution(2, 2); // [1/6, 1/6, 2/6, 1/6, 1/6]
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) throw new RangeError(`exactUDistribution: sizes must be whole numbers, got ${m} and ${n}`);
  // rows[i] holds P_{i,j} for the j reached so far; P_{i,0} and P_{0,j} put everything on U = 0.
  const rows = Array.from({ length: m + 1 }, (_, i) => {
    const row = new Float64Array(i * n + 1);
    row[0] = 1;
    return row;
  });
  for (let j = 1; j <= n; j++) {
    for (let i = 1; i <= m; i++) {
      const row = rows[i] as Float64Array;
      const shorter = rows[i - 1] as Float64Array;
      const fromFirst = i / (i + j);
      const fromSecond = j / (i + j);
      // Descending u: row[u] still holds P_{i,j-1}(u) when it is read.
      for (let u = i * j; u >= 0; u--) {
        const beatsAll = u >= j && u - j <= (i - 1) * j ? (shorter[u - j] as number) : 0;
        const before = u <= i * (j - 1) ? (row[u] as number) : 0;
        row[u] = fromFirst * beatsAll + fromSecond * before;
      }
    }
  }
  return rows[m] as Float64Array;
}

/**
 * P(U ≤ q) from a distribution made by {@link exactUDistribution}.
 *
 * @example
 * exactULower(exactUDistribution(4, 4), 0); // 1/70
 */
export function exactULower(distribution: Float64Array, q: number): number {
  let sum = 0;
  for (let u = 0; u <= Math.min(q, distribution.length - 1); u++) sum += distribution[u] as number;
  return Math.min(1, sum);
}

/**
 * P(U ≥ q) from a distribution made by {@link exactUDistribution}.
 *
 * @example
 * exactUUpper(exactUDistribution(4, 4), 16); // 1/70
 */
export function exactUUpper(distribution: Float64Array, q: number): number {
  let sum = 0;
  for (let u = distribution.length - 1; u >= Math.max(q, 0); u--) sum += distribution[u] as number;
  return Math.min(1, sum);
}

/**
 * The smallest q with P(U ≤ q) ≥ p (R's qwilcox, with its allowance of 10 ulps for rounding).
 *
 * @example
 * exactUQuantile(exactUDistribution(4, 4), 0.025); // 1, since P(U ≤ 0) = 1/70 < 0.025 ≤ 2/70
 */
export function exactUQuantile(distribution: Float64Array, p: number): number {
  const target = p - 10 * Number.EPSILON;
  let sum = 0;
  for (let u = 0; u < distribution.length; u++) {
    sum += distribution[u] as number;
    if (sum >= target) return u;
  }
  return distribution.length - 1;
}
