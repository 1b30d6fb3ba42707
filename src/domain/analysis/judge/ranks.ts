/** Ranks of a sample, ties sharing the average of the ranks they span, and the size of each tie. */
export interface Ranking {
  /** 1-based, in the order of the values given. */
  readonly ranks: readonly number[];
  /** One entry per group of equal values larger than one. */
  readonly tieSizes: readonly number[];
}

/**
 * Ranks with ties averaged (the "midrank" rule every rank test uses).
 *
 * @example
 * averageRanks([10, 20, 20, 30]); // { ranks: [1, 2.5, 2.5, 4], tieSizes: [2] }
 */
export function averageRanks(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    // Positions start..end-1 hold equal values: ranks start+1..end, whose average is their midpoint.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * Σ(t³ − t) over the ties: what ties take away from the variance of a rank sum.
 *
 * @example
 * tieCorrection([2, 3]); // 6 + 24 = 30
 */
export function tieCorrection(tieSizes: readonly number[]): number {
  return tieSizes.reduce((sum, t) => sum + t * t * t - t, 0);
}
