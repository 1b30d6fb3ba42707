/**
 * How sure a figure is, given the runs it rests on.
 */

const Z95 = 1.959964;

/**
 * The Wilson score interval (95 %) of a proportion: sound at 0 and 1, where the normal
 * approximation claims certainty it does not have.
 *
 * @example
 * wilson(200, 200); // { low: 0.981, high: 1 } (rounded)
 * wilson(0, 0);     // { low: 0, high: 1 }: no runs, no knowledge
 */
export function wilson(successes: number, runs: number): { low: number; high: number } {
  if (runs <= 0) return { low: 0, high: 1 };
  const p = successes / runs;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * runs)) / (1 + z2 / runs);
  const spread = (Z95 * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs))) / (1 + z2 / runs);
  return { low: Math.max(0, centre - spread), high: Math.min(1, centre + spread) };
}

/**
 * A mean and its 95 % interval (normal approximation over the runs' values).
 *
 * @example
 * meanInterval([10, 12, 14]); // { mean: 12, low: 9.74, high: 14.26 } (rounded)
 */
export function meanInterval(values: readonly number[]): { mean: number; low: number; high: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, low: 0, high: 0 };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  const half = n > 1 ? Z95 * Math.sqrt(squares / (n - 1) / n) : 0;
  return { mean, low: mean - half, high: mean + half };
}
