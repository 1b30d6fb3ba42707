import { describe, expect, it } from 'vitest';
import { exportArgoRollouts } from '../../../src/domain/export/argoRollouts';
import type { PlanInput } from '../../../src/domain/plan/schema';
import { simulate } from '../../../src/domain/simulator/simulate';
import { progressDeadlineAction } from '../../../src/domain/strategies/engines/progressDeadline';
import { planFixture } from './fixtures';

/**
 * What each engine's controller does when new instances are not ready within
 * progressDeadlineSeconds, in whole runs. A candidate that crash-loops for good never becomes
 * ready; one that boots slowly becomes ready after the deadline.
 */

const stuck = { traffic: { rps: 100, noise: 0 }, faults: [{ at: '0s', kind: 'crashLoop', role: 'candidate' }] };
const slow = { traffic: { rps: 100, noise: 0 }, faults: [{ at: '0s', kind: 'slowBoot', role: 'candidate', factor: 20, for: '30s' }] };
const rolling = { rolling: { maxSurge: 1, maxUnavailable: 0 } };
const canary = { canary: { trafficRouting: true, steps: [{ setWeight: 25 }, { pause: { duration: '1m' } }] } };

function run(engine: PlanInput['engine'], strategy: PlanInput['strategy'], scenario: object, progressDeadlineAbort?: boolean) {
  const policy = { progressDeadlineSeconds: 120, ...(progressDeadlineAbort === undefined ? {} : { progressDeadlineAbort }) };
  return simulate(planFixture(strategy, 4, scenario, { engine, policy }), { seed: 2 });
}

const deadlineLine = (result: ReturnType<typeof run>) => result.events.find((event) => event.kind === 'health.failed')?.message ?? '';

describe('progress deadline per engine, in whole runs', () => {
  it.each([
    // kubernetes pkg/controller/deployment/progress.go syncRolloutStatus: past the deadline the
    // Progressing condition turns False with reason ProgressDeadlineExceeded; nothing scales back.
    { row: 'kubernetes: deployment/progress.go only sets ProgressDeadlineExceeded', engine: 'kubernetes', strategy: rolling, abort: undefined, outcome: 'paused', words: 'never rolls back' },
    { row: "kubernetes with progressDeadlineAbort: Switchyard's own rollback, labelled", engine: 'kubernetes', strategy: rolling, abort: true, outcome: 'rolledBack', words: "Switchyard's progressDeadlineAbort" },
    // argo-rollouts rollout/sync.go: a Rollout past its deadline is Degraded; it aborts only when
    // spec.progressDeadlineAbort is true (default false).
    { row: 'argo-rollouts: Degraded, no abort without progressDeadlineAbort', engine: 'argo-rollouts', strategy: canary, abort: undefined, outcome: 'paused', words: 'aborts only with progressDeadlineAbort: true' },
    { row: 'argo-rollouts: progressDeadlineAbort true aborts', engine: 'argo-rollouts', strategy: canary, abort: true, outcome: 'rolledBack', words: '(progress deadline)' },
    // flagger pkg/canary/deployment_ready.go isDeploymentReady: a deadline is non-retriable, and the scheduler rolls back.
    { row: 'flagger: isDeploymentReady non-retriable, rollback', engine: 'flagger', strategy: { canary: { stepWeight: 25, maxWeight: 50, interval: '1m' } }, abort: undefined, outcome: 'rolledBack', words: '(progress deadline)' },
    { row: "fleet: Switchyard's engine rolls back, as it always did", engine: 'fleet', strategy: rolling, abort: undefined, outcome: 'rolledBack', words: '(progress deadline)' },
  ] as const)('$row', ({ engine, strategy, abort, outcome, words }) => {
    const result = run(engine, strategy, stuck, abort);
    expect(result.outcome).toBe(outcome);
    expect(deadlineLine(result)).toContain(words);
    if (outcome === 'paused') {
      expect(result.reason).toContain('progress deadline exceeded');
      expect(result.events.some((event) => event.kind === 'machine.state' && event.message.startsWith('rollingBack'))).toBe(false);
    }
    if (engine !== 'kubernetes') expect(deadlineLine(result)).not.toContain("Switchyard's");
  });

  it.each([
    { engine: 'kubernetes', strategy: rolling },
    { engine: 'argo-rollouts', strategy: canary },
  ] as const)('$engine: instances ready after the deadline and the release goes on to promotion, as the controller does', ({ engine, strategy }) => {
    const result = run(engine, strategy, slow);
    expect(deadlineLine(result)).toContain('progress deadline exceeded');
    expect(result.outcome).toBe('promoted');
    expect(result.figures.durationMs).toBeGreaterThan(120_000);
  });

  it.each([
    { engine: 'fleet', set: undefined, action: 'abort' },
    { engine: 'fleet', set: false, action: 'report' },
    { engine: 'kubernetes', set: undefined, action: 'report' },
    { engine: 'kubernetes', set: true, action: 'switchyard' },
    { engine: 'argo-rollouts', set: undefined, action: 'report' },
    { engine: 'argo-rollouts', set: false, action: 'report' },
    { engine: 'argo-rollouts', set: true, action: 'abort' },
    { engine: 'flagger', set: false, action: 'abort' },
  ] as const)('progressDeadlineAction: $engine, progressDeadlineAbort $set → $action', ({ engine, set, action }) => {
    expect(progressDeadlineAction({ engine, policy: { progressDeadlineSeconds: 600, onFailure: 'rollback', ...(set === undefined ? {} : { progressDeadlineAbort: set }) } })).toBe(action);
  });

  it.each([
    { row: 'an argo-rollouts plan without it: Argo\'s false', engine: 'argo-rollouts', set: undefined, written: false },
    { row: 'an argo-rollouts plan with it', engine: 'argo-rollouts', set: true, written: true },
    { row: 'a fleet plan that rolls back at the deadline', engine: 'fleet', set: undefined, written: true },
    { row: 'a fleet plan that waits on', engine: 'fleet', set: false, written: false },
  ] as const)('export to Argo Rollouts writes progressDeadlineAbort from the plan: $row', ({ engine, set, written }) => {
    const plan = planFixture(canary, 4, {}, { engine, ...(set === undefined ? {} : { policy: { progressDeadlineAbort: set } }) });
    const exported = exportArgoRollouts(plan);
    if (!exported.ok) throw new Error(exported.error);
    const rollout = exported.documents[0] as { spec: { progressDeadlineAbort: boolean } };
    expect(rollout.spec.progressDeadlineAbort).toBe(written);
  });
});
