import type { AnyEventObject, CallbackActorLogic, EventObject } from 'xstate';
import { compileGate, type CompiledGate, type GateCompilation } from '../analysis/compileGate';
import type { AnalysisGate } from '../plan/schema';
import type { AnalysisOutput, EffectInputs, EffectName, Role, RouteSpec } from '../strategies/effects';
import { deadlineReporter } from '../strategies/engines/progressDeadline';
import type { ScheduledEvent } from './eventQueue';
import { startGateRun, type GateRunMode } from './gateRunner';
import { simulateHooks } from './hooks';
import type { Random } from './random';
import type { World } from './world';

/** Time a router takes to report a new split in effect. */
export const ROUTER_PROPAGATION_MS = 500;

type SendBack = (event: AnyEventObject) => void;
/** Effect actors as `machine.provide` takes them: how a real run provides its effects. */
export type EffectActors = { [Name in EffectName]: CallbackActorLogic<EventObject, EffectInputs[Name]> };

/** What the engine learns from the effects, for the pause reason and the figures. */
export interface EffectObserver {
  /** Reasons of approvals being waited for right now. */
  readonly waitingApprovals: Set<string>;
  /** An effect reported a failure (or a failed analysis) at the current time. */
  failureReported(): void;
  /** A progress deadline the controller only reports, while its wait goes on: why the release is stuck. */
  stalled?: string | undefined;
}

/** What one run's effects act on. */
export interface SimulationEnv {
  world: World;
  observer: EffectObserver;
  /** The stream measurement noise is drawn from. */
  random: Random;
}

type Timers = { after(delay: number, fire: () => void): void; cancel(): void };

/** One effect as the simulator runs it: started with its input, it reports with `sendBack` and returns what stops it. */
export type SimulatedEffect<TInput> = (env: SimulationEnv, input: TInput, sendBack: SendBack) => (() => void) | undefined;

/**
 * The simulator's implementations of every effect a strategy machine invokes, acting on the world
 * under virtual time. Each one reports `<effect>.done` / `<effect>.failed` from a queue event, never
 * synchronously, and cancels its events when the machine leaves the state that invoked it. The
 * simulator's driver (drive.ts) starts them by name where the machine invokes them.
 *
 * @example
 * const stop = SIMULATED_EFFECTS.scale(env, { role: 'candidate', replicas: 3 }, sendBack); // 'scale.done' at once in virtual time
 */
export const SIMULATED_EFFECTS: { [Name in EffectName]: SimulatedEffect<EffectInputs[Name]> } = {
  provision: scaleLike('provision'),
  scale: scaleLike('scale'),
  setTraffic: (env, input, sendBack) => {
    const { world, observer } = env;
    const routerDown = (): boolean => world.faults.active('routerFault') !== undefined;
    if (routerDown()) return once(world, 0, () => fail(observer, sendBack, 'setTraffic.failed', 'router unavailable (routerFault)'));
    return once(world, ROUTER_PROPAGATION_MS, () => {
      if (routerDown()) return fail(observer, sendBack, 'setTraffic.failed', 'router unavailable (routerFault)');
      world.router.apply(input);
      if (world.journaling) world.log('traffic.set', describeRoute(input), { weights: { ...input.weights }, mirrorPercent: input.mirrorPercent ?? 0, headerRoutes: input.headerRoutes?.length ?? 0 });
      sendBack({ type: 'setTraffic.done' });
    });
  },
  checkHealth: (env, input, sendBack) => {
    const { world, observer } = env;
    const timer = timersOf(world);
    const settle = timersOf(world);
    let settling = false;
    const check = (): void => {
      const healthy = world.fleet.ready(input.role) >= input.replicas;
      if (healthy && !settling) {
        settling = true;
        settle.after(input.minReadyMs, () => {
          timer.cancel();
          observer.stalled = undefined;
          if (world.journaling) world.log('health.ready', `${world.fleet.ready(input.role)}/${input.replicas} ${input.role} healthy`, { role: input.role });
          sendBack({ type: 'checkHealth.done' });
        });
      } else if (!healthy && settling) {
        settling = false;
        settle.cancel();
      }
    };
    timer.after(input.deadlineMs, () => {
      const ready = `${world.fleet.ready(input.role)}/${input.replicas} ${input.role} ready after ${Math.round(input.deadlineMs / 1000)}s`;
      const reporter = deadlineReporter(world.options.plan);
      if (input.onDeadline === 'report') {
        // The controller only reports it: the wait goes on, and ends if the instances come up.
        observer.stalled = `${ready}: progress deadline exceeded; ${reporter}, so the release waits on`;
        world.log('health.failed', observer.stalled, { role: input.role });
        return;
      }
      settle.cancel();
      const reason = input.onDeadline === 'switchyard' ? `${ready} (progress deadline: Switchyard's progressDeadlineAbort rolls back; ${reporter})` : `${ready} (progress deadline)`;
      world.log('health.failed', reason, { role: input.role });
      fail(observer, sendBack, 'checkHealth.failed', reason);
    });
    world.fleetListeners.add(check);
    check();
    return () => {
      world.fleetListeners.delete(check);
      timer.cancel();
      settle.cancel();
    };
  },
  runAnalysis: analysisEffect('run'),
  watchAnalysis: analysisEffect('watch'),
  awaitApproval: (env, input, sendBack) => {
    const { world, observer } = env;
    const approveAfter = world.options.scenario.operator?.approveAfter;
    if (approveAfter === undefined) {
      observer.waitingApprovals.add(input.reason);
      return () => observer.waitingApprovals.delete(input.reason);
    }
    return once(world, approveAfter, () => {
      if (world.journaling) world.log('operator.approve', `approved after ${Math.round(approveAfter / 1000)}s (${input.reason})`, {});
      sendBack({ type: 'awaitApproval.done' });
    });
  },
  runHook: simulateHooks,
};

/**
 * Starts the effect the machine invoked by name.
 *
 * @example
 * startSimulatedEffect(env, 'scale', { role: 'stable', replicas: 0 }, sendBack);
 */
export function startSimulatedEffect(env: SimulationEnv, src: string, input: unknown, sendBack: SendBack): (() => void) | undefined {
  const effect = (SIMULATED_EFFECTS as Record<string, SimulatedEffect<unknown> | undefined>)[src];
  if (!effect) throw new Error(`the simulator has no effect "${src}"; a strategy machine may only invoke ${Object.keys(SIMULATED_EFFECTS).join(', ')}`);
  return effect(env, input, sendBack);
}

/** One model event `delay` ms from now, and what cancels it (cancelling after it fired does nothing). */
function once(world: World, delay: number, fire: () => void): () => void {
  const event = world.clock.after(delay, fire);
  return () => world.queue.cancel(event);
}

function timersOf(world: World): Timers {
  const events = new Set<ScheduledEvent>();
  return {
    after: (delay, fire) => {
      const event = world.clock.after(delay, () => {
        events.delete(event);
        fire();
      });
      events.add(event);
    },
    cancel: () => {
      for (const event of events) world.queue.cancel(event);
    },
  };
}

function fail(observer: EffectObserver, sendBack: SendBack, type: string, reason: string): void {
  observer.failureReported();
  sendBack({ type, reason });
}

function scaleLike(name: 'provision' | 'scale'): SimulatedEffect<EffectInputs['scale']> {
  const done: AnyEventObject = { type: `${name}.done` };
  return ({ world }, input, sendBack) => {
    if (world.journaling) world.log('scale', `scale ${input.role} → ${input.replicas}`, { role: input.role, replicas: input.replicas, effect: name });
    world.fleet.scale(input.role, input.replicas);
    if (input.awaitGone) return awaitGone(world, input.role, () => sendBack(done));
    return once(world, 0, () => sendBack(done));
  };
}

/**
 * Fires once no instance of the role is left, draining ones included. Instances drain for at most
 * the fleet's drainTime, so a foreground wait of that long keeps the run going meanwhile.
 */
function awaitGone(world: World, role: Role, fire: () => void): () => void {
  const timer = timersOf(world);
  const check = (): void => {
    const { starting, ready, draining, failed } = world.fleet.counts(role);
    if (starting + ready + draining + failed > 0) return timer.after(world.options.scenario.fleet.drainTime, check);
    timer.after(0, fire);
  };
  check();
  return () => timer.cancel();
}

function analysisEffect(mode: GateRunMode): SimulatedEffect<EffectInputs['runAnalysis']> {
  const name = mode === 'run' ? 'runAnalysis' : 'watchAnalysis';
  return ({ world, observer, random }, input, sendBack) => {
    const compiled = compileGates(world, input.gates, mode);
    if (!compiled.ok) {
      const event = world.clock.after(0, () => {
        world.log('gate.result', compiled.error, { phase: 'error' });
        observer.failureReported();
        if (mode === 'run') sendBack({ type: 'runAnalysis.failed', reason: compiled.error });
        else sendBack({ type: 'watchAnalysis.failed', output: { phase: 'error', measurements: [], message: compiled.error } });
      });
      return () => world.queue.cancel(event);
    }
    const onEnd = (output: AnalysisOutput): void => {
      if (output.phase !== 'successful') observer.failureReported();
      if (mode === 'run') sendBack({ type: `${name}.done`, output });
      else if (output.phase !== 'successful') sendBack({ type: `${name}.failed`, output });
    };
    return startGateRun(world, compiled.gates, input.role, mode, random, onEnd, () => sendBack({ type: 'watchAnalysis.measured' }), input.check);
  };
}

// Parsing a gate's conditions costs more than measuring it, and a Monte Carlo compiles the same
// gate objects in every run; a compiled gate is read-only, so runs share it.
const compiledGates = new WeakMap<AnalysisGate, GateCompilation>();

function compiledGate(gate: AnalysisGate): GateCompilation {
  let result = compiledGates.get(gate);
  if (!result) {
    result = compileGate(gate);
    compiledGates.set(gate, result);
  }
  return result;
}

function compileGates(world: World, names: readonly string[], mode: GateRunMode): { ok: true; gates: CompiledGate[] } | { ok: false; error: string } {
  const gates: CompiledGate[] = [];
  for (const name of names) {
    const gate = world.options.plan.analysis.find((candidate) => candidate.name === name);
    if (!gate) return { ok: false, error: `unknown gate "${name}": add it under analysis:` };
    if (mode === 'run' && gate.count === undefined) return { ok: false, error: `gate ${name} has no count, so it can only run in the background` };
    const result = compiledGate(gate);
    if (!result.ok) return result;
    gates.push(result.compiled);
  }
  return { ok: true, gates };
}

/**
 * @example
 * describeRoute({ weights: { stable: 80, candidate: 20 } }); // "traffic 20% → candidate"
 */
export function describeRoute(route: RouteSpec): string {
  const parts = [route.weights.candidate === 0 ? 'traffic 100% → stable' : `traffic ${route.weights.candidate}% → candidate`];
  if (route.headerRoutes?.length) parts.push('header route → candidate');
  if (route.mirrorPercent) parts.push(`mirror ${route.mirrorPercent}% → candidate`);
  return parts.join(', ');
}
