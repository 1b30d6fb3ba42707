import { describe, expect, it } from 'vitest';
import { ALTERNATIVE_KINDS } from '../../../src/domain/plan/asStrategy';
import { STRATEGY_KINDS } from '../../../src/domain/plan/schema';
import { isStrategyKind, provisionReplicas, STRATEGY_PROFILES } from '../../../src/domain/strategies/profiles';
import { planFixture } from './driver';

describe('strategy profiles', () => {
  it('should have one profile per strategy kind, in the schema order', () => {
    expect(Object.keys(STRATEGY_PROFILES)).toEqual([...STRATEGY_KINDS]);
  });

  it('should let the fleet engine run every strategy', () => {
    expect(STRATEGY_KINDS.filter((kind) => !STRATEGY_PROFILES[kind].engines.includes('fleet'))).toEqual([]);
  });

  it.each([
    { name: 'a rolling update', plan: planFixture({ strategy: { rolling: {} } }), kind: 'rolling' as const, routing: 'readyCount' },
    { name: 'a recreate', plan: planFixture({ strategy: { recreate: {} } }), kind: 'recreate' as const, routing: 'readyCount' },
    { name: 'a canary without trafficRouting', plan: planFixture({ strategy: { canary: { trafficRouting: false } } }), kind: 'canary' as const, routing: 'readyCount' },
    { name: 'a canary with trafficRouting', plan: planFixture({ strategy: { canary: {} } }), kind: 'canary' as const, routing: 'weighted' },
    { name: 'a shadow', plan: planFixture({ strategy: { shadow: {} } }), kind: 'shadow' as const, routing: 'weighted' },
  ])('should route $name by $routing', ({ plan, kind, routing }) => {
    expect(STRATEGY_PROFILES[kind].routing(plan)).toBe(routing);
  });

  it('should start a candidate before the steps only where it runs beside stable or replaces it', () => {
    const plan = planFixture({ replicas: 4, strategy: { blueGreen: { previewReplicaCount: 1 } } });
    expect(STRATEGY_KINDS.map((kind) => [kind, provisionReplicas(plan, kind)])).toEqual([
      ['blueGreen', 1],
      ['rolling', 0],
      ['canary', 0],
      ['abTest', 4],
      ['shadow', 4],
      ['recreate', 4],
    ]);
  });

  it('should offer compare --as in the order of the rehearsal positions, each position once', () => {
    expect(ALTERNATIVE_KINDS).toEqual(['canary', 'blueGreen', 'rolling', 'recreate']);
    const positions = STRATEGY_KINDS.flatMap((kind) => STRATEGY_PROFILES[kind].rehearsal?.position ?? []);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it('should not take a property every object has for a strategy kind', () => {
    expect(isStrategyKind('canary')).toBe(true);
    expect(isStrategyKind('toString')).toBe(false);
  });
});
