import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../../src/domain/simulator/engine';
import { canaryPlan } from './fixtures';
import { tinyMachine } from './tinyMachine';

const driver = { strategy: 'tiny', machine: tinyMachine };
const kinds = (result: { events: { kind: string }[] }) => result.events.map((event) => event.kind);

describe('simulation engine (with a small machine of its own)', () => {
  it('should promote a good candidate and journal what a user reads', () => {
    const result = runSimulation(canaryPlan({ operator: { approveAfter: '1m' } }), driver);
    expect(result.outcome).toBe('promoted');
    const messages = result.events.map((event) => event.message);
    expect(messages).toContain('traffic 50% → candidate');
    expect(messages).toContain('10/10 candidate ready');
    expect(messages.filter((message) => /^error-rate \S+ ✓$/.test(message))).toHaveLength(3);
    expect(kinds(result)).toEqual(expect.arrayContaining(['machine.state', 'scale', 'gate.result', 'operator.approve', 'outcome']));
    expect(result.figures.timeToDetectMs).toBeNull();
    expect(result.figures.peakInstances).toBe(20);
    expect(result.figures.lowestCapacity).toBe(1);
  });

  it('should stop as paused, naming the wait, when only an operator can go on', () => {
    const result = runSimulation(canaryPlan(), driver);
    expect(result.outcome).toBe('paused');
    expect(result.reason).toBe('waiting for operator.promote in approval (pause without duration)');
  });

  it('should roll back a bad candidate, with detection and restore times', () => {
    const result = runSimulation(canaryPlan({ candidate: { errorRate: 0.2 } }), driver);
    expect(result.outcome).toBe('rolledBack');
    expect(result.reason).toMatch(/^error-rate: 1 of 1 measurements failed/);
    expect(result.figures.timeToDetectMs).toBe(30_000);
    expect(result.figures.timeToRestoreMs).toBe(500);
    expect(result.figures.userErrors).toBeGreaterThan(100);
  });

  it('should count a badVersion fault as the start of detection', () => {
    const result = runSimulation(canaryPlan({ faults: [{ at: '20s', kind: 'badVersion', errorRate: 0.5 }] }), driver);
    expect(result.outcome).toBe('rolledBack');
    expect(kinds(result)).toContain('fault.start');
    const faultAt = result.events.find((event) => event.kind === 'fault.start')?.t ?? -1;
    const decidedAt = result.events.find((event) => event.kind === 'machine.state' && event.message.startsWith('rollingBack'))?.t ?? -1;
    expect(result.figures.timeToDetectMs).toBe(decidedAt - faultAt);
  });

  it('should fail setTraffic while the router is down, even the rollback', () => {
    const result = runSimulation(canaryPlan({ faults: [{ at: 0, kind: 'routerFault', for: '10m' }] }), driver);
    expect(result.outcome).toBe('paused');
    expect(result.reason).toBe('waiting for an operator in rollingBack (rollingBack: nothing else is scheduled)');
    expect(result.events.some((event) => event.kind === 'traffic.set')).toBe(false);
  });

  it('should make measurements errors during a metrics outage', () => {
    const plan = canaryPlan({ faults: [{ at: 0, kind: 'metricsOutage', for: '1h' }] });
    const result = runSimulation(plan, driver);
    expect(result.events.filter((event) => event.kind === 'gate.measure').map((event) => event.message)).toContain('error-rate metrics unavailable (metricsOutage) !');
  });

  it('should fail health checks at the deadline when the candidate crash-loops', () => {
    const result = runSimulation(canaryPlan({ faults: [{ at: 0, kind: 'crashLoop' }] }), driver);
    expect(result.outcome).toBe('rolledBack');
    expect(result.reason).toBe('0/10 candidate ready after 600s (progress deadline)');
    expect(result.figures.durationMs).toBe(600_500);
  });

  it('should record one snapshot per interval plus one per state change, or none when asked', () => {
    const plan = canaryPlan({ operator: { approveAfter: '1m' } });
    const result = runSimulation(plan, driver, { intervalMs: 10_000 });
    const stateChanges = result.events.filter((event) => event.kind === 'machine.state').length;
    const intervals = Math.floor(result.figures.durationMs / 10_000);
    expect(result.snapshots).toHaveLength(intervals + stateChanges + 1);
    const last = result.snapshots.at(-1);
    expect(last?.weights).toEqual({ stable: 0, candidate: 100 });
    expect(last?.instances.candidate.ready).toBe(10);
    const quiet = runSimulation(plan, driver, { intervalMs: 10_000, recordSnapshots: false });
    expect(quiet.snapshots).toEqual([]);
    expect(quiet.events).toEqual(result.events);
  });

  it('should stop at maxDurationMs', () => {
    const result = runSimulation(canaryPlan({ faults: [{ at: 0, kind: 'crashLoop' }] }), driver, { maxDurationMs: 60_000 });
    expect(result.outcome).toBe('paused');
    expect(result.reason).toBe('stopped at the simulation limit of 1m in health');
    expect(result.figures.durationMs).toBe(60_000);
  });

  it('should be deterministic for a seed and differ across seeds', () => {
    const plan = canaryPlan({ operator: { approveAfter: '1m' } });
    expect(runSimulation(plan, driver, { seed: 11 })).toEqual(runSimulation(plan, driver, { seed: 11 }));
    expect(runSimulation(plan, driver, { seed: 11 }).snapshots).not.toEqual(runSimulation(plan, driver, { seed: 12 }).snapshots);
  });

  it('should report an unknown scenario as a failed run that lists the known ones', () => {
    const result = runSimulation(canaryPlan(), driver, { scenario: 'nope' });
    expect(result.outcome).toBe('failed');
    expect(result.reason).toBe('no scenario "nope"; the plan has: main');
  });
});
