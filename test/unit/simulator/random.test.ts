import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/domain/simulator/random';

const draws = (seed: number, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('should repeat the same sequence for the same seed and differ for another', () => {
    expect(draws(42, 20)).toEqual(draws(42, 20));
    expect(draws(42, 20)).not.toEqual(draws(43, 20));
  });

  it('should stay in [0, 1) and average about a half', () => {
    const values = draws(1, 20_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(0.5, 1);
  });

  it('should give independent but repeatable forked streams', () => {
    const a = createRandom(5).fork('boot');
    const b = createRandom(5).fork('boot');
    const c = createRandom(5).fork('traffic');
    const first = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(first);
    expect([c.next(), c.next()]).not.toEqual(first);
  });

  it('should draw normal, Poisson and binomial values with the right means', () => {
    const random = createRandom(9);
    const n = 20_000;
    let normal = 0;
    let poisson = 0;
    let binomialSmall = 0;
    let binomialLarge = 0;
    for (let i = 0; i < n; i++) {
      normal += random.normal();
      poisson += random.poisson(3);
      binomialSmall += random.binomial(20, 0.1);
      binomialLarge += random.binomial(10_000, 0.3);
    }
    expect(normal / n).toBeCloseTo(0, 1);
    expect(poisson / n).toBeCloseTo(3, 1);
    expect(binomialSmall / n).toBeCloseTo(2, 1);
    expect(binomialLarge / n / 3000).toBeCloseTo(1, 2);
    expect(random.binomial(10, 0)).toBe(0);
    expect(random.binomial(10, 1)).toBe(10);
  });
});
