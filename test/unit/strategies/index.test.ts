import { describe, expect, it } from 'vitest';
import { describeSteps, formatDuration, machineFor, strategyKindOf } from '../../../src/domain/strategies/index';
import { planFixture } from './driver';

describe('strategies index', () => {
  it('should name the single strategy a plan sets', () => {
    expect(strategyKindOf(planFixture({ strategy: { shadow: {} } }))).toBe('shadow');
    expect(machineFor('shadow').id).toBe('shadow');
  });

  it('should refuse a plan with two strategies', () => {
    expect(() => strategyKindOf(planFixture({ strategy: { shadow: {}, recreate: {} } }))).toThrow('found shadow, recreate');
  });

  it('should describe a canary track as a person reads it', () => {
    const plan = planFixture({
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '2m' } }, { pause: {} }, { analysis: { templates: ['error-rate'] } }, { setMirrorRoute: { name: 'm', percentage: 50 } }] } },
    });
    expect(describeSteps(plan)).toEqual([
      { label: 'setWeight 20% → canary 2, stable 10', kind: 'setWeight' },
      { label: 'pause 2m', kind: 'pause', durationMs: 120_000 },
      { label: 'pause until promoted', kind: 'pause' },
      { label: 'analysis error-rate', kind: 'analysis' },
      { label: 'setMirrorRoute m 50%', kind: 'setMirrorRoute' },
    ]);
  });

  it.each([
    { name: 'milliseconds', ms: 250, expected: '250ms' },
    { name: 'minutes and seconds', ms: 90_000, expected: '1m30s' },
    { name: 'hours', ms: 3_600_000, expected: '1h' },
  ])('should format durations: $name', ({ ms, expected }) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});
