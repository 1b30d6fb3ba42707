import { formatDuration } from '../../strategies/describe';
import { progressDeadlineAction } from '../../strategies/engines/progressDeadline';
import { STRATEGY_PROFILES } from '../../strategies/profiles';
import type { PlanPath } from '../diagnostics';
import { problem } from '../rules/context';
import type { Rule } from '../rules/context';
import { STRATEGY_KINDS } from '../schema';

const DEADLINE: PlanPath = ['policy', 'progressDeadlineSeconds'];

/**
 * New instances must be ready within the progress deadline (each health check waits at most
 * that long). Looks at every scenario's slowest boot (bootTime.max × its slowBoot factor) plus
 * minReadySeconds.
 */
export const deadlineCoversBoot: Rule = (context) => {
  const { plan } = context;
  const deadlineMs = plan.policy.progressDeadlineSeconds * 1000;
  const minReadyMs = plan.checks.minReadySeconds * 1000;
  return Object.entries(plan.scenarios).flatMap(([name, scenario]) => {
    const factor = Math.max(1, ...scenario.faults.filter((f) => f.kind === 'slowBoot').map((f) => f.factor ?? 1));
    const bootMs = scenario.fleet.bootTime.max * factor;
    if (bootMs + minReadyMs <= deadlineMs) return [];
    const boot = factor > 1 ? `${formatDuration(scenario.fleet.bootTime.max)} × slowBoot ${factor}` : formatDuration(bootMs);
    const suggested = Math.ceil(((bootMs + minReadyMs) * 1.5) / 60_000) * 60;
    return [
      problem(context, 'warning', 'lint.deadlineTooShort', DEADLINE, `${plan.policy.progressDeadlineSeconds}s is shorter than new instances need to become ready in scenario ${name}: up to ${boot} to boot + ${plan.checks.minReadySeconds}s minReadySeconds; ${deadlineConsequence(plan)}`, {
        fix: { message: `Allow ${suggested}s`, replacement: String(suggested) },
      }),
    ];
  });
};

/** What the deadline does to instances still starting, under the plan's engine (see progressDeadlineAction). */
function deadlineConsequence(plan: Parameters<typeof progressDeadlineAction>[0]): string {
  switch (progressDeadlineAction(plan)) {
    case 'abort':
    case 'switchyard':
      return 'the release fails while they start';
    case 'report':
      return plan.engine === 'argo-rollouts' ? 'Argo Rollouts marks the Rollout Degraded while they start (it aborts only with progressDeadlineAbort: true)' : 'the Deployment is reported as past its progress deadline while they start (it never rolls back)';
  }
}

/**
 * Flagger-style loops roll back after `threshold` failed checks, one per `interval`; when that
 * takes longer than the progress deadline, the deadline ends the release before the threshold does.
 */
export const thresholdWithinDeadline: Rule = (context) => {
  const { plan } = context;
  const deadlineMs = plan.policy.progressDeadlineSeconds * 1000;
  return STRATEGY_KINDS.flatMap((kind) => {
    const checks = STRATEGY_PROFILES[kind].checks(plan);
    const interval = checks?.interval;
    const threshold = checks?.threshold;
    if (interval === undefined || threshold === undefined || interval * threshold <= deadlineMs) return [];
    const fits = Math.floor(deadlineMs / interval);
    return [
      problem(context, 'warning', 'lint.thresholdBeyondDeadline', ['strategy', kind, 'threshold'], `threshold ${threshold} × interval ${formatDuration(interval)} = ${formatDuration(interval * threshold)} before a failing release rolls back, beyond progressDeadlineSeconds ${plan.policy.progressDeadlineSeconds} (${formatDuration(deadlineMs)})`, {
        fix: fits >= 1
          ? { message: `Use threshold: ${fits}, or raise progressDeadlineSeconds to ${Math.ceil((interval * threshold) / 1000)}`, replacement: String(fits) }
          : { message: `Raise progressDeadlineSeconds to ${Math.ceil((interval * threshold) / 1000)}` },
      }),
    ];
  });
};
