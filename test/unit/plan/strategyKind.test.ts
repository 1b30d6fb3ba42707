import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { strategyKindOf } from '../../../src/domain/plan/strategyKind';
import { problemsIn, yaml } from './helpers';

describe('parsePlan: one strategy kind', () => {
  it.each([
    { name: 'an empty strategy', text: yaml('service: checkout', 'strategy: {}'), message: 'strategy: choose one of blueGreen, rolling, canary, abTest, shadow, recreate' },
    { name: 'a strategy with nothing under it', text: yaml('service: checkout', 'strategy:'), message: 'strategy: choose one of blueGreen, rolling, canary, abTest, shadow, recreate' },
    {
      name: 'two kinds',
      text: yaml('service: checkout', 'strategy:', '  canary:', '    stepWeight: 10', '  rolling: {}'),
      message: 'strategy: choose only one of blueGreen, rolling, canary, abTest, shadow, recreate; found canary and rolling',
    },
  ])('should reject $name at the strategy key', ({ text, message }) => {
    expect(problemsIn(text)).toEqual([{ at: '2:1', severity: 'error', code: 'plan.strategyKind', message }]);
  });

  it('should report a missing kind together with other mistakes', () => {
    const text = yaml('service: checkout', 'replicas: -1', 'strategy: {}');
    expect(problemsIn(text).map((problem) => problem.message)).toEqual([
      'replicas: -1 must be above 0',
      'strategy: choose one of blueGreen, rolling, canary, abTest, shadow, recreate',
    ]);
  });

  it('should name the kind of a parsed plan', () => {
    const result = parsePlan(yaml('service: checkout', 'strategy:', '  abTest:', '    match:', '      - headers: { x-beta: { exact: "1" } }'));
    expect(result.ok && strategyKindOf(result.plan)).toBe('abTest');
  });
});
