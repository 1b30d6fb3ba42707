import { askIntervalMs, HOOK_KINDS, hookLabel } from '../hooks/points';
import { durationText } from '../plan/durationText';
import { HOOK_POINTS, LEGACY_HOOK_POINTS } from '../plan/schema';
import type { Hook, HookPoint, Plan } from '../plan/schema';

type Doc = Record<string, unknown>;

/** Where a legacy hook would go as a Flagger webhook, and why it cannot go there as it is. */
const LEGACY: Readonly<Record<(typeof LEGACY_HOOK_POINTS)[number], string>> = {
  prePromotion: 'runs once before promotion and fails the release: Flagger has no such webhook; move it to pre-rollout or confirm-promotion',
  postPromotion: 'runs after promotion only: Flagger\'s post-rollout also runs after a rollback; move it to post-rollout',
  onRollback: 'runs after a rollback only: Flagger\'s post-rollout also runs after promotion; move it to post-rollout',
};

/** Flagger's CRD takes a webhook timeout as `^[0-9]+(m|s)`: an hour is written in minutes. */
function timeoutText(ms: number): string {
  const text = durationText(ms);
  return text.endsWith('h') ? `${ms / 60_000}m` : text;
}

/**
 * The plan's hooks as a Flagger Canary's `analysis.webhooks`: the point is the webhook's `type`
 * (Flagger's eight types are the plan's points), with its url, timeout, retries and metadata.
 * Flagger POSTs its own payload with no headers, calls no commands, expands no `${env:}` or
 * `${secret:}` references, and asks a confirm hook at every analysis interval without a deadline:
 * each thing a hook says that Flagger cannot is one note, and a hook Flagger cannot call at all
 * (a command, a legacy point) is left out with a note that says so.
 *
 * @example
 * // hooks: { confirm-promotion: [{ name: gate, url: http://flagger-loadtester.test/gate/approve, timeout: 5s }] }
 * flaggerWebhooks(plan, 60_000, notes);
 * // [{ name: 'gate', type: 'confirm-promotion', url: 'http://flagger-loadtester.test/gate/approve', timeout: '5s' }]
 */
export function flaggerWebhooks(plan: Plan, analysisIntervalMs: number, notes: string[]): Doc[] {
  const hooks = plan.hooks;
  if (!hooks) return [];
  const webhooks = HOOK_POINTS.flatMap((point) => (hooks[point] ?? []).flatMap((hook, index) => webhookOf(point, hook, index, analysisIntervalMs, notes)));
  for (const name of LEGACY_HOOK_POINTS) {
    const hook = hooks[name];
    if (hook !== undefined) notes.push(`hooks.${name} (${hookLabel(hook)}) is left out: it ${LEGACY[name]}`);
  }
  return webhooks;
}

function webhookOf(point: HookPoint, hook: Hook, index: number, analysisIntervalMs: number, notes: string[]): Doc[] {
  const where = `hooks.${point}[${index}] (${hookLabel(hook)})`;
  if (hook.url === undefined) {
    notes.push(`${where} is left out: it runs a command, and a Flagger webhook is a url Flagger POSTs to (a command can run behind flagger-loadtester's url)`);
    return [];
  }
  if (/\$\{(env|secret):/.test(hook.url)) notes.push(`${where}: Flagger does not expand \${env:} or \${secret:}: the url is written as it is, replace the reference by hand`);
  if (hook.method !== undefined && hook.method !== 'POST') notes.push(`${where}: Flagger always POSTs its payload; method ${hook.method} has no webhook form`);
  if (hook.headers !== undefined) notes.push(`${where}: a Flagger webhook sends no headers of its own: ${Object.keys(hook.headers).join(', ')} left out`);
  if (HOOK_KINDS[point] === 'confirm') {
    if (askIntervalMs(hook) !== analysisIntervalMs) notes.push(`${where}: Flagger asks it again at every analysis interval (${durationText(analysisIntervalMs)}), not every ${durationText(askIntervalMs(hook))}`);
    if (hook.deadline !== undefined) notes.push(`${where}: Flagger waits for its yes without a deadline; deadline ${durationText(hook.deadline)} has no webhook form`);
  }
  return [
    {
      name: hook.name ?? `${point}-${index + 1}`,
      type: point,
      url: hook.url,
      ...(hook.timeout !== undefined ? { timeout: timeoutText(hook.timeout) } : {}),
      ...(hook.retries > 0 ? { retries: hook.retries } : {}),
      ...(hook.metadata !== undefined ? { metadata: hook.metadata } : {}),
    },
  ];
}
