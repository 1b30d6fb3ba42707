import { describe, expect, it } from 'vitest';
import { getScaledValueFromIntOrPercent, getValueFromIntOrPercent, roundToInt32 } from '../../../src/domain/physics/intOrPercent';
import type { IntOrString } from '../../../src/domain/physics/intOrPercent';

describe('getScaledValueFromIntOrPercent (Kubernetes, strict)', () => {
  it.each<{ name: string; value: IntOrString; total: number; roundUp: boolean; expected: number }>([
    { name: '25% of 10 rounds up to 3', value: '25%', total: 10, roundUp: true, expected: 3 },
    { name: '25% of 10 rounds down to 2', value: '25%', total: 10, roundUp: false, expected: 2 },
    { name: '39% of 10 rounds up to 4', value: '39%', total: 10, roundUp: true, expected: 4 },
    { name: '0% is 0 either way', value: '0%', total: 7, roundUp: true, expected: 0 },
    { name: '100% of 3 is 3', value: '100%', total: 3, roundUp: false, expected: 3 },
    { name: 'a number is taken as it is', value: 4, total: 10, roundUp: false, expected: 4 },
    { name: 'a number above the total is not capped', value: 12, total: 10, roundUp: false, expected: 12 },
    { name: '1% of 1 rounds up to 1', value: '1%', total: 1, roundUp: true, expected: 1 },
  ])('$name', ({ value, total, roundUp, expected }) => {
    expect(getScaledValueFromIntOrPercent(value, total, roundUp)).toEqual({ ok: true, value: expected });
  });

  it.each<{ name: string; value: IntOrString }>([
    // Mirrors kubernetes TestResolveFenceposts rows "oops" / "urg", and the bare "5" row of the
    // same table in kubernetes-sigs/cluster-api (a copy of the Deployment util).
    { name: 'a bare numeric string "25" is rejected', value: '25' },
    { name: 'a word is rejected', value: 'oops' },
    { name: 'a fraction is rejected', value: '2.5%' },
    { name: 'a space is rejected', value: ' 25%' },
    { name: 'a non-integer number is rejected', value: 2.5 },
  ])('$name', ({ value }) => {
    expect(getScaledValueFromIntOrPercent(value, 10, true).ok).toBe(false);
  });

  // apimachinery intstr GetScaledValueFromIntOrPercent and GetValueFromIntOrPercent: a nil value is an error, and its value 0.
  it('should read an unset value as the error "nil value for IntOrString" with result 0, never a crash', () => {
    expect(getScaledValueFromIntOrPercent(undefined, 10, true)).toEqual({ ok: false, error: 'nil value for IntOrString', value: 0 });
    expect(getValueFromIntOrPercent(undefined, 10, true)).toEqual({ ok: false, error: 'nil value for IntOrString', value: 0 });
  });

  it('should tell the user how to write the value when the % is missing', () => {
    const result = getScaledValueFromIntOrPercent('25', 10, true);
    expect(result.ok ? '' : result.error).toContain('"25%"');
  });
});

describe('getValueFromIntOrPercent (Argo Rollouts, lenient)', () => {
  it.each<{ name: string; value: IntOrString; total: number; roundUp: boolean; expected: number }>([
    { name: 'a bare "25" is read as 25 %', value: '25', total: 10, roundUp: true, expected: 3 },
    { name: '"25%" is 25 % as well', value: '25%', total: 10, roundUp: false, expected: 2 },
    { name: 'a number is taken as it is', value: 2, total: 10, roundUp: true, expected: 2 },
  ])('$name', ({ value, total, roundUp, expected }) => {
    expect(getValueFromIntOrPercent(value, total, roundUp)).toEqual({ ok: true, value: expected });
  });

  it('should still reject a word', () => {
    expect(getValueFromIntOrPercent('oops', 10, true).ok).toBe(false);
  });
});

describe('roundToInt32', () => {
  it.each([
    { name: '2.5 rounds up', value: 2.5, expected: 3 },
    { name: '2.4 rounds down', value: 2.4, expected: 2 },
    { name: '-2.5 rounds away from zero', value: -2.5, expected: -3 },
  ])('$name', ({ value, expected }) => {
    expect(roundToInt32(value)).toBe(expected);
  });
});
