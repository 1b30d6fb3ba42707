import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { planFixture } from './fixtures';

// kubernetes pkg/controller/deployment/recreate.go rolloutRecreate: scale the old ReplicaSets
// down, wait until oldPodsRunning reports none (terminating pods included), and only then scale
// the new ReplicaSet up.
describe('recreate, in whole runs', () => {
  it.each([
    { engine: 'fleet', replicas: 3 },
    { engine: 'kubernetes', replicas: 3 },
    { engine: 'kubernetes', replicas: 10 },
  ] as const)('recreate.go: $replicas old instances are gone before a new one starts ($engine, peak $replicas, was twice that)', ({ engine, replicas }) => {
    const plan = planFixture({ recreate: {} }, replicas, { fleet: { bootTime: { min: '5s', max: '15s' }, drainTime: '8s' } }, { engine });
    const result = simulate(plan, { seed: 4 });
    expect(result.outcome).toBe('promoted');
    expect(result.figures.peakInstances).toBe(replicas);
    const stableGone = result.snapshots.find((snapshot) => snapshot.instances.stable.draining + snapshot.instances.stable.ready === 0);
    const candidateStarts = result.snapshots.find((snapshot) => snapshot.instances.candidate.starting + snapshot.instances.candidate.ready > 0);
    expect(stableGone && candidateStarts && stableGone.t <= candidateStarts.t).toBe(true);
    const provisioned = result.events.find((event) => event.kind === 'scale' && event.message.startsWith('scale candidate'));
    expect(provisioned?.t).toBe(8_000);
  });
});
