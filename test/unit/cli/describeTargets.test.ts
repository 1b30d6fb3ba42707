import { describe, expect, it } from 'vitest';
import { plan as planSchema } from '../../../src/domain/plan/schema';
import { describeTargets } from '../../../src/text/describeTargets';

const kubernetes = { namespace: 'shop', deployment: 'demo', image: 'demo:{{version}}' };
const plan = (strategy: Record<string, unknown>, analysis: unknown[] = []) => planSchema.parse({ service: 'demo', version: 'v2', replicas: 3, strategy, analysis, targets: { kubernetes } });

describe('what a real run on Kubernetes acts on, as the confirmation says it', () => {
  it.each([
    { name: 'rolling', strategy: { rolling: {} }, router: 'the Service in front of deployment shop/demo (traffic follows ready pods)' },
    { name: 'canary', strategy: { canary: { steps: [{ setWeight: 20 }] } }, router: 'HTTPRoute shop/demo between Service shop/demo and demo-canary' },
    { name: 'A/B', strategy: { abTest: { match: [{ headers: { x: { exact: 'b' } } }] } }, router: 'HTTPRoute shop/demo between Service shop/demo and demo-canary' },
    { name: 'blue-green', strategy: { blueGreen: {} }, router: "Service shop/demo's selector, switched from stable pods to demo-canary's all at once" },
  ])('$name', ({ strategy, router }) => {
    expect(describeTargets(plan(strategy)).router).toBe(router);
  });

  it('should name a gate that reads the cluster, not call it a gate without a provider', () => {
    const gates = [{ name: 'ready', metric: 'errorRate', provider: { kubernetes: { measure: 'readyRatio' } } }];
    expect(describeTargets(plan({ rolling: {} }, gates)).analysis).toBe("the cluster (the candidate's pods: readyRatio)");
  });
});
