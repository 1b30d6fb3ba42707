import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryPlan, planFixture } from './fixtures';

describe('simulate (end to end with the strategy machines)', () => {
  it('should promote a canary with a good candidate', () => {
    const result = simulate(canaryPlan());
    expect(result.outcome).toBe('promoted');
    expect(result).toMatchObject({ service: 'checkout', strategy: 'canary', engine: 'fleet', scenario: 'main', seed: 1 });
    expect(result.figures.timeToDetectMs).toBeNull();
    expect(result.figures.requestsToCandidate).toBeGreaterThan(0);
    expect(result.events.at(-1)?.kind).toBe('outcome');
    expect(result.snapshots.at(-1)?.weights).toEqual({ stable: 0, candidate: 100 });
  });

  it('should roll back a bad canary quickly and with far fewer user errors than a recreate', () => {
    const bad = { candidate: { errorRate: 0.2 } };
    const canary = simulate(canaryPlan(bad));
    expect(canary.outcome).toBe('rolledBack');
    expect(canary.reason).toMatch(/error-rate/);
    expect(canary.figures.timeToDetectMs).toBeGreaterThan(0);
    expect(canary.figures.timeToRestoreMs).not.toBeNull();
    expect(canary.figures.userErrors).toBeGreaterThan(0);
    expect(canary.snapshots.at(-1)?.weights).toEqual({ stable: 100, candidate: 0 });

    const recreate = simulate(planFixture({ recreate: { analysis: { templates: ['error-rate'] } } }, 10, bad));
    expect(canary.figures.userErrors * 5).toBeLessThan(recreate.figures.userErrors);
  });

  it('should give the same run for the same seed and different metrics for another', () => {
    const plan = canaryPlan({ candidate: { errorRate: 0.01 } });
    const first = simulate(plan, { seed: 7 });
    expect(simulate(plan, { seed: 7 })).toEqual(first);
    const other = simulate(plan, { seed: 8 });
    expect(other.figures.userErrors === first.figures.userErrors && other.snapshots.length === first.snapshots.length).toBe(false);
    const measured = (result: typeof first) => result.events.filter((event) => event.kind === 'gate.measure').map((event) => event.message);
    expect(measured(other)).not.toEqual(measured(first));
  });

  it('should pause at an indefinite pause and say which step waits', () => {
    const plan = planFixture({ canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }] } }, 5);
    const result = simulate(plan);
    expect(result.outcome).toBe('paused');
    expect(result.reason).toMatch(/^waiting for operator\.promote at step 2/);
    const approved = simulate(planFixture({ canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 100 }] } }, 5, { operator: { approveAfter: '5m' } }));
    expect(approved.outcome).toBe('promoted');
  });

  it('should show downtime for a recreate and none for a rolling update', () => {
    const recreate = simulate(planFixture({ recreate: {} }, 4));
    expect(recreate.outcome).toBe('promoted');
    expect(recreate.figures.lowestCapacity).toBe(0);
    expect(recreate.figures.userErrors).toBeGreaterThan(100);
    const rolling = simulate(planFixture({ rolling: { maxSurge: 1, maxUnavailable: 0 } }, 4));
    expect(rolling.outcome).toBe('promoted');
    expect(rolling.figures.lowestCapacity).toBe(1);
  });

  it('should mirror traffic to a shadow without exposing users to its errors', () => {
    const plan = planFixture({ shadow: { iterations: 3, interval: '1m', analysis: { templates: ['error-rate'] } } }, 4, { candidate: { errorRate: 0.5 } });
    const result = simulate(plan);
    expect(result.figures.requestsMirrored).toBeGreaterThan(0);
    expect(result.figures.requestsToCandidate).toBe(0);
    expect(result.figures.userErrors).toBeLessThan(result.figures.requests * 0.01);
  });
});
