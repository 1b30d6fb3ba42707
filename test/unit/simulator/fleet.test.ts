import { describe, expect, it } from 'vitest';
import { CRASH_RESTART_MS } from '../../../src/domain/simulator/fleet';
import { canaryPlan } from './fixtures';
import { runUntil, worldFor } from './harness';

describe('fleet model', () => {
  it('should boot instances within the scenario boot time and report them ready', () => {
    const world = worldFor(canaryPlan());
    world.fleet.scale('candidate', 5);
    expect(world.fleet.counts('candidate')).toEqual({ starting: 5, ready: 0, draining: 0, failed: 0 });
    runUntil(world, 4999);
    expect(world.fleet.ready('candidate')).toBe(0);
    runUntil(world, 15_000);
    expect(world.fleet.counts('candidate')).toEqual({ starting: 0, ready: 5, draining: 0, failed: 0 });
    expect(world.events.filter((event) => event.kind === 'instances.ready').map((event) => event.message)).toContain('5/5 candidate ready');
  });

  it('should remove booting instances first, then drain ready ones for drainTime', () => {
    const world = worldFor(canaryPlan());
    world.fleet.scale('stable', 6);
    expect(world.fleet.counts('stable')).toEqual({ starting: 0, ready: 6, draining: 4, failed: 0 });
    runUntil(world, 5000);
    expect(world.fleet.counts('stable').draining).toBe(0);
    world.fleet.scale('candidate', 4);
    world.fleet.scale('candidate', 1);
    expect(world.fleet.counts('candidate')).toEqual({ starting: 1, ready: 0, draining: 0, failed: 0 });
    runUntil(world, 30_000);
    expect(world.fleet.ready('candidate')).toBe(1);
  });

  it('should aggregate 100,000 instances into few events and count the peak', () => {
    const world = worldFor(canaryPlan());
    world.fleet.scale('candidate', 100_000);
    runUntil(world, 15_000);
    expect(world.fleet.ready('candidate')).toBe(100_000);
    expect(world.figures.result(0, world.metrics).peakInstances).toBe(100_010);
  });

  it('should multiply boot time under a slowBoot fault', () => {
    const world = worldFor(canaryPlan({ faults: [{ at: 0, kind: 'slowBoot', factor: 4 }] }));
    world.faults.schedule(world.clock, { onStart: () => undefined, onEnd: () => undefined });
    runUntil(world, 0);
    world.fleet.scale('candidate', 3);
    runUntil(world, 19_999);
    expect(world.fleet.ready('candidate')).toBe(0);
    runUntil(world, 60_000);
    expect(world.fleet.ready('candidate')).toBe(3);
  });

  it('should keep crash-looping instances failed and restarting', () => {
    const world = worldFor(canaryPlan({ faults: [{ at: 0, kind: 'crashLoop' }] }));
    world.faults.schedule(world.clock, { onStart: () => undefined, onEnd: () => undefined });
    runUntil(world, 0);
    world.fleet.scale('candidate', 2);
    runUntil(world, 15_000);
    expect(world.fleet.counts('candidate')).toMatchObject({ ready: 0, failed: 2 });
    runUntil(world, 15_000 + CRASH_RESTART_MS + 1);
    expect(world.fleet.counts('candidate').ready).toBe(0);
  });

  it('should replace lost instances', () => {
    const world = worldFor(canaryPlan());
    world.fleet.lose('stable', 3);
    expect(world.fleet.counts('stable')).toEqual({ starting: 3, ready: 7, draining: 0, failed: 0 });
    runUntil(world, 15_000);
    expect(world.fleet.ready('stable')).toBe(10);
  });
});
