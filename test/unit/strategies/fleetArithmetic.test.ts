import { describe, expect, it } from 'vitest';
import { canaryReplicas, rollingBatches, rollingFenceposts, weightsForReplicas } from '../../../src/domain/strategies/fleetArithmetic';
import type { RollingBounds } from '../../../src/domain/strategies/fleetArithmetic';

describe('fleet arithmetic', () => {
  it.each([
    { name: 'routed canary keeps stable full', replicas: 10, weight: 25, routed: true, expected: { candidate: 3, stable: 10 } },
    { name: 'basic canary gives stable what candidate takes', replicas: 10, weight: 25, routed: false, expected: { candidate: 3, stable: 7 } },
    { name: 'a tiny weight still gets one instance', replicas: 5, weight: 1, routed: true, expected: { candidate: 1, stable: 5 } },
    { name: 'weight zero has no candidate', replicas: 5, weight: 0, routed: false, expected: { candidate: 0, stable: 5 } },
    { name: 'full weight replaces stable', replicas: 4, weight: 100, routed: false, expected: { candidate: 4, stable: 0 } },
  ])('should size a canary: $name', ({ replicas, weight, routed, expected }) => {
    expect(canaryReplicas(replicas, weight, routed)).toEqual(expected);
  });

  it.each([
    { name: 'split follows replicas', split: { stable: 7, candidate: 3 }, expected: { stable: 70, candidate: 30 } },
    { name: 'no instances keeps traffic on stable', split: { stable: 0, candidate: 0 }, expected: { stable: 100, candidate: 0 } },
    { name: 'thirds round to whole percent', split: { stable: 2, candidate: 1 }, expected: { stable: 67, candidate: 33 } },
  ])('should weight traffic by replicas: $name', ({ split, expected }) => {
    expect(weightsForReplicas(split)).toEqual(expected);
  });

  const bounds = (maxSurge: RollingBounds['maxSurge'], maxUnavailable: RollingBounds['maxUnavailable'], batchSize?: RollingBounds['batchSize']): RollingBounds => ({
    maxSurge,
    maxUnavailable,
    batchSize,
  });

  it.each([
    { name: 'Kubernetes defaults 25%/25% of 10', replicas: 10, bounds: bounds('25%', '25%'), expected: { surge: 3, unavailable: 2 } },
    { name: 'both zero falls back to one unavailable', replicas: 10, bounds: bounds(0, 0), expected: { surge: 0, unavailable: 1 } },
    { name: 'surge only', replicas: 10, bounds: bounds(2, 0), expected: { surge: 2, unavailable: 0 } },
    { name: 'small fleet: unavailable rounds down to zero', replicas: 3, bounds: bounds('25%', '25%'), expected: { surge: 1, unavailable: 0 } },
    { name: 'fixed batch size wins, in place', replicas: 10, bounds: bounds(5, 5, '30%'), expected: { surge: 0, unavailable: 3 } },
    { name: 'fixed batch of zero still moves one', replicas: 10, bounds: bounds(1, 0, 0), expected: { surge: 0, unavailable: 1 } },
  ])('should resolve rolling bounds: $name', ({ replicas, bounds: b, expected }) => {
    expect(rollingFenceposts(replicas, b)).toEqual(expected);
  });

  it.each([
    {
      name: 'Kubernetes defaults replace surge + unavailable per batch',
      replicas: 10,
      bounds: bounds('25%', '25%'),
      expected: [{ stableBefore: 8, candidate: 5, stable: 5 }, { stableBefore: 3, candidate: 10, stable: 0 }],
    },
    {
      name: 'surge only never goes below full capacity',
      replicas: 4,
      bounds: bounds(1, 0),
      expected: [
        { stableBefore: 4, candidate: 1, stable: 3 },
        { stableBefore: 3, candidate: 2, stable: 2 },
        { stableBefore: 2, candidate: 3, stable: 1 },
        { stableBefore: 1, candidate: 4, stable: 0 },
      ],
    },
    {
      name: 'fixed batches, last batch takes the rest',
      replicas: 10,
      bounds: bounds(0, 0, 4),
      expected: [{ stableBefore: 6, candidate: 4, stable: 6 }, { stableBefore: 2, candidate: 8, stable: 2 }, { stableBefore: 0, candidate: 10, stable: 0 }],
    },
    { name: 'a surge larger than the fleet', replicas: 2, bounds: bounds(5, 0), expected: [{ stableBefore: 2, candidate: 2, stable: 0 }] },
  ])('should plan rolling batches: $name', ({ replicas, bounds: b, expected }) => {
    expect(rollingBatches(replicas, b)).toEqual(expected);
  });

  it.each([
    { replicas: 20, bounds: bounds('25%', '25%') },
    { replicas: 7, bounds: bounds(2, 1) },
    { replicas: 100, bounds: bounds('10%', 0) },
    { replicas: 9, bounds: bounds(0, '34%') },
  ])('should keep every batch within maxSurge and maxUnavailable ($replicas replicas)', ({ replicas, bounds: b }) => {
    const { surge, unavailable } = rollingFenceposts(replicas, b);
    let candidate = 0;
    for (const batch of rollingBatches(replicas, b)) {
      expect(batch.stableBefore + candidate).toBeGreaterThanOrEqual(replicas - unavailable);
      expect(batch.stableBefore + batch.candidate).toBeLessThanOrEqual(replicas + surge);
      expect(batch.stable + batch.candidate).toBe(replicas);
      candidate = batch.candidate;
    }
  });
});
