import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podMeasure } from '../../../src/adapters/kubernetes/podHealth';

const pod = (ready: boolean, restarts: number[] = [0], terminating = false): V1Pod => ({
  metadata: { name: 'p', ...(terminating ? { deletionTimestamp: new Date() } : {}) },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }], containerStatuses: restarts.map((restartCount, index) => ({ name: `c${index}`, image: 'demo', imageID: '', ready, restartCount })) },
});

describe('a gate that reads the candidate\'s pods', () => {
  it.each([
    { name: 'all Ready', pods: [pod(true), pod(true)], desired: 2, expected: 1 },
    { name: 'one of two Ready', pods: [pod(true), pod(false)], desired: 2, expected: 0.5 },
    { name: 'pods not created yet count as not Ready', pods: [pod(true)], desired: 4, expected: 0.25 },
    { name: 'a terminating Ready pod does not count', pods: [pod(true), pod(true, [0], true)], desired: 2, expected: 0.5 },
    { name: 'more pods than desired (a surge) never reads above 1', pods: [pod(true), pod(true), pod(true)], desired: 2, expected: 1 },
  ])('readyRatio: $name', ({ pods, desired, expected }) => {
    expect(podMeasure(pods, desired, 'readyRatio')).toEqual({ ok: true, value: expected });
  });

  it('should sum every container\'s restarts of the live pods', () => {
    expect(podMeasure([pod(true, [2, 1]), pod(false, [3]), pod(false, [9], true)], 3, 'restarts')).toEqual({ ok: true, value: 6 });
  });

  it('should say there is nothing to measure rather than pass a candidate that should have no pods', () => {
    expect(podMeasure([], 0, 'readyRatio')).toEqual({ ok: false, error: 'the candidate has no pods yet: nothing to measure' });
  });
});
