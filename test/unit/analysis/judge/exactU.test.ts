import { describe, expect, it } from 'vitest';
import { exactApplies, exactUDistribution, exactULower, exactUQuantile, exactUUpper } from '../../../../src/domain/analysis/judge/exactU';
import { enumeratedDistribution } from './bruteForce';

describe('exactUDistribution', () => {
  it.each([
    { m: 1, n: 1 },
    { m: 2, n: 2 },
    { m: 3, n: 2 },
    { m: 4, n: 4 },
    { m: 5, n: 7 },
    { m: 3, n: 9 },
    { m: 6, n: 6 },
  ])('should equal the enumeration of every rank set for m=$m, n=$n', ({ m, n }) => {
    const recursive = Array.from(exactUDistribution(m, n));
    const enumerated = enumeratedDistribution(m, n);
    expect(recursive).toHaveLength(enumerated.length);
    recursive.forEach((p, u) => expect(p).toBeCloseTo(enumerated[u] as number, 15));
  });

  // R 4.2.2: dwilcox(0:6, 3, 2) = 0.1 0.1 0.2 0.2 0.2 0.1 0.1
  it('should match R dwilcox for m=3, n=2', () => {
    Array.from(exactUDistribution(3, 2)).forEach((p, u) => expect(p).toBeCloseTo([0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1][u] as number, 15));
  });

  it('should keep the moments of U at the size limit (49 and 49): mean mn/2, variance mn(N+1)/12', () => {
    const m = 49;
    const n = 49;
    const distribution = exactUDistribution(m, n);
    let total = 0;
    let first = 0;
    let second = 0;
    distribution.forEach((p, u) => {
      total += p;
      first += p * u;
      second += p * u * u;
    });
    expect(total).toBeCloseTo(1, 12);
    expect(first).toBeCloseTo((m * n) / 2, 8);
    expect(second - first * first).toBeCloseTo((m * n * (m + n + 1)) / 12, 6);
    expect((distribution[0] as number) / (distribution[m * n] as number)).toBeCloseTo(1, 12);
  });
});

describe('tails and quantiles', () => {
  const tenByFive = exactUDistribution(10, 5);

  // R 4.2.2: pwilcox(c(0, 5, 10, 25), 10, 5) and qwilcox(c(0.025, 0.05, 0.5, 0.975), 10, 5).
  it.each([
    { q: 0, p: 0.000333000333000333 },
    { q: 5, p: 0.006327006327006327 },
    { q: 10, p: 0.037629037629037625 },
    { q: 25, p: 0.523476523476523514 },
  ])('P(U ≤ $q) for m=10, n=5 is $p (R pwilcox)', ({ q, p }) => {
    expect(exactULower(tenByFive, q)).toBeCloseTo(p, 15);
  });

  it.each([
    { p: 0.025, q: 9 },
    { p: 0.05, q: 12 },
    { p: 0.5, q: 25 },
    { p: 0.975, q: 41 },
  ])('the $p quantile for m=10, n=5 is $q (R qwilcox)', ({ p, q }) => {
    expect(exactUQuantile(tenByFive, p)).toBe(q);
  });

  // R 4.2.2: pwilcox(600, 49, 49) = 6.081770687153186e-06; qwilcox(0.01, 49, 49) = 874.
  it('should match R at the size limit', () => {
    const distribution = exactUDistribution(49, 49);
    expect(exactULower(distribution, 600) / 6.081770687153186e-6).toBeCloseTo(1, 10);
    expect(exactUQuantile(distribution, 0.01)).toBe(874);
  });

  it('should read the upper tail as the mirror of the lower one', () => {
    expect(exactUUpper(tenByFive, 45)).toBeCloseTo(exactULower(tenByFive, 5), 15);
  });
});

describe('exactApplies', () => {
  it.each([
    { name: 'small samples without ties', m: 10, n: 5, ties: false, exact: true },
    { name: 'both at 49, the largest exact size', m: 49, n: 49, ties: false, exact: true },
    { name: 'one sample of 50', m: 50, n: 5, ties: false, exact: false },
    { name: 'ties', m: 10, n: 5, ties: true, exact: false },
  ])('$name: $exact', ({ m, n, ties, exact }) => {
    expect(exactApplies(m, n, ties)).toBe(exact);
  });
});
