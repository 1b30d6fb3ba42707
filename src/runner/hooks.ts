import {
  askIntervalMs,
  checkFailedWords,
  confirmDeadlineMs,
  confirmExpiredWords,
  HOOK_KINDS,
  hookBody,
  hookCallWords,
  hookLabel,
  hooksAt,
  rollbackAskedWords,
} from '../domain/hooks/points';
import type { HookMoment, HookReply } from '../domain/hooks/points';
import type { Hook, HookPoint } from '../domain/plan/schema';
import type { PortResult } from '../domain/ports';
import { sharedSteps } from '../domain/strategies/context';
import { strategyKindOf } from '../domain/strategies/index';
import type { RunnerContext } from './context';

/** A hook effect's result; `rollback`: a rollback hook said yes. */
export type HookResult = PortResult & { rollback?: boolean };

/**
 * The runner's `runHook`: the point's hooks called in order, each call and its answer journaled
 * (`hook.run`) and printed. A confirm hook that says no is asked again every `interval` until it
 * says yes (done) or its deadline passes (failed); a check that does not pass fails; the rollback
 * hooks (asked before a step's rollout hooks, as Flagger's tick does) fail with `rollback` when
 * one says yes; notifications never fail. `signal` ends a wait when the machine moves on.
 *
 * @example
 * await runHooks(context, { hook: 'confirm-promotion', phase: 'promoting', step: 4, weight: 50 }, signal);
 * // journal: "waiting for confirm-promotion: release-manager said no (HTTP 403)", then "... said yes"
 */
export async function runHooks(context: RunnerContext, moment: HookMoment, signal: AbortSignal): Promise<HookResult> {
  const points: HookPoint[] = moment.hook === 'rollout' ? ['rollback', 'rollout'] : [moment.hook];
  for (const point of points) {
    for (const hook of hooksAt(context.plan, point)) {
      const kind = HOOK_KINDS[point];
      if (kind === 'confirm') {
        const confirmed = await confirm(context, { ...moment, hook: point }, hook, signal);
        if (!confirmed.ok) return confirmed;
        continue;
      }
      const reply = await callJournaled(context, { ...moment, hook: point }, hook);
      if (kind === 'trigger' && reply.answer === 'yes') return { ok: false, error: rollbackAskedWords(hook), rollback: true };
      if (kind === 'check' && reply.answer !== 'yes') return { ok: false, error: checkFailedWords(point, hook, reply) };
    }
  }
  return { ok: true, value: undefined };
}

async function confirm(context: RunnerContext, moment: HookMoment, hook: Hook, signal: AbortSignal): Promise<PortResult> {
  const deadlineMs = confirmDeadlineMs(hook, context.plan);
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const reply = await callJournaled(context, moment, hook);
    if (reply.answer === 'yes') return { ok: true, value: undefined };
    if (signal.aborted) return { ok: false, error: 'cancelled' };
    const wait = askIntervalMs(hook);
    if (Date.now() + wait > deadline) {
      await sleep(Math.max(0, deadline - Date.now()), signal);
      return { ok: false, error: confirmExpiredWords(moment.hook, hook, deadlineMs, reply) };
    }
    await sleep(wait, signal);
    if (signal.aborted) return { ok: false, error: 'cancelled' };
  }
}

/** One call, journaled with its answer in the timeline's words. */
async function callJournaled(context: RunnerContext, moment: HookMoment, hook: Hook): Promise<HookReply> {
  const reply = await context.ports.hooks.call(hook, hookBody(context.plan, moment, hook, stepCount(context)));
  const words = hookCallWords(moment.hook, hook, reply);
  context.journal.append('hook.run', { hook: moment.hook, name: hookLabel(hook), answer: reply.answer }, words);
  context.log(`    ${words}`);
  return reply;
}

const pending = new WeakMap<RunnerContext, Set<Promise<unknown>>>();

/**
 * Tells the event hooks of a transition without waiting for them: the release never waits on a
 * notification. Each answer is journaled when it comes; `notificationsSettled` waits for the last.
 */
export function notifyEventHooks(context: RunnerContext, state: string, moment: Omit<HookMoment, 'hook'>): void {
  if (context.dryRun) return;
  for (const hook of hooksAt(context.plan, 'event')) {
    const calls = pending.get(context) ?? new Set();
    pending.set(context, calls);
    const call = context.ports.hooks
      .call(hook, { ...hookBody(context.plan, { ...moment, hook: 'event' }, hook, stepCount(context)), state })
      .then((reply) => context.journal.append('hook.run', { hook: 'event', name: hookLabel(hook), answer: reply.answer }, `${hookCallWords('event', hook, reply)} · ${state}`))
      .finally(() => calls.delete(call));
    calls.add(call);
  }
}

/** Every notification sent so far has its answer (each is bounded by its own timeout). */
export async function notificationsSettled(context: RunnerContext): Promise<void> {
  const calls = pending.get(context);
  while (calls && calls.size > 0) await Promise.allSettled([...calls]);
}

function stepCount(context: RunnerContext): number {
  return sharedSteps(context.plan, strategyKindOf(context.plan)).length;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
