import { describe, expect, it } from 'vitest';
import { sampleOf, summarizeRuns, type RunSample } from '../../../src/domain/simulator/monteCarlo';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryPlan, errorRateGate } from './fixtures';

const figures = { durationMs: 1000, requests: 100, requestsToCandidate: 10, requestsMirrored: 0, userErrors: 1, lowestCapacity: 1, peakInstances: 11, timeToDetectMs: null, timeToRestoreMs: null };
const sample = (seed: number, over: Partial<RunSample>): RunSample => ({ seed, outcome: 'promoted', alarm: false, figures, ...over });

describe('summarizeRuns: every run is undone, stalled or promoted', () => {
  const samples = [
    sample(1, { outcome: 'rolledBack', alarm: true }),
    sample(2, { outcome: 'rolledBack', alarm: true }),
    sample(3, { outcome: 'paused', alarm: true, stall: 'afterFailure' }),
    sample(4, { outcome: 'paused', stall: 'approval' }),
    sample(5, { outcome: 'promoted' }),
  ];

  it('should not count a bad version that paused after a failed gate as detected', () => {
    const summary = summarizeRuns(samples, { bad: true, why: 'x' });
    expect({ detection: summary.detection, stalled: summary.stalled, missed: summary.missed, falseAlarm: summary.falseAlarm }).toEqual({ detection: 0.4, stalled: 0.4, missed: 0.2, falseAlarm: null });
    expect(summary.stalls).toEqual({ afterFailure: 1, inconclusive: 0, approval: 1, simulationLimit: 0 });
  });

  it('should not count a good version that paused as a false alarm', () => {
    const summary = summarizeRuns(samples, { bad: false, why: 'x' });
    expect({ falseAlarm: summary.falseAlarm, stalled: summary.stalled, detection: summary.detection, missed: summary.missed }).toEqual({ falseAlarm: 0.4, stalled: 0.4, detection: null, missed: null });
  });
});

describe('sampleOf: why a run paused', () => {
  const steps = (middle: object) => ({ canary: { steps: [{ setWeight: 10 }, middle, { setWeight: 50 }, { pause: { duration: '30s' } }] } });
  it.each([
    { name: 'a pause step with no duration waits for an operator', plan: canaryPlan({}, { strategy: steps({ pause: {} }) }), stall: 'approval' },
    {
      name: 'an analysis neither good nor bad pauses as inconclusive',
      plan: canaryPlan({}, { strategy: steps({ analysis: { templates: ['error-rate'] } }), analysis: [{ ...errorRateGate, successCondition: 'result < 0' }] }),
      stall: 'inconclusive',
    },
    { name: 'a failed gate under onFailure: pause', plan: canaryPlan({ candidate: { errorRate: 0.3 } }, { policy: { onFailure: 'pause' } }), stall: 'afterFailure' },
    { name: 'a rollback is no stall', plan: canaryPlan({ candidate: { errorRate: 0.3 } }), stall: undefined },
  ])('$name', ({ plan, stall }) => {
    const run = simulate(plan, { scenario: 'main', seed: 1, recordSnapshots: false, recordEvents: false });
    expect(run.outcome).toBe(stall === undefined ? 'rolledBack' : 'paused');
    expect(sampleOf(run).stall).toBe(stall);
  });
});
