import { describe, expect, it } from 'vitest';
import { addMeasurement, assessGate, EMPTY_TALLY, stoppedGatePhase, worstPhase, type GateJudge, type GateLimits, type GateTally } from '../../../src/domain/analysis/gateTally';
import type { Measurement } from '../../../src/domain/strategies/effects';

const limits = (overrides: Partial<GateLimits> = {}): GateLimits => ({ failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 3, ...overrides });
const tallyOf = (phases: Measurement['phase'][]): GateTally => phases.reduce(addMeasurement, EMPTY_TALLY);

describe('assessGate', () => {
  const rows: { name: string; phases: Measurement['phase'][]; limits: GateLimits; status: string }[] = [
    { name: 'still measuring', phases: ['successful'], limits: limits(), status: 'running' },
    { name: 'all measurements successful', phases: ['successful', 'successful', 'successful'], limits: limits(), status: 'successful' },
    { name: 'first failure with failureLimit 0', phases: ['failed'], limits: limits(), status: 'failed' },
    { name: 'failures within failureLimit', phases: ['failed', 'successful', 'failed'], limits: limits({ failureLimit: 2 }), status: 'successful' },
    { name: 'failures beyond failureLimit', phases: ['failed', 'failed', 'failed'], limits: limits({ failureLimit: 2, count: 5 }), status: 'failed' },
    { name: 'inconclusive beyond its limit', phases: ['inconclusive'], limits: limits(), status: 'inconclusive' },
    { name: 'inconclusive within its limit', phases: ['inconclusive', 'successful'], limits: limits({ inconclusiveLimit: 1 }), status: 'running' },
    { name: 'errors up to the limit keep going', phases: ['error', 'error'], limits: limits({ consecutiveErrorLimit: 2, count: 10 }), status: 'running' },
    { name: 'errors beyond the limit', phases: ['error', 'error', 'error'], limits: limits({ consecutiveErrorLimit: 2, count: 10 }), status: 'error' },
    { name: 'a success resets consecutive errors', phases: ['error', 'error', 'successful', 'error', 'error'], limits: limits({ consecutiveErrorLimit: 2, count: 10 }), status: 'running' },
    { name: 'failure checked before errors', phases: ['error', 'failed'], limits: limits({ consecutiveErrorLimit: 0 }), status: 'failed' },
    { name: 'background gate never completes on count', phases: Array(50).fill('successful'), limits: limits({ count: undefined }), status: 'running' },
  ];
  it.each(rows)('should report $status when $name', ({ phases, limits: gateLimits, status }) => {
    expect(assessGate(tallyOf(phases), gateLimits)).toBe(status);
  });

  it('should not count errors toward count, as Argo Rollouts does', () => {
    expect(tallyOf(['error', 'successful'])).toEqual({ count: 1, successful: 1, failed: 0, inconclusive: 0, errors: 1, consecutiveErrors: 0 });
  });

  it('should keep a gate whose provider is down running until its errors exceed the limit, never successful', () => {
    const gate = limits({ count: 4, consecutiveErrorLimit: 4 });
    expect(assessGate(tallyOf(['error', 'error', 'error', 'error']), gate)).toBe('running');
    expect(assessGate(tallyOf(['error', 'error', 'error', 'error', 'error']), gate)).toBe('error');
  });
});

// Rows restate argo-rollouts analysis/analysis_test.go (assessMetricStatus), then say where
// Switchyard's own fail-safe judge differs: a gate never passes without a successful measurement.
describe('assessGate and stoppedGatePhase: Argo Rollouts and fail-safe', () => {
  const tally = (overrides: Partial<GateTally>): GateTally => ({ ...EMPTY_TALLY, ...overrides });
  const rows: { name: string; tally: GateTally; limits: GateLimits; stopped: boolean; argoRollouts: string; failSafe: string }[] = [
    { name: 'TestAssessMetricStatusNoMeasurements (terminated)', tally: tally({}), limits: limits({ count: undefined }), stopped: true, argoRollouts: 'successful', failSafe: 'inconclusive' },
    { name: 'TestAssessMetricStatusFailureLimit (3 failed > 2)', tally: tally({ count: 3, failed: 3 }), limits: limits({ failureLimit: 2, count: undefined }), stopped: false, argoRollouts: 'failed', failSafe: 'failed' },
    { name: 'TestAssessMetricStatusFailureLimit (3 failed, limit 3, terminated)', tally: tally({ count: 3, failed: 3 }), limits: limits({ failureLimit: 3, count: undefined }), stopped: true, argoRollouts: 'successful', failSafe: 'inconclusive' },
    { name: 'TestAssessMetricStatusInconclusiveLimit (3 > 2)', tally: tally({ count: 3, inconclusive: 3 }), limits: limits({ inconclusiveLimit: 2, count: undefined }), stopped: false, argoRollouts: 'inconclusive', failSafe: 'inconclusive' },
    { name: 'TestAssessMetricStatusInconclusiveLimit (3, limit 3, terminated)', tally: tally({ count: 3, inconclusive: 3 }), limits: limits({ inconclusiveLimit: 3, count: undefined }), stopped: true, argoRollouts: 'successful', failSafe: 'inconclusive' },
    { name: 'TestAssessMetricStatusConsecutiveErrors (5 > 4)', tally: tally({ errors: 5, consecutiveErrors: 5 }), limits: limits({ count: undefined }), stopped: false, argoRollouts: 'error', failSafe: 'error' },
    { name: 'TestAssessMetricStatusConsecutiveErrors (4, terminated)', tally: tally({ errors: 4, consecutiveErrors: 4 }), limits: limits({ count: undefined }), stopped: true, argoRollouts: 'successful', failSafe: 'inconclusive' },
    { name: 'TestAssessMetricStatusCountReached (10 of 10 successful)', tally: tally({ count: 10, successful: 10 }), limits: limits({ count: 10 }), stopped: false, argoRollouts: 'successful', failSafe: 'successful' },
    { name: 'TestAssessMetricStatusCountReached (5 inconclusive > 0)', tally: tally({ count: 10, successful: 5, inconclusive: 5 }), limits: limits({ count: 10 }), stopped: false, argoRollouts: 'inconclusive', failSafe: 'inconclusive' },
    { name: 'count reached by inconclusive measurements within their limit', tally: tally({ count: 3, inconclusive: 3 }), limits: limits({ count: 3, inconclusiveLimit: 3 }), stopped: false, argoRollouts: 'successful', failSafe: 'inconclusive' },
    { name: 'background gate stopped after one success', tally: tally({ count: 2, successful: 1, inconclusive: 1 }), limits: limits({ count: undefined, inconclusiveLimit: 1 }), stopped: true, argoRollouts: 'successful', failSafe: 'successful' },
  ];
  const judged = (row: (typeof rows)[number], judge: GateJudge): string => {
    const status = assessGate(row.tally, row.limits, judge);
    return row.stopped && status === 'running' ? stoppedGatePhase(row.tally, judge) : status;
  };
  it.each(rows)('should judge $name: Argo Rollouts $argoRollouts, fail-safe $failSafe', (row) => {
    expect(judged(row, 'argoRollouts')).toBe(row.argoRollouts);
    expect(judged(row, 'failSafe')).toBe(row.failSafe);
  });
});

describe('worstPhase', () => {
  const rows = [
    { name: 'no gates', phases: [], worst: 'successful' },
    { name: 'inconclusive beats successful', phases: ['successful', 'inconclusive'], worst: 'inconclusive' },
    { name: 'error beats inconclusive', phases: ['inconclusive', 'error'], worst: 'error' },
    { name: 'failed beats everything', phases: ['error', 'failed', 'inconclusive'], worst: 'failed' },
  ] as const;
  it.each(rows)('should pick $worst for $name', ({ phases, worst }) => {
    expect(worstPhase(phases)).toBe(worst);
  });
});
