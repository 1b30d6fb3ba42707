import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { problemsIn, yaml } from './helpers';

describe('validatePlan: strategies and engines', () => {
  it.each([
    {
      name: 'a rolling update that can neither surge nor go unavailable',
      text: yaml('service: checkout', 'strategy:', '  rolling:', '    maxSurge: 0', '    maxUnavailable: "0%"'),
      expected: [{ at: '4:15', code: 'plan.noProgress', message: 'strategy.rolling.maxSurge: maxSurge and maxUnavailable are both 0, so the release would never make progress' }],
    },
    {
      name: 'a canary that can neither surge nor go unavailable',
      text: yaml('service: checkout', 'strategy:', '  canary:', '    stepWeight: 10', '    maxSurge: 0', '    maxUnavailable: 0'),
      expected: [{ at: '5:15', code: 'plan.noProgress', message: 'strategy.canary.maxSurge: maxSurge and maxUnavailable are both 0, so the release would never make progress' }],
    },
    {
      name: 'a batch of zero',
      text: yaml('service: checkout', 'strategy:', '  rolling:', '    batchSize: 0'),
      expected: [{ at: '4:16', code: 'plan.noProgress', message: 'strategy.rolling.batchSize: a batch of 0 would never make progress' }],
    },
    {
      name: 'more than all replicas unavailable',
      text: yaml('service: checkout', 'strategy:', '  rolling:', '    maxUnavailable: 150%'),
      expected: [{ at: '4:21', code: 'plan.percent', message: 'strategy.rolling.maxUnavailable: 150% is above 100%' }],
    },
    {
      name: 'an A/B match that matches everything',
      text: yaml('service: checkout', 'strategy:', '  abTest:', '    match:', '      - headers: { x-beta: { exact: "1" } }', '      - {}'),
      expected: [{ at: '6:9', code: 'plan.emptyMatch', message: 'strategy.abTest.match[1]: a match needs headers or cookie, otherwise it matches every request' }],
    },
    {
      name: 'a canary on plain Kubernetes',
      text: yaml('service: checkout', 'engine: kubernetes', 'strategy:', '  canary:', '    stepWeight: 10'),
      expected: [{ at: '4:3', code: 'plan.engine', message: 'strategy.canary: engine kubernetes cannot run a canary release (it supports rolling, recreate); use engine fleet or argo-rollouts or flagger' }],
    },
    {
      name: 'an A/B test on Argo Rollouts',
      text: yaml('service: checkout', 'engine: argo-rollouts', 'strategy:', '  abTest:', '    match: [{ cookie: { beta: { exact: "1" } } }]'),
      expected: [{ at: '4:3', code: 'plan.engine', message: 'strategy.abTest: engine argo-rollouts cannot run an abTest release (it supports blueGreen, canary); use engine fleet or flagger' }],
    },
  ])('should reject $name', ({ text, expected }) => {
    expect(problemsIn(text)).toEqual(expected.map((row) => ({ ...row, severity: 'error' })));
  });

  it('should suggest maxSurge: 1 when nothing can move', () => {
    const text = yaml('service: checkout', 'strategy:', '  rolling:', '    maxSurge: 0', '    maxUnavailable: 0');
    const [diagnostic] = parsePlan(text).diagnostics;
    expect(diagnostic?.fix).toEqual({ message: 'Allow one extra instance during the release', replacement: '1' });
    expect(text.slice(diagnostic?.range.offset, diagnostic?.range.endOffset)).toBe('0');
  });

  it.each([
    {
      name: 'a preview larger than the service',
      text: yaml('service: checkout', 'replicas: 3', 'strategy:', '  blueGreen:', '    previewReplicaCount: 5'),
      expected: [{ at: '5:26', code: 'plan.replicas', message: 'strategy.blueGreen.previewReplicaCount: 5 is more than the 3 replicas of the service' }],
    },
    {
      name: 'Argo-style steps under Flagger',
      text: yaml('service: checkout', 'engine: flagger', 'strategy:', '  canary:', '    steps:', '      - setWeight: 10'),
      expected: [{ at: '5:5', code: 'plan.engineStyle', message: 'strategy.canary.steps: flagger has no explicit steps; use stepWeight or stepWeights with interval' }],
    },
    {
      name: 'Flagger-style stepWeight under Argo Rollouts',
      text: yaml('service: checkout', 'engine: argo-rollouts', 'strategy:', '  canary:', '    stepWeight: 10'),
      expected: [{ at: '5:5', code: 'plan.engineStyle', message: 'strategy.canary.stepWeight: argo-rollouts has no stepWeight; write explicit steps with setWeight and pause' }],
    },
  ])('should warn about $name', ({ text, expected }) => {
    const result = parsePlan(text);
    expect(result.ok).toBe(true);
    expect(problemsIn(text)).toEqual(expected.map((row) => ({ ...row, severity: 'warning' })));
  });
});
