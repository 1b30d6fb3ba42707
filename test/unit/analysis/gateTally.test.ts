import { describe, expect, it } from 'vitest';
import { addMeasurement, assessGate, EMPTY_TALLY, worstPhase, type GateLimits, type GateTally } from '../../../src/domain/analysis/gateTally';
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

  it('should count errors as measurements, as Argo does', () => {
    expect(tallyOf(['error', 'successful'])).toEqual({ count: 2, successful: 1, failed: 0, inconclusive: 0, errors: 1, consecutiveErrors: 0 });
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
