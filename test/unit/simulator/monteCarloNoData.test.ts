import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDistribution } from '../../../src/text/distribution';
import { createStyle } from '../../../src/text/style';
import { parsePlan } from '../../../src/domain/plan/parse';
import { plan as planSchema } from '../../../src/domain/plan/schema';
import { candidateVerdict, sampleOf, summarizeRuns } from '../../../src/domain/simulator/monteCarlo';
import { simulate } from '../../../src/domain/simulator/simulate';

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);

describe('Monte Carlo says when gates had no data', () => {
  it('should report rollbacks through a metrics outage as caused by missing data', () => {
    const parsed = parsePlan(readFileSync(resolve(__dirname, '../../../examples/canary.release.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('example does not parse');
    const runs = seeds.map((seed) => simulate(parsed.plan, { scenario: 'metrics-outage', seed, recordEvents: false, recordSnapshots: false }));
    const scenario = parsed.plan.scenarios['metrics-outage'];
    if (!scenario) throw new Error('no metrics-outage scenario');
    const summary = summarizeRuns(runs.map(sampleOf), candidateVerdict(scenario));
    expect(summary.outcomes.promoted.count).toBe(0);
    expect(summary.undoneWithoutData).toBe(seeds.length);
    const text = formatDistribution(summary, { fileName: 'canary.release.yaml', scenario: 'metrics-outage', wallMs: 1, workers: 1 }, createStyle(false));
    expect(text).toContain('20 because a gate had no data (measurement errors), not a bad value');
  });

  it('should count runs that Argo Rollouts passes without a successful measurement', () => {
    const plan = planSchema.parse({
      service: 'checkout',
      engine: 'argo-rollouts',
      replicas: 4,
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '20s' } }], analysis: { templates: ['slow'] } } },
      analysis: [{ name: 'slow', metric: 'errorRate', interval: '5m', failureCondition: 'result >= 0.05' }],
      scenarios: { main: { traffic: { rps: 100 } } },
    });
    const runs = seeds.map((seed) => simulate(plan, { scenario: 'main', seed, recordEvents: false, recordSnapshots: false }));
    const summary = summarizeRuns(runs.map(sampleOf), { bad: false, why: 'candidate behaves like stable' });
    expect(summary.passedWithoutData).toBe(seeds.length);
    const text = formatDistribution(summary, { fileName: 'argo.release.yaml', scenario: 'main', wallMs: 1, workers: 1 }, createStyle(false));
    expect(text).toMatch(/Unmeasured\s+100\.0% of runs passed a gate without a successful measurement, as Argo Rollouts does/);
  });
});
