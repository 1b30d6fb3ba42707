import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLES } from './helpers';

describe('switchyard lint', () => {
  it('should print the timeline estimate after the diagnostics', async () => {
    const { code, out } = await cli('lint', join(EXAMPLES, 'canary.release.yaml'));
    expect(code).toBe(0);
    expect(out).toMatch(/canary\.release\.yaml: ok\nEstimate: ~14 min \(fastest 14 min, worst \d+ min\), 8 steps; longest: pause 5m, analysis error-rate(, latency)? 2m$/);
  });

  it('should include the estimate in --json', async () => {
    const { out } = await cli('lint', join(EXAMPLES, 'rolling.release.yaml'), '--json');
    const [report] = JSON.parse(out) as { estimate: { expectedMs: number; steps: unknown[] } }[];
    expect(report?.estimate.steps).toHaveLength(5);
    expect(report?.estimate.expectedMs).toBeGreaterThan(60_000);
  });
});
