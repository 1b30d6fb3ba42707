import { fromCallback, type AnyEventObject, type CallbackActorLogic, type EventObject } from 'xstate';
import { compileGate, type CompiledGate, type GateCompilation } from '../analysis/compileGate';
import type { AnalysisGate } from '../plan/schema';
import type { AnalysisOutput, EffectInputs, EffectName, RouteSpec } from '../strategies/effects';
import type { ScheduledEvent } from './eventQueue';
import { startGateRun, type GateRunMode } from './gateRunner';
import type { Random } from './random';
import type { World } from './world';

/** Time a router takes to report a new split in effect. */
export const ROUTER_PROPAGATION_MS = 500;
/** Time a simulated hook takes. */
export const HOOK_MS = 1000;

type SendBack = (event: AnyEventObject) => void;
export type EffectActors = { [Name in EffectName]: CallbackActorLogic<EventObject, EffectInputs[Name]> };

/** What the engine learns from the effects, for the pause reason and the figures. */
export interface EffectObserver {
  /** Reasons of approvals being waited for right now. */
  readonly waitingApprovals: Set<string>;
  /** An effect reported a failure (or a failed analysis) at the current time. */
  failureReported(): void;
}

/** What one run's effect actors act on. */
export interface SimulationEnv {
  world: World;
  observer: EffectObserver;
  /** The stream measurement noise is drawn from. */
  random: Random;
}

/** Finds the run an actor belongs to from its actor system (one system per run). */
export type EnvLookup = (system: unknown) => SimulationEnv;

type Timers = { after(delay: number, fire: () => void): void; cancel(): void };

/**
 * The simulator's implementations of every effect a strategy machine invokes, acting on the world
 * under virtual time. Each one reports `<effect>.done` / `<effect>.failed` from a queue event, never
 * synchronously, and cancels its events when the machine leaves the state that invoked it.
 *
 * The actors find their run through `envOf(system)`, so a machine is provided with them once and
 * reused by every run: `machine.provide` rebuilds every state node, which would cost more than a
 * whole small simulation.
 *
 * @example
 * const machine = machineFor('canary').provide({ actors: simulatedActors((system) => envs.get(system)!) });
 */
export function simulatedActors(envOf: EnvLookup): EffectActors {
  const timersOf = (world: World): Timers => {
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
  };
  const fail = (observer: EffectObserver, sendBack: SendBack, type: string, reason: string): void => {
    observer.failureReported();
    sendBack({ type, reason });
  };
  const scaleLike = (name: 'provision' | 'scale') =>
    fromCallback<EventObject, EffectInputs['scale']>(({ input, sendBack, system }) => {
      const { world } = envOf(system);
      const timer = timersOf(world);
      if (world.journaling) world.log('scale', `scale ${input.role} → ${input.replicas}`, { role: input.role, replicas: input.replicas, effect: name });
      world.fleet.scale(input.role, input.replicas);
      timer.after(0, () => sendBack({ type: `${name}.done` }));
      return timer.cancel;
    });

  return {
    provision: scaleLike('provision'),
    scale: scaleLike('scale'),
    setTraffic: fromCallback<EventObject, RouteSpec>(({ input, sendBack, system }) => {
      const { world, observer } = envOf(system);
      const timer = timersOf(world);
      const routerDown = (): boolean => world.faults.active('routerFault') !== undefined;
      if (routerDown()) {
        timer.after(0, () => fail(observer, sendBack, 'setTraffic.failed', 'router unavailable (routerFault)'));
        return timer.cancel;
      }
      timer.after(ROUTER_PROPAGATION_MS, () => {
        if (routerDown()) return fail(observer, sendBack, 'setTraffic.failed', 'router unavailable (routerFault)');
        world.router.apply(input);
        if (world.journaling) world.log('traffic.set', describeRoute(input), { weights: input.weights, mirrorPercent: input.mirrorPercent ?? 0, headerRoutes: input.headerRoutes?.length ?? 0 });
        sendBack({ type: 'setTraffic.done' });
      });
      return timer.cancel;
    }),
    checkHealth: fromCallback<EventObject, EffectInputs['checkHealth']>(({ input, sendBack, system }) => {
      const { world, observer } = envOf(system);
      const timer = timersOf(world);
      const settle = timersOf(world);
      let settling = false;
      const check = (): void => {
        const healthy = world.fleet.ready(input.role) >= input.replicas;
        if (healthy && !settling) {
          settling = true;
          settle.after(input.minReadyMs, () => {
            timer.cancel();
            if (world.journaling) world.log('health.ready', `${world.fleet.ready(input.role)}/${input.replicas} ${input.role} healthy`, { role: input.role });
            sendBack({ type: 'checkHealth.done' });
          });
        } else if (!healthy && settling) {
          settling = false;
          settle.cancel();
        }
      };
      timer.after(input.deadlineMs, () => {
        settle.cancel();
        const reason = `${world.fleet.ready(input.role)}/${input.replicas} ${input.role} ready after ${Math.round(input.deadlineMs / 1000)}s (progress deadline)`;
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
    }),
    runAnalysis: analysisActor(envOf, 'run'),
    watchAnalysis: analysisActor(envOf, 'watch'),
    awaitApproval: fromCallback<EventObject, EffectInputs['awaitApproval']>(({ input, sendBack, system }) => {
      const { world, observer } = envOf(system);
      const timer = timersOf(world);
      const approveAfter = world.options.scenario.operator?.approveAfter;
      if (approveAfter === undefined) {
        observer.waitingApprovals.add(input.reason);
        return () => observer.waitingApprovals.delete(input.reason);
      }
      timer.after(approveAfter, () => {
        if (world.journaling) world.log('operator.approve', `approved after ${Math.round(approveAfter / 1000)}s (${input.reason})`, {});
        sendBack({ type: 'awaitApproval.done' });
      });
      return timer.cancel;
    }),
    runHook: fromCallback<EventObject, EffectInputs['runHook']>(({ input, sendBack, system }) => {
      const { world } = envOf(system);
      const timer = timersOf(world);
      const defined = world.options.plan.hooks?.[input.hook] !== undefined;
      timer.after(defined ? HOOK_MS : 0, () => {
        if (defined && world.journaling) world.log('hook.run', `hook ${input.hook} ran`, { hook: input.hook });
        sendBack({ type: 'runHook.done' });
      });
      return timer.cancel;
    }),
  };
}

function analysisActor(envOf: EnvLookup, mode: GateRunMode) {
  const name = mode === 'run' ? 'runAnalysis' : 'watchAnalysis';
  return fromCallback<EventObject, EffectInputs['runAnalysis']>(({ input, sendBack, system }) => {
    const { world, observer, random } = envOf(system);
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
    return startGateRun(world, compiled.gates, input.role, mode, random, onEnd, () => sendBack({ type: 'watchAnalysis.measured' }));
  });
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
