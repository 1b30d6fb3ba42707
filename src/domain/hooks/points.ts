import type { Hook, HookPoint, Plan } from '../plan/schema';
import { formatDuration } from '../strategies/describe';

/**
 * What a release does with a hook's answer, per point (Flagger's webhook semantics,
 * pkg/controller/scheduler_hooks.go in fluxcd/flagger v1.44.0):
 *
 * - `confirm`: asked until it says yes; a no (or a failed call) holds the release, asked again
 *   every `interval`, until the deadline fails it.
 * - `check`: run once; a failure is a failed check (pre-rollout, rollout) or, for the earlier
 *   names, a failed effect the policy handles.
 * - `trigger`: the rollback hook, asked at every step: a yes rolls the release back, a no or a
 *   failed call lets it go on.
 * - `notify`: told, never waited on for a verdict: a failure is shown and changes nothing.
 */
export type HookKind = 'confirm' | 'check' | 'trigger' | 'notify';

export const HOOK_KINDS: Readonly<Record<HookPoint, HookKind>> = {
  'confirm-rollout': 'confirm',
  'pre-rollout': 'check',
  rollout: 'check',
  'confirm-traffic-increase': 'confirm',
  'confirm-promotion': 'confirm',
  'post-rollout': 'notify',
  rollback: 'trigger',
  event: 'notify',
  prePromotion: 'check',
  postPromotion: 'check',
  onRollback: 'check',
};

/** Flagger's default webhook timeout; a command keeps the 60 s hooks always had. */
export const DEFAULT_URL_TIMEOUT_MS = 10_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 60_000;
/** How often a confirm or rollback hook is asked again when the plan does not say. */
export const DEFAULT_ASK_INTERVAL_MS = 10_000;

/** How one call ended: a yes (2xx, exit 0), a no (another status, another exit code), a failed call, or no answer in time. */
export type HookAnswer = 'yes' | 'no' | 'failed' | 'timeout';

/** One call's result, with what the hook said or why it could not. */
export interface HookReply {
  answer: HookAnswer;
  /** "HTTP 403", "exited with 1", "connection refused"; absent for a plain yes. */
  detail?: string;
}

/**
 * The hooks of a point, in the plan's order.
 *
 * @example
 * hooksAt(plan, 'confirm-promotion'); // [{ url: 'https://deploys.example.com/approve', ... }]
 */
export function hooksAt(plan: Plan, point: HookPoint): readonly Hook[] {
  const defined = plan.hooks?.[point];
  if (defined === undefined) return [];
  return Array.isArray(defined) ? defined : [defined];
}

/** Whether the plan has a hook at any of these points. */
export function hasHooks(plan: Plan, ...points: HookPoint[]): boolean {
  return points.some((point) => plan.hooks?.[point] !== undefined);
}

/**
 * What a hook calls, as written (secrets stay `${secret:NAME}`), for the timeline and the journal.
 *
 * @example
 * hookTarget({ url: 'https://ci.example.com/approve', retries: 0 }); // "POST https://ci.example.com/approve"
 * hookTarget({ command: ['./smoke.sh', '--quick'], retries: 0 });    // "./smoke.sh --quick"
 */
export function hookTarget(hook: Hook): string {
  if (hook.url !== undefined) return `${hook.method ?? 'POST'} ${hook.url}`;
  return (hook.command ?? []).join(' ');
}

/** The hook's name when it has one, else what it calls. */
export function hookLabel(hook: Hook): string {
  return hook.name ?? hookTarget(hook);
}

export function hookTimeoutMs(hook: Hook): number {
  return hook.timeout ?? (hook.url !== undefined ? DEFAULT_URL_TIMEOUT_MS : DEFAULT_COMMAND_TIMEOUT_MS);
}

export function askIntervalMs(hook: Hook): number {
  return hook.interval ?? DEFAULT_ASK_INTERVAL_MS;
}

/** How long a confirm hook may hold the release: its own deadline, else the plan's progress deadline. */
export function confirmDeadlineMs(hook: Hook, plan: Plan): number {
  return hook.deadline ?? plan.policy.progressDeadlineSeconds * 1000;
}

/** Where the machine is when it calls a hook, as the hook's body says it. */
export interface HookMoment {
  hook: HookPoint;
  /** "progressing", "promoting", "rolledBack"... */
  phase: string;
  /** 1-based step of the track; 0 before the steps. */
  step: number;
  /** The candidate's share of live traffic, percent. */
  weight: number;
}

/** The JSON body of an HTTP hook (and SWITCHYARD_HOOK_* of a command): the release's state. */
export interface HookBody extends HookMoment {
  service: string;
  version: string;
  stableVersion?: string;
  name?: string;
  steps: number;
  metadata?: Record<string, string>;
  /** event: the state the machine entered. */
  state?: string;
}

/**
 * @example
 * hookBody(plan, { hook: 'confirm-promotion', phase: 'promoting', step: 4, weight: 50 }, hook, 4);
 * // { service: 'checkout', version: 'v2', hook: 'confirm-promotion', phase: 'promoting', step: 4, steps: 4, weight: 50 }
 */
export function hookBody(plan: Plan, moment: HookMoment, hook: Hook, steps: number): HookBody {
  return {
    service: plan.service,
    version: plan.version ?? 'candidate',
    ...(plan.stableVersion !== undefined ? { stableVersion: plan.stableVersion } : {}),
    ...moment,
    ...(hook.name !== undefined ? { name: hook.name } : {}),
    steps,
    ...(hook.metadata !== undefined ? { metadata: hook.metadata } : {}),
  };
}

/**
 * One call in the timeline's words.
 *
 * @example
 * hookCallWords('confirm-promotion', hook, { answer: 'no', detail: 'HTTP 403' });
 * // "waiting for confirm-promotion: POST https://ci.example.com/approve said no (HTTP 403)"
 * hookCallWords('pre-rollout', hook, { answer: 'failed', detail: 'HTTP 500' });
 * // "pre-rollout hook POST https://ci.example.com/smoke failed: HTTP 500"
 */
export function hookCallWords(point: HookPoint, hook: Hook, reply: HookReply): string {
  const who = hookLabel(hook);
  const detail = reply.detail ? ` (${reply.detail})` : '';
  const kind = HOOK_KINDS[point];
  if (kind === 'confirm') {
    if (reply.answer === 'yes') return `${point}: ${who} said yes`;
    const said = reply.answer === 'no' ? 'said no' : reply.answer === 'timeout' ? 'did not answer' : 'could not be asked';
    return `waiting for ${point}: ${who} ${said}${detail}`;
  }
  if (kind === 'trigger') {
    if (reply.answer === 'yes') return `${point} hook ${who} said yes: rolling back`;
    return `${point} hook ${who}: no rollback asked${reply.answer === 'no' ? '' : ` (${reply.answer === 'timeout' ? 'no answer' : 'call failed'}${reply.detail ? `: ${reply.detail}` : ''})`}`;
  }
  if (reply.answer === 'yes') return `${point} hook ${who} ${point === 'event' ? 'notified' : 'passed'}`;
  const how = reply.answer === 'timeout' ? 'timed out' : reply.answer === 'no' ? 'said no' : 'failed';
  const note = kind === 'notify' ? ' (shown only: it changes nothing)' : '';
  return `${point} hook ${who} ${how}${reply.detail ? `: ${reply.detail}` : ''}${note}`;
}

/** Why a confirm hook failed the release: it never said yes within its deadline. */
export function confirmExpiredWords(point: HookPoint, hook: Hook, deadlineMs: number, last: HookReply): string {
  const said = last.answer === 'no' ? 'still said no' : last.answer === 'timeout' ? 'still did not answer' : 'still could not be asked';
  return `${point}: ${hookLabel(hook)} ${said} after ${formatDuration(deadlineMs, ' ')} (its deadline)${last.detail ? `: ${last.detail}` : ''}`;
}

/** Why a check failed the release (or counted a failed check). */
export function checkFailedWords(point: HookPoint, hook: Hook, reply: HookReply): string {
  const how = reply.answer === 'timeout' ? 'timed out' : reply.answer === 'no' ? 'said no' : 'failed';
  return `${point} hook ${hookLabel(hook)} ${how}${reply.detail ? `: ${reply.detail}` : ''}`;
}

/** Why the rollback hook ended the release. */
export function rollbackAskedWords(hook: Hook): string {
  return `rollback hook ${hookLabel(hook)} asked for a rollback`;
}
