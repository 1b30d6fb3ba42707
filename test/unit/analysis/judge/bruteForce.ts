/**
 * A second method for the tests: the permutation distribution of U found by trying every split of
 * the pooled values, which needs no recursion and no approximation (only for tiny samples).
 */

function* subsets(size: number, of: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let i = start; i <= of - (size - chosen.length); i++) yield* subsets(size, of, i + 1, [...chosen, i]);
}

/** U of a candidate against a baseline by counting pairs: a win counts 1, a tie ½. */
export function uByPairs(candidate: readonly number[], baseline: readonly number[]): number {
  let u = 0;
  for (const x of candidate) for (const y of baseline) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/** U for every way of picking m of the pooled values as the candidate. */
export function permutationUs(candidate: readonly number[], baseline: readonly number[]): number[] {
  const pooled = [...candidate, ...baseline];
  const us: number[] = [];
  for (const picked of subsets(candidate.length, pooled.length)) {
    const inCandidate = new Set(picked);
    us.push(uByPairs(picked.map((i) => pooled[i] as number), pooled.filter((_, i) => !inCandidate.has(i))));
  }
  return us;
}

/** P(U = u) for u = 0..m·n by enumeration of rank sets (no ties). */
export function enumeratedDistribution(m: number, n: number): number[] {
  const ranks = Array.from({ length: m + n }, (_, i) => i + 1);
  const us = permutationUs(ranks.slice(0, m), ranks.slice(m));
  const counts = new Array<number>(m * n + 1).fill(0);
  for (const u of us) counts[u] = (counts[u] as number) + 1;
  return counts.map((count) => count / us.length);
}

/** The exact permutation p-value of the observed U, as R's exact test defines each alternative. */
export function permutationPValue(candidate: readonly number[], baseline: readonly number[], alternative: 'two-sided' | 'greater' | 'less'): number {
  const observed = uByPairs(candidate, baseline);
  const us = permutationUs(candidate, baseline);
  const share = (holds: (u: number) => boolean): number => us.filter(holds).length / us.length;
  const upper = share((u) => u >= observed);
  const lower = share((u) => u <= observed);
  if (alternative === 'greater') return upper;
  if (alternative === 'less') return lower;
  return Math.min(1, 2 * (observed > (candidate.length * baseline.length) / 2 ? upper : lower));
}
