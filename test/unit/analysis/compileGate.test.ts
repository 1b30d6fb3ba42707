import { describe, expect, it } from 'vitest';
import { compileGate } from '../../../src/domain/analysis/compileGate';
import { formatValue, summarizeGate } from '../../../src/domain/analysis/summary';
import { analysisGate } from '../../../src/domain/plan/schema';

const gate = (overrides: Record<string, unknown>) => analysisGate.parse({ name: 'error-rate', metric: 'errorRate', interval: '1m', count: 3, ...overrides });

describe('compileGate', () => {
  it('should judge values with both conditions', () => {
    const result = compileGate(gate({ successCondition: 'result < 0.01', failureCondition: 'result >= 0.05' }));
    if (!result.ok) throw new Error(result.error);
    expect([0.001, 0.03, 0.08].map((value) => result.compiled.classify(value))).toEqual(['successful', 'inconclusive', 'failed']);
    expect(result.compiled.limits).toEqual({ failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4, count: 3 });
  });

  it('should return a condition that does not parse as an error naming gate, field and column', () => {
    const result = compileGate(gate({ failureCondition: 'result >' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^gate error-rate: failureCondition "result >": .+ \(column \d+\)$/);
  });
});

describe('summarizeGate', () => {
  it('should say how many measurements failed and quote the condition', () => {
    const tally = { count: 3, successful: 0, failed: 3, inconclusive: 0, errors: 0, consecutiveErrors: 0 };
    const last = { gate: 'error-rate', at: 0, value: 0.1234567, phase: 'failed' as const };
    expect(summarizeGate('error-rate', 'failed', tally, last, 'failure when result >= 0.05')).toBe(
      'error-rate: 3 of 3 measurements failed (last 0.1235, failure when result >= 0.05)',
    );
  });

  it('should format values for a terminal', () => {
    expect([0, 0.0012346, 212.44, 12345.6].map(formatValue)).toEqual(['0', '0.001235', '212.4', '12346']);
  });
});
