import { describe, expect, it } from 'vitest';
import { canaryReplicas, resolveIntOrPercent, rollingBatches, rollingBatchSize, weightsForReplicas } from '../../../src/domain/strategies/fleetArithmetic';
import type { RollingBounds } from '../../../src/domain/strategies/fleetArithmetic';

describe('fleet arithmetic', () => {
  it.each([
    { name: 'surge percent rounds up', value: '25%', total: 10, rounding: 'up' as const, expected: 3 },
    { name: 'unavailable percent rounds down', value: '25%', total: 10, rounding: 'down' as const, expected: 2 },
    { name: 'absolute count is kept', value: 4, total: 10, rounding: 'down' as const, expected: 4 },
    { name: 'small fleet rounds down to zero', value: '25%', total: 3, rounding: 'down' as const, expected: 0 },
  ])('should resolve IntOrPercent: $name', ({ value, total, rounding, expected }) => {
    expect(resolveIntOrPercent(value, total, rounding)).toBe(expected);
  });

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
    { name: 'Kubernetes defaults 25%/25% of 10', replicas: 10, bounds: bounds('25%', '25%'), expected: 5 },
    { name: 'both zero falls back to one unavailable', replicas: 10, bounds: bounds(0, 0), expected: 1 },
    { name: 'surge only', replicas: 10, bounds: bounds(2, 0), expected: 2 },
    { name: 'fixed batch size wins', replicas: 10, bounds: bounds(5, 5, '30%'), expected: 3 },
    { name: 'fixed batch of zero still moves one', replicas: 10, bounds: bounds(1, 0, 0), expected: 1 },
  ])('should size rolling batches: $name', ({ replicas, bounds: b, expected }) => {
    expect(rollingBatchSize(replicas, b)).toBe(expected);
  });

  it.each([
    { name: 'even batches', replicas: 10, bounds: bounds('25%', '25%'), expected: [{ candidate: 5, stable: 5 }, { candidate: 10, stable: 0 }] },
    {
      name: 'last batch takes the rest',
      replicas: 10,
      bounds: bounds(0, 0, 4),
      expected: [{ candidate: 4, stable: 6 }, { candidate: 8, stable: 2 }, { candidate: 10, stable: 0 }],
    },
    { name: 'a batch larger than the fleet', replicas: 2, bounds: bounds(5, 0), expected: [{ candidate: 2, stable: 0 }] },
  ])('should plan rolling batches: $name', ({ replicas, bounds: b, expected }) => {
    expect(rollingBatches(replicas, b)).toEqual(expected);
  });
});
