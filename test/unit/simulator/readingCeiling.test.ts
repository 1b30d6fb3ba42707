import { describe, expect, it } from 'vitest';
import { allOf } from '../../../src/domain/run/events';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';

/** A canary whose new version fails every request, judged on its error rate as a ratio or a percent. */
function plan(unit: 'ratio' | 'percent') {
  const parsed = parsePlan(
    [
      'service: api',
      'replicas: 4',
      'strategy:',
      '  canary: { steps: [{ setWeight: 50 }, { analysis: { templates: [errors] } }] }',
      'analysis:',
      `  - { name: errors, metric: errorRate, unit: ${unit}, interval: 10s, count: 6, failureLimit: 6, successCondition: "result < ${unit === 'ratio' ? 0.01 : 1}" }`,
      'scenarios:',
      '  bad-version: { traffic: { rps: 200, noise: 0.2 }, faults: [{ at: 0s, kind: badVersion, role: candidate, errorRate: 1 }] }',
      '',
    ].join('\n'),
    'api.release.yaml',
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
}

describe('a measured error rate', () => {
  it.each([
    { unit: 'ratio' as const, all: 1 },
    { unit: 'percent' as const, all: 100 },
  ])('should never read above all requests failing ($all as a $unit), however noisy the backend', ({ unit, all }) => {
    const values = [1, 2, 3, 4, 5].flatMap((seed) => allOf(simulate(plan(unit), { scenario: 'bad-version', seed }).events, 'gate.measure').map((event) => event.data.value ?? 0));
    expect(values.length).toBeGreaterThan(10);
    expect(Math.max(...values)).toBe(all);
    expect(values.every((value) => value <= all)).toBe(true);
  });
});
