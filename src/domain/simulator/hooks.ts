import type { AnyEventObject } from 'xstate';
import {
  askIntervalMs,
  checkFailedWords,
  confirmDeadlineMs,
  confirmExpiredWords,
  HOOK_KINDS,
  hookCallWords,
  hookLabel,
  hooksAt,
  hookTimeoutMs,
  rollbackAskedWords,
} from '../hooks/points';
import type { HookMoment, HookReply } from '../hooks/points';
import type { Fault, FaultKind, Hook, HookPoint } from '../plan/schema';
import { formatDuration } from '../strategies/describe';
import type { ScheduledEvent } from './eventQueue';
import type { SimulationEnv } from './actors';
import type { World } from './world';

/** Time a simulated hook call takes to answer. */
export const HOOK_MS = 1000;

type SendBack = (event: AnyEventObject) => void;

/**
 * The simulator's `runHook`: each hook of the point is called in virtual time and answers as
 * the scenario's hook faults say at that moment (`hookTimeout`, `hookFailure`, `hookRefusal`,
 * `hookApproval`, each for one point or every hook), else yes (a rollback hook: no rollback
 * asked). A confirm hook that says no holds the release and is asked again every `interval`
 * until it says yes or its deadline passes; a check that fails fails the effect; notifications
 * never do. Every call and its answer is a `hook.run` line of the timeline.
 *
 * @example
 * // scenario faults: [{ at: 0s, for: 12m, kind: hookRefusal, hook: confirm-promotion }]
 * // timeline: "waiting for confirm-promotion: approve said no (HTTP 403, hookRefusal)" ... "confirm-promotion: approve said yes"
 */
export function simulateHooks(env: SimulationEnv, moment: HookMoment, sendBack: SendBack): () => void {
  const { world, observer } = env;
  const plan = world.options.plan;
  const timers = new Set<ScheduledEvent>();
  const after = (delay: number, fire: () => void): void => {
    const event = world.clock.after(delay, () => {
      timers.delete(event);
      fire();
    });
    timers.add(event);
  };
  const calls = callsAt(world, moment.hook);
  let index = 0;
  const fail = (reason: string, rollback?: boolean): void => {
    observer.failureReported();
    sendBack({ type: 'runHook.failed', reason, ...(rollback ? { rollback } : {}) });
  };

  const next = (): void => {
    const call = calls[index++];
    if (!call) return sendBack({ type: 'runHook.done' });
    const { point, hook } = call;
    const kind = HOOK_KINDS[point];
    if (kind === 'confirm') return confirm(point, hook, world.now + confirmDeadlineMs(hook, plan));
    callOnce(world, point, hook, after, (reply) => {
      if (kind === 'trigger' && reply.answer === 'yes') return fail(rollbackAskedWords(hook), true);
      if (kind === 'check' && reply.answer !== 'yes') return fail(checkFailedWords(point, hook, reply));
      next();
    });
  };

  const confirm = (point: HookPoint, hook: Hook, deadline: number): void =>
    callOnce(world, point, hook, after, (reply) => {
      if (reply.answer === 'yes') return next();
      const wait = askIntervalMs(hook);
      if (world.now + wait <= deadline) return after(wait, () => confirm(point, hook, deadline));
      after(Math.max(0, deadline - world.now), () => fail(confirmExpiredWords(point, hook, confirmDeadlineMs(hook, plan), reply)));
    });

  after(0, next);
  return () => {
    for (const event of timers) world.queue.cancel(event);
    timers.clear();
  };
}

/**
 * Event hooks are told of a transition and never hold the release: each answers at once in the
 * timeline (a failure is shown and changes nothing).
 */
export function simulateEventHooks(world: World, state: string): void {
  for (const hook of hooksAt(world.options.plan, 'event')) {
    const reply = replyOf(world, 'event', hook);
    world.log('hook.run', `${hookCallWords('event', hook, reply)} · ${state}`, { hook: 'event', name: hookLabel(hook), answer: reply.answer });
  }
}

/** The hooks a point calls, in order: a step's rollout call asks the rollback hooks first, as Flagger's tick does. */
function callsAt(world: World, point: HookPoint): { point: HookPoint; hook: Hook }[] {
  const plan = world.options.plan;
  const at = (name: HookPoint) => hooksAt(plan, name).map((hook) => ({ point: name, hook }));
  return point === 'rollout' ? [...at('rollback'), ...at('rollout')] : at(point);
}

/** One call: its answer and how long it takes (timeouts and failures use every retry). */
function callOnce(world: World, point: HookPoint, hook: Hook, after: (delay: number, fire: () => void) => void, answered: (reply: HookReply) => void): void {
  const reply = replyOf(world, point, hook);
  const attempts = reply.answer === 'timeout' || reply.answer === 'failed' ? hook.retries + 1 : 1;
  const took = (reply.answer === 'timeout' ? hookTimeoutMs(hook) : HOOK_MS) * attempts;
  after(took, () => {
    if (world.journaling) world.log('hook.run', hookCallWords(point, hook, reply), { hook: point, name: hookLabel(hook), answer: reply.answer });
    answered(reply);
  });
}

const BY_PRECEDENCE: readonly FaultKind[] = ['hookTimeout', 'hookFailure', 'hookRefusal', 'hookApproval'];

/** What a hook answers now, from the scenario's hook faults active at this moment. */
function replyOf(world: World, point: HookPoint, hook: Hook): HookReply {
  const hits = (fault: Fault): boolean => fault.hook === undefined || fault.hook === point;
  const fault = BY_PRECEDENCE.map((kind) => world.faults.activeWhere(kind, hits)).find((found) => found !== undefined);
  const url = hook.url !== undefined;
  const attempts = hook.retries > 0 ? `, ${hook.retries + 1} attempts` : '';
  switch (fault?.kind) {
    case 'hookTimeout':
      return { answer: 'timeout', detail: `no answer within ${formatDuration(hookTimeoutMs(hook))}${attempts}, hookTimeout` };
    case 'hookFailure':
      return { answer: 'failed', detail: `${url ? 'HTTP 503' : 'exited with 2'}${attempts}, hookFailure` };
    case 'hookRefusal':
      return { answer: 'no', detail: `${url ? 'HTTP 403' : 'exited with 1'}, hookRefusal` };
    case 'hookApproval':
      return { answer: 'yes' };
    default:
      // A rollback hook that nobody triggered says no: the release goes on.
      return HOOK_KINDS[point] === 'trigger' ? { answer: 'no' } : { answer: 'yes' };
  }
}
