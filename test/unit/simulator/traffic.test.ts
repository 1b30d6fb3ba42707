import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/domain/simulator/random';
import { Router } from '../../../src/domain/simulator/router';
import { flowTraffic, type BehaviourNow } from '../../../src/domain/simulator/traffic';

const good: BehaviourNow = { errorRate: 0, latencyP50: 50, latencyP99: 200 };
const bad: BehaviourNow = { errorRate: 0.5, latencyP50: 80, latencyP99: 400 };

describe('router', () => {
  const rows = [
    { name: 'weights', mode: 'weighted', spec: { weights: { stable: 80, candidate: 20 } }, ready: [10, 2], candidate: 0.2 },
    { name: 'header route matches half the users', mode: 'weighted', spec: { weights: { stable: 100, candidate: 0 }, headerRoutes: [{ headers: { 'x-beta': { exact: '1' } } }] }, ready: [10, 2], candidate: 0.5 },
    { name: 'header route plus weight', mode: 'weighted', spec: { weights: { stable: 80, candidate: 20 }, headerRoutes: [{}] }, ready: [10, 2], candidate: 0.6 },
    { name: 'ready counts without a router', mode: 'readyCount', spec: { weights: { stable: 100, candidate: 0 } }, ready: [6, 2], candidate: 0.25 },
    { name: 'nothing ready without a router', mode: 'readyCount', spec: { weights: { stable: 0, candidate: 100 } }, ready: [0, 0], candidate: 0 },
  ] as const;
  it.each(rows)('should split live traffic by $name', ({ mode, spec, ready, candidate }) => {
    const router = new Router(mode);
    router.apply({ ...spec, headerRoutes: 'headerRoutes' in spec ? [...spec.headerRoutes] : undefined });
    expect(router.liveShares(ready[0], ready[1]).candidate).toBeCloseTo(candidate, 10);
  });
});

describe('flowTraffic', () => {
  it('should fail the share of a role that has weight but nothing ready', () => {
    const flows = flowTraffic(
      { durationMs: 10_000, rps: 100, previewRps: 0, shares: { stable: 0.8, candidate: 0.2 }, mirrorShare: 0, ready: { stable: 8, candidate: 0 }, behaviour: { stable: good, candidate: good } },
      createRandom(1),
    );
    expect(flows.candidate).toEqual({ liveRequests: 200, liveErrors: 200, mirroredRequests: 0, mirroredErrors: 0, probeRequests: 0, probeErrors: 0, answered: 0 });
    expect(flows.stable.liveRequests).toBe(800);
    expect(flows.stable.liveErrors).toBe(0);
  });

  it('should send mirrored requests to the candidate without counting them as live', () => {
    const flows = flowTraffic(
      { durationMs: 60_000, rps: 100, previewRps: 0, shares: { stable: 1, candidate: 0 }, mirrorShare: 1, ready: { stable: 10, candidate: 2 }, behaviour: { stable: good, candidate: bad } },
      createRandom(1),
    );
    expect(flows.candidate.liveRequests).toBe(0);
    expect(flows.candidate.liveErrors).toBe(0);
    expect(flows.candidate.mirroredRequests).toBe(6000);
    expect(flows.candidate.mirroredErrors / 6000).toBeCloseTo(0.5, 1);
  });
});
