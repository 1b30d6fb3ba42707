import { describe, expect, it } from 'vitest';
import { problemsIn, yaml } from './helpers';

function scenarioPlan(...faultLines: string[]): string {
  return yaml('service: checkout', 'strategy:', '  recreate: {}', 'scenarios:', '  bad-night:', '    faults:', ...faultLines.map((line) => `      ${line}`));
}

describe('validatePlan: scenario faults', () => {
  it.each([
    {
      name: 'a metrics outage without a duration',
      text: scenarioPlan('- { at: 2m, kind: metricsOutage }'),
      expected: [{ at: '7:9', severity: 'error', code: 'plan.faultDuration', message: 'scenarios.bad-night.faults[0]: a metricsOutage fault needs "for", how long it lasts' }],
    },
    {
      name: 'a slow boot without a duration',
      text: scenarioPlan('- at: 0', '  kind: slowBoot', '  factor: 3'),
      expected: [{ at: '7:9', severity: 'error', code: 'plan.faultDuration', message: 'scenarios.bad-night.faults[0]: a slowBoot fault needs "for", how long it lasts' }],
    },
    {
      name: 'a router fault aimed at one role',
      text: scenarioPlan('- { at: 1m, kind: routerFault, for: 30s, role: candidate }'),
      expected: [{ at: '7:48', severity: 'error', code: 'plan.faultField', message: 'scenarios.bad-night.faults[0].role: a routerFault fault affects both stable and candidate; remove role' }],
    },
    {
      name: 'a field the fault does not read',
      text: scenarioPlan('- { at: 1m, kind: instanceLoss, count: 2, factor: 2 }'),
      expected: [{ at: '7:49', severity: 'warning', code: 'plan.faultField', message: 'scenarios.bad-night.faults[0].factor: factor has no effect on an instanceLoss fault; it is read by slowBoot' }],
    },
  ])('should report $name', ({ text, expected }) => {
    expect(problemsIn(text)).toEqual(expected);
  });

  it('should accept each fault with the fields it reads', () => {
    const text = scenarioPlan(
      '- { at: 1m, kind: instanceLoss, role: stable, count: 1 }',
      '- { at: 2m, kind: metricsOutage, for: 1m }',
      '- { at: 3m, kind: routerFault, for: 10s }',
      '- { at: 0, kind: slowBoot, role: candidate, for: 5m, factor: 4 }',
      '- { at: 4m, kind: badVersion, role: candidate, errorRate: 0.2 }',
      '- { at: 5m, kind: crashLoop, role: candidate }',
    );
    expect(problemsIn(text)).toEqual([]);
  });
});
