import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../../../src/domain/analysis/judge/normal';

const relativeError = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

// Expected values are R 4.2.2's pnorm and qnorm, printed with 16 digits.
describe('normalCdf', () => {
  it.each([
    { name: 'the median', z: 0, p: 0.5 },
    { name: 'the 97.5% point', z: 1.959963984540054, p: 0.975 },
    { name: 'just beyond -1.96', z: -1.96, p: 2.499789514822043e-2 },
    { name: 'three standard deviations', z: 3, p: 9.986501019683699e-1 },
    { name: 'one standard deviation', z: 1, p: 8.413447460685429e-1 },
    { name: 'the far lower tail keeps its precision', z: -8, p: 6.220960574271785e-16 },
    { name: 'the upper tail near 1', z: 5, p: 9.999997133484281e-1 },
    { name: 'beyond -37 the tail is nearly the smallest double', z: -37.5, p: 4.605353009581955e-308 },
  ])('$name: Φ($z) = $p', ({ z, p }) => {
    expect(relativeError(normalCdf(z), p)).toBeLessThan(1e-12);
  });

  it('should be NaN for NaN', () => {
    expect(normalCdf(NaN)).toBeNaN();
  });
});

describe('normalQuantile', () => {
  it.each([
    { name: 'the two-sided 95% quantile', p: 0.975, z: 1.959963984540054 },
    // Kayenta's MannWhitneySuite "Test zQuant" asks for the 0.02/2 quantile: -2.326348.
    { name: 'the 1% quantile of a 98% interval (Kayenta "Test zQuant")', p: 0.01, z: -2.326347874040841 },
    { name: 'the 99% quantile', p: 0.99, z: 2.326347874040841 },
    { name: 'the 90% quantile', p: 0.9, z: 1.281551565544601 },
    { name: 'a tiny probability', p: 1e-10, z: -6.361340902404056 },
    { name: 'near the smallest double', p: 1e-300, z: -37.0470962993612 },
  ])('$name: Φ⁻¹($p) = $z', ({ p, z }) => {
    expect(relativeError(normalQuantile(p), z)).toBeLessThan(1e-13);
  });

  it('should give 0 at one half and infinities at the ends', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('should refuse a probability outside [0, 1]', () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });

  it('should invert normalCdf across the range a judge uses', () => {
    for (let p = 0.0005; p < 1; p += 0.0125) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });
});
