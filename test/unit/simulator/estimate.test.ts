import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { estimateTimeline } from '../../../src/domain/simulator/estimate';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryPlan } from './fixtures';

const example = (name: string) => {
  const parsed = parsePlan(readFileSync(join(__dirname, '../../../examples', name), 'utf8'), name);
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.plan;
};

describe('estimateTimeline', () => {
  it('should add pauses, analysis count × interval and boots, and name the longest steps', () => {
    // 10 replicas; steps 10%, pause 1m, analysis (3 × 30s), 50%, pause 1m, analysis, 100%, pause 30s; boots 5-15 s
    const estimate = estimateTimeline(canaryPlan());
    expect(estimate.steps.map((s) => s.label)).toEqual(['setWeight 10%', 'pause 1m', 'analysis error-rate', 'setWeight 50%', 'pause 1m', 'analysis error-rate', 'setWeight 100%', 'pause 30s']);
    // fastest: pauses 150 s + analysis 180 s + three boots at 5 s
    expect(estimate.fastestMs).toBe(150_000 + 180_000 + 15_000);
    expect(estimate.worstMs).toBeGreaterThan(estimate.expectedMs);
    expect(estimate.expectedMs).toBeGreaterThan(estimate.fastestMs);
    expect(estimate.longest.map((s) => s.label)).toEqual(['analysis error-rate', 'pause 1m']);
  });

  it('should count an indefinite pause as an operator wait, or the scenario approveAfter', () => {
    const steps = { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } };
    expect(estimateTimeline(canaryPlan({}, { strategy: steps })).operatorWaits).toBe(1);
    expect(estimateTimeline(canaryPlan({ operator: { approveAfter: '10m' } }, { strategy: steps })).steps[1]).toMatchObject({ expectedMs: 600_000, waitsForOperator: false });
  });

  it('should cap the worst boot at the progress deadline', () => {
    const plan = canaryPlan({ faults: [{ at: '0s', kind: 'slowBoot', for: '10m', factor: 10 }] }, { policy: { progressDeadlineSeconds: 60 } });
    expect(estimateTimeline(plan).steps[0]?.worstMs).toBe(60_000);
  });

  it.each(['canary.release.yaml', 'rolling.release.yaml', 'blue-green.release.yaml', 'shadow.release.yaml', 'ab-test.release.yaml', 'recreate.release.yaml'])(
    'should come within a fifth of the simulated duration of %s',
    (name) => {
      const plan = example(name);
      const estimate = estimateTimeline(plan);
      const run = simulate(plan, { recordSnapshots: false });
      expect(run.outcome).toBe('promoted');
      expect(Math.abs(run.figures.durationMs - estimate.expectedMs) / run.figures.durationMs).toBeLessThan(0.2);
    },
  );
});
