import { createActor, fromCallback, type AnyActorRef, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, type ExecutableActionObject } from 'xstate';

/**
 * A strategy machine stepped with XState's own transition function (`machine.transition`, the
 * pure step behind `transition()`), without an actor: each step returns the next snapshot and,
 * in order, what the machine asks its driver to do. The driver (machineRun.ts) does it the way an
 * XState actor would. Every decision (guards, assigns, which effects start and stop) is XState's.
 *
 * Steps that depend only on the snapshot and the event's type are kept per snapshot, so the
 * seeds of a Monte Carlo share the machine's path until an event carries data (an analysis
 * result, a failure reason); from there each run steps on its own.
 */

/** What a step asks the driver to do, in the order XState would do it after the step. */
export type MachineAction =
  | { kind: 'start'; ref: AnyActorRef; src: string; input: unknown }
  | { kind: 'stop'; ref: AnyActorRef }
  | { kind: 'schedule'; id: string; event: EventObject; delay: number }
  | { kind: 'cancel'; id: string }
  | { kind: 'execute'; action: ExecutableActionObject };

export interface MachineStep {
  snapshot: AnyMachineSnapshot;
  actions: readonly MachineAction[];
}

export interface MachineSteps {
  /** The machine's initial snapshot for `input` and what it starts. */
  initial(input: { plan: object }): MachineStep;
  /** One macrostep: `event` processed to rest, as an actor would process it. Throws what a guard or action threw. */
  next(snapshot: AnyMachineSnapshot, event: EventObject): MachineStep;
}

/** Steps kept per shared snapshot, by event type; a plan's tree stops growing at this many. */
const MAX_KEPT_STEPS = 5_000;

interface Kept {
  steps: Map<string, MachineStep>;
  /** Budget shared by every snapshot reached from one initial snapshot. */
  budget: { left: number };
}

const stepsByMachine = new WeakMap<AnyStateMachine, MachineSteps>();

/**
 * The stepper of a machine, made once per machine.
 *
 * @example
 * const steps = machineSteps(canaryMachine);
 * const first = steps.initial({ plan });       // { snapshot: provisioning.creating, actions: [start provision] }
 * steps.next(first.snapshot, { type: 'provision.done' }).snapshot.value; // { progressing: { steps: ..., background: 'idle' } }
 */
export function machineSteps(machine: AnyStateMachine): MachineSteps {
  let steps = stepsByMachine.get(machine);
  if (!steps) {
    steps = createSteps(machine);
    stepsByMachine.set(machine, steps);
  }
  return steps;
}

function createSteps(machine: AnyStateMachine): MachineSteps {
  const collected: ExecutableActionObject[] = [];
  const scope = inertScope((action) => collected.push(action));
  const kept = new WeakMap<AnyMachineSnapshot, Kept>();
  const initials = new WeakMap<object, MachineStep>();

  const keep = (step: MachineStep, budget: { left: number }): void => {
    // An event the machine ignores gives back the snapshot it came from, already kept.
    if (budget.left <= 0 || kept.has(step.snapshot)) return;
    budget.left--;
    kept.set(step.snapshot, { steps: new Map(), budget });
  };

  return {
    initial(input) {
      const known = initials.get(input.plan);
      if (known) return known;
      collected.length = 0;
      const snapshot = machine.getInitialSnapshot(scope, input) as AnyMachineSnapshot;
      const step = { snapshot, actions: initialActions(snapshot, translate(collected)) };
      if (isPlain(step.actions)) {
        initials.set(input.plan, step);
        keep(step, { left: MAX_KEPT_STEPS });
      }
      return step;
    },
    next(snapshot, event) {
      const from = kept.get(snapshot);
      const key = from && typeOnly(event) ? event.type : undefined;
      const known = key === undefined ? undefined : from?.steps.get(key);
      if (known) return known;
      collected.length = 0;
      const next = machine.transition(snapshot, event, scope) as AnyMachineSnapshot;
      const step = { snapshot: next, actions: translate(collected) };
      if (from && key !== undefined && isPlain(step.actions) && from.budget.left > 0) {
        from.steps.set(key, step);
        keep(step, from.budget);
      }
      return step;
    },
  };
}

/**
 * An actor scope whose executor collects actions instead of running them. Children are created
 * (XState puts their refs in the snapshot) but never started: the driver starts the effects.
 */
function inertScope(collect: (action: ExecutableActionObject) => void): AnyActorScope {
  const self = createActor(fromCallback(() => undefined));
  return {
    self,
    id: '',
    sessionId: '',
    logger: () => undefined,
    defer: () => undefined,
    system: self.system,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: collect,
  } as unknown as AnyActorScope;
}

/**
 * XState's executable actions as driver work. A child spawned and stopped in the same macrostep
 * never starts (XState stops a child that is not running yet at once, and skips its start).
 */
function translate(actions: readonly ExecutableActionObject[]): MachineAction[] {
  const out: MachineAction[] = [];
  for (const action of actions) {
    const params = action.params as Record<string, unknown> | undefined;
    if (action.type === 'xstate.spawnChild' && params) {
      const ref = params.actorRef as AnyActorRef | undefined;
      if (ref) out.push({ kind: 'start', ref, src: typeof params.src === 'string' ? params.src : String(ref.id), input: params.input });
    } else if (action.type === 'xstate.stopChild') {
      const ref = action.params as AnyActorRef | undefined;
      if (!ref) continue;
      const spawned = out.findIndex((item) => item.kind === 'start' && item.ref === ref);
      if (spawned >= 0) out.splice(spawned, 1);
      else out.push({ kind: 'stop', ref });
    } else if (action.type === 'xstate.raise' && params) {
      if (typeof params.delay === 'number') out.push({ kind: 'schedule', id: String(params.id), event: params.event as EventObject, delay: params.delay });
    } else if (action.type === 'xstate.cancel' && params) {
      out.push({ kind: 'cancel', id: String(params.sendId) });
    } else {
      out.push({ kind: 'execute', action });
    }
  }
  return out;
}

/** An actor starts the children of its initial snapshot in the snapshot's order, before its other initial actions. */
function initialActions(snapshot: AnyMachineSnapshot, actions: MachineAction[]): MachineAction[] {
  const starts = new Map<AnyActorRef, MachineAction>();
  for (const action of actions) if (action.kind === 'start') starts.set(action.ref, action);
  const children = Object.values(snapshot.children as Record<string, AnyActorRef>).flatMap((ref) => starts.get(ref) ?? []);
  return [...children, ...actions.filter((action) => action.kind !== 'start')];
}

/** Only steps whose actions the driver does itself are kept: a custom action must run every time. */
function isPlain(actions: readonly MachineAction[]): boolean {
  return actions.every((action) => action.kind !== 'execute');
}

function typeOnly(event: EventObject): boolean {
  for (const key in event) if (key !== 'type') return false;
  return true;
}
