import { confirmDeadlineMs, HOOK_KINDS, hookTimeoutMs } from '../../hooks/points';
import { formatDuration } from '../../strategies/describe';
import { stepsFor } from '../../strategies/steps';
import { strategyKindOf } from '../../strategies/index';
import { problem } from '../rules/context';
import type { Rule, RuleContext } from '../rules/context';
import { HOOK_POINTS, LEGACY_HOOK_POINTS } from '../schema';
import type { Hook, HookPoint } from '../schema';

const REPLACED_BY: Record<(typeof LEGACY_HOOK_POINTS)[number], string> = {
  prePromotion: 'pre-rollout (a check before traffic) or confirm-promotion (holds until it says yes)',
  postPromotion: 'post-rollout (runs after promotion and after a rollback; its body says which)',
  onRollback: 'post-rollout (its body\'s phase is rolledBack after a rollback)',
};

function eachHook(context: RuleContext, check: (point: HookPoint, hook: Hook, path: (string | number)[]) => ReturnType<Rule>): ReturnType<Rule> {
  const hooks = context.plan.hooks;
  if (!hooks) return [];
  return HOOK_POINTS.flatMap((point) => (hooks[point] ?? []).flatMap((hook, index) => check(point, hook, ['hooks', point, index])));
}

/** The earlier hook names still run where they did; the note says which point says it better. */
export const legacyHookNames: Rule = (context) =>
  LEGACY_HOOK_POINTS.filter((name) => context.plan.hooks?.[name] !== undefined).map((name) =>
    problem(context, 'info', 'lint.hookRenamed', ['hooks', name], `${name} is deprecated; it still runs where it did, but use ${REPLACED_BY[name]}`, { target: 'key' }),
  );

/**
 * A confirm hook is asked until it says yes; when one ask (its timeout, with every retry) takes as
 * long as its deadline, it is asked once and a slow answer fails the release.
 */
export const confirmHookFitsDeadline: Rule = (context) =>
  eachHook(context, (point, hook, path) => {
    if (HOOK_KINDS[point] !== 'confirm') return [];
    const askMs = hookTimeoutMs(hook) * (hook.retries + 1);
    const deadlineMs = confirmDeadlineMs(hook, context.plan);
    if (askMs < deadlineMs) return [];
    const where = hook.deadline === undefined ? `the progress deadline (${formatDuration(deadlineMs)}), which bounds a confirm hook without a deadline of its own` : `its deadline ${formatDuration(deadlineMs)}`;
    return [
      problem(context, 'warning', 'lint.confirmHookDeadline', path, `one ask of this ${point} hook can take ${formatDuration(askMs)} (timeout × attempts), as long as ${where}: a slow answer fails the release before it is asked again`, {
        fix: { message: 'Give it a shorter timeout, or a deadline long enough to ask it several times' },
      }),
    ];
  });

const LITERAL_SECRET = /^(bearer|basic|token)\s+(?!\$\{)\S{8,}/i;

/** A token written into the plan is in the repository: it belongs in the environment or a secret. */
export const hookSecretsAreReferences: Rule = (context) =>
  eachHook(context, (_point, hook, path) =>
    Object.entries(hook.headers ?? {})
      .filter(([name, value]) => LITERAL_SECRET.test(value) || (/^(x-api-key|x-auth-token|api-key)$/i.test(name) && !value.includes('${')))
      .map(([name]) =>
        problem(context, 'warning', 'lint.hookLiteralSecret', [...path, 'headers', name], `header ${name} holds a credential written into the plan; write \${secret:NAME} (VS Code's secret storage or SWITCHYARD_HOOK_SECRETS) or \${env:NAME}`, {
          fix: { message: 'Use a secret reference' },
        }),
      ),
  );

/** A point the strategy never reaches: its hooks would never be called. */
export const hookPointsReached: Rule = (context) => {
  const hooks = context.plan.hooks;
  if (!hooks?.['confirm-traffic-increase']) return [];
  const kind = strategyKindOf(context.plan);
  const raises = stepsFor(context.plan, kind).some((step) => (step.kind === 'setWeight' || step.kind === 'batch') && step.weight > 0);
  if (raises) return [];
  return [
    problem(context, 'warning', 'lint.hookNeverCalled', ['hooks', 'confirm-traffic-increase'], `a ${kind} release never raises a weight step by step, so confirm-traffic-increase is never asked; use confirm-promotion`, { target: 'key' }),
  ];
};
