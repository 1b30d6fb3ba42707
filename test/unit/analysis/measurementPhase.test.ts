import { describe, expect, it } from 'vitest';
import { classifyMeasurement, type ConditionEvaluator } from '../../../src/domain/analysis/measurementPhase';

const below = (limit: number): ConditionEvaluator => ({ evaluate: (result) => result < limit });
const atLeast = (limit: number): ConditionEvaluator => ({ evaluate: (result) => result >= limit });

describe('classifyMeasurement (Argo Rollouts rules)', () => {
  const rows = [
    { name: 'no conditions: always successful', value: 9, success: undefined, failure: undefined, phase: 'successful' },
    { name: 'success only, true', value: 0.001, success: below(0.01), failure: undefined, phase: 'successful' },
    { name: 'success only, false: failed, not inconclusive', value: 0.02, success: below(0.01), failure: undefined, phase: 'failed' },
    { name: 'failure only, true', value: 0.08, success: undefined, failure: atLeast(0.05), phase: 'failed' },
    { name: 'failure only, false: successful', value: 0.02, success: undefined, failure: atLeast(0.05), phase: 'successful' },
    { name: 'both, success holds', value: 0.001, success: below(0.01), failure: atLeast(0.05), phase: 'successful' },
    { name: 'both, failure holds', value: 0.08, success: below(0.01), failure: atLeast(0.05), phase: 'failed' },
    { name: 'both, neither holds: inconclusive', value: 0.03, success: below(0.01), failure: atLeast(0.05), phase: 'inconclusive' },
    { name: 'both hold: failure wins', value: 0.06, success: below(0.1), failure: atLeast(0.05), phase: 'failed' },
  ] as const;
  it.each(rows)('should judge $name', ({ value, success, failure, phase }) => {
    expect(classifyMeasurement(value, success, failure)).toBe(phase);
  });
});
