import type { Plan } from '../../plan/schema';

/**
 * What the progress deadline does to a release, per engine:
 * - `abort`: the wait fails and the release rolls back (or pauses) by the plan's policy, as the
 *   engine's own controller does: Switchyard's fleet, Flagger (`isDeploymentReady` calls a
 *   deadline non-retriable, and the scheduler rolls back), Argo Rollouts with
 *   `progressDeadlineAbort: true`;
 * - `switchyard`: the same, as Switchyard's own policy where the controller would not
 *   (`progressDeadlineAbort: true` under engine kubernetes), and the timeline says so;
 * - `report`: the controller only reports it and goes on waiting: the Deployment controller's
 *   ProgressDeadlineExceeded condition (it never rolls back), Argo Rollouts' Degraded status
 *   without progressDeadlineAbort (its default).
 */
export type DeadlineAction = 'abort' | 'switchyard' | 'report';

/**
 * @example
 * progressDeadlineAction(planFixture({ engine: 'kubernetes', ... }));                                      // 'report'
 * progressDeadlineAction(planFixture({ engine: 'kubernetes', policy: { progressDeadlineAbort: true }, ... })); // 'switchyard'
 * progressDeadlineAction(planFixture({ engine: 'argo-rollouts', policy: { progressDeadlineAbort: true }, ... })); // 'abort'
 */
export function progressDeadlineAction(plan: Pick<Plan, 'engine' | 'policy'>): DeadlineAction {
  const asked = plan.policy.progressDeadlineAbort;
  switch (plan.engine) {
    case 'kubernetes':
      return asked === true ? 'switchyard' : 'report';
    case 'argo-rollouts':
      return asked === true ? 'abort' : 'report';
    case 'flagger':
      return 'abort';
    case 'fleet':
      return asked === false ? 'report' : 'abort';
  }
}

/** Who waits on once the deadline is only reported, as the timeline names it. */
export function deadlineReporter(plan: Pick<Plan, 'engine'>): string {
  switch (plan.engine) {
    case 'kubernetes':
      return 'the Deployment controller reports ProgressDeadlineExceeded and never rolls back';
    case 'argo-rollouts':
      return 'Argo Rollouts marks the Rollout Degraded (ProgressDeadlineExceeded) and aborts only with progressDeadlineAbort: true';
    default:
      return 'progressDeadlineAbort is false';
  }
}
