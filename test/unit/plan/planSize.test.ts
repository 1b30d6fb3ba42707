import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { problemsIn, yaml } from './helpers';

const HEAD = ['service: checkout', 'strategy:', '  recreate: {}', 'scenarios:'];

/** A plan with `count` small scenarios, each on one line. */
function planWithScenarios(count: number): string {
  return yaml(...HEAD, ...Array.from({ length: count }, (_, index) => `  s${index}: { seed: ${index} }`));
}

describe('parsePlan: plans too large to be plans', () => {
  it('should refuse a plan of more than 1 MB on line 1, without reading it', () => {
    const text = planWithScenarios(9000) + `# ${'x'.repeat(1_000_000)}\n`;
    const started = performance.now();
    const problems = problemsIn(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(problems).toEqual([
      {
        at: '1:1',
        severity: 'error',
        code: 'plan.tooLarge',
        message: `test.release.yaml has ${text.length.toLocaleString('en-US')} characters; at most 1,000,000 (a plan is a few kilobytes; the editor and lint read it whole on every edit)`,
      },
    ]);
  });

  it('should refuse more than 10,000 scenarios at the first one past the limit', () => {
    const problems = problemsIn(planWithScenarios(10_001));
    expect(problems).toEqual([
      {
        at: `${HEAD.length + 10_001}:3`,
        severity: 'error',
        code: 'plan.tooManyScenarios',
        message: 'scenarios.s10000: 10,001 scenarios; at most 10,000 (lint and the editor check every scenario on every edit)',
      },
    ]);
  });

  it('should accept 10,000 scenarios', () => {
    expect(parsePlan(planWithScenarios(10_000)).ok).toBe(true);
  });

  it('should find a duplicate among 40,000 header names in one pass, not one per pair', () => {
    const headers = Array.from({ length: 40_000 }, (_, index) => `          h${index}: {}`);
    const text = yaml('service: checkout', 'strategy:', '  abTest:', '    match:', '      - headers:', ...headers, '          h7: {}');
    const started = performance.now();
    const problems = problemsIn(text);
    const took = performance.now() - started;
    expect(problems).toEqual([{ at: '40006:11', severity: 'error', code: 'yaml.duplicateKey', message: 'line 40006, column 11: this key appears twice in the same map; keep one' }]);
    // A pair-by-pair check takes 800 million comparisons here: many seconds. One pass takes well under one.
    expect(took).toBeLessThan(5000);
  });
});
