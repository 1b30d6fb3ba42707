import { createActor, fromCallback, type AnyEventObject, type AnyMachineSnapshot, type EventObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import { MachineRun } from '../../../src/domain/simulator/machineRun';
import { machineSteps } from '../../../src/domain/simulator/machineSteps';
import { simulate } from '../../../src/domain/simulator/simulate';
import { canaryMachine, effectActors } from '../../../src/domain/strategies';
import type { AnalysisOutput } from '../../../src/domain/strategies/effects';
import { canaryPlan } from './fixtures';

/** A script both drivers follow: events an effect or operator sends, or the next pending delayed event firing. */
type Step = { send: AnyEventObject } | 'fireTimer';

const failed: AnalysisOutput = { phase: 'failed', measurements: [], message: 'error-rate: 1 of 1 measurements failed' };
const passed: AnalysisOutput = { phase: 'successful', measurements: [], message: 'error-rate: 3 of 3 measurements successful' };

/** Into the steps, one ignored event, a passed analysis, then a failed one and the rollback. */
const SCRIPT: Step[] = [
  { send: { type: 'provision.done' } },
  { send: { type: 'scale.done' } },
  { send: { type: 'checkHealth.done' } },
  { send: { type: 'setTraffic.done' } },
  'fireTimer',
  { send: { type: 'watchAnalysis.measured' } },
  { send: { type: 'runAnalysis.done', output: passed } },
  { send: { type: 'scale.done' } },
  { send: { type: 'checkHealth.done' } },
  { send: { type: 'operator.pause' } },
  { send: { type: 'setTraffic.done' } },
  { send: { type: 'operator.resume' } },
  'fireTimer',
  { send: { type: 'runAnalysis.done', output: failed } },
  { send: { type: 'setTraffic.done' } },
  { send: { type: 'scale.done' } },
];

interface Trace {
  log: unknown[];
  snapshot: () => AnyMachineSnapshot;
}

/** The script through an XState actor with recording effects and a recording clock: what the simulator used to do. */
function throughActor(plan: object, script: readonly Step[]): Trace {
  const log: unknown[] = [];
  const timers: (() => void)[] = [];
  const effect = (src: string) => fromCallback<EventObject, unknown>(({ input }) => {
    log.push(['start', src, input]);
    return () => log.push(['stop', src]);
  });
  const actors = Object.fromEntries(Object.keys(effectActors).map((src) => [src, effect(src)]));
  const clock = {
    setTimeout: (fn: () => void, delay: number) => {
      log.push(['schedule', delay]);
      timers.push(fn);
      return timers.length - 1;
    },
    clearTimeout: () => log.push(['cancel']),
  };
  const actor = createActor(canaryMachine.provide({ actors } as never), { input: { plan } as never, clock });
  actor.subscribe((snapshot) => log.push(['observe', snapshot.value]));
  actor.start();
  for (const step of script) {
    if (step === 'fireTimer') timers.shift()?.();
    else actor.send(step.send as never);
  }
  actor.stop();
  return { log, snapshot: () => actor.getSnapshot() as AnyMachineSnapshot };
}

/** The same script through MachineRun: what the simulator does now. */
function throughRun(plan: object, script: readonly Step[]): Trace {
  const log: unknown[] = [];
  const timers: (() => void)[] = [];
  const run = new MachineRun<number>(canaryMachine, { plan }, {
    startEffect: (src, input) => {
      log.push(['start', src, input]);
      return () => log.push(['stop', src]);
    },
    after: (delay, fire) => {
      log.push(['schedule', delay]);
      timers.push(fire);
      return timers.length - 1;
    },
    cancel: () => log.push(['cancel']),
    observe: (snapshot) => log.push(['observe', snapshot.value]),
  });
  run.start();
  for (const step of script) {
    if (step === 'fireTimer') timers.shift()?.();
    else run.send(step.send);
  }
  run.stop();
  return { log, snapshot: () => run.snapshot };
}

describe('MachineRun (a strategy machine stepped with XState transitions, without an actor)', () => {
  it('should start and stop effects, schedule delayed events and tell its observer as an XState actor does', () => {
    const plan = canaryPlan();
    const actor = throughActor(plan, SCRIPT);
    const run = throughRun(plan, SCRIPT);
    expect(run.log).toEqual(actor.log);
    expect(run.snapshot().value).toEqual('rolledBack');
    expect(run.snapshot().output).toEqual(actor.snapshot().output);
    expect(run.snapshot().context).toEqual(actor.snapshot().context);
  });

  it('should stop what still runs, in the snapshot order, when stopped half-way', () => {
    const plan = canaryPlan({}, { strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }], analysis: { templates: ['error-rate'] } } }, analysis: [{ name: 'error-rate', metric: 'errorRate', interval: '30s', failureCondition: 'result >= 0.05' }] });
    const script = SCRIPT.slice(0, 4);
    expect(throughRun(plan, script).log).toEqual(throughActor(plan, script).log);
  });

  it('should not hear an effect that reports after it was stopped', () => {
    const sent: ((event: EventObject) => void)[] = [];
    const run = new MachineRun<number>(canaryMachine, { plan: canaryPlan() }, {
      startEffect: (_src, _input, sendBack) => {
        sent.push(sendBack);
        return undefined;
      },
      after: () => 0,
      cancel: () => undefined,
      observe: () => undefined,
    });
    run.start();
    const provision = sent[0];
    run.send({ type: 'provision.done' });
    const before = run.snapshot;
    provision?.({ type: 'provision.done' });
    provision?.({ type: 'operator.abort' });
    expect(run.snapshot).toBe(before);
  });

  it('should fail the machine with the message of an effect that throws as it starts', () => {
    const run = new MachineRun<number>(canaryMachine, { plan: canaryPlan() }, {
      startEffect: () => {
        throw new Error('no such router');
      },
      after: () => 0,
      cancel: () => undefined,
      observe: () => undefined,
    });
    run.start();
    expect(run.status).toBe('error');
    expect(run.error).toEqual(new Error('no such router'));
  });
});

describe('machineSteps (the steps a plan\'s runs share)', () => {
  it('should give every run of a plan the same step for the same snapshot and event type', () => {
    const steps = machineSteps(canaryMachine);
    const plan = canaryPlan();
    const first = steps.initial({ plan });
    expect(steps.initial({ plan })).toBe(first);
    const next = steps.next(first.snapshot, { type: 'provision.done' });
    expect(steps.next(first.snapshot, { type: 'provision.done' })).toBe(next);
    expect(next.actions).toEqual([{ kind: 'stop', ref: first.snapshot.children.provision }, expect.objectContaining({ kind: 'start', src: 'scale', input: { role: 'candidate', replicas: 1 } })]);
  });

  it('should step again every time an event carries data, since its data reaches the context', () => {
    const steps = machineSteps(canaryMachine);
    const start = steps.initial({ plan: canaryPlan() }).snapshot;
    const event = { type: 'provision.failed', reason: 'quota exceeded' };
    const once = steps.next(start, event);
    expect(steps.next(start, event)).not.toBe(once);
    expect(steps.next(start, event).snapshot.context).toEqual(once.snapshot.context);
  });

  it('should keep what it knows about a snapshot after an event the machine ignores', () => {
    const steps = machineSteps(canaryMachine);
    const start = steps.initial({ plan: canaryPlan() }).snapshot;
    const next = steps.next(start, { type: 'provision.done' });
    expect(steps.next(start, { type: 'watchAnalysis.measured' }).snapshot).toBe(start);
    expect(steps.next(start, { type: 'provision.done' })).toBe(next);
  });

  it('should keep the machine context at 19 fields or fewer, which XState\'s assign copies into a fast object', () => {
    // Object.assign({}, context) with a 20th field makes a dictionary-mode object in V8: every
    // assign then costs several microseconds (see context.ts).
    const context = machineSteps(canaryMachine).initial({ plan: canaryPlan() }).snapshot.context as object;
    expect(Object.keys(context).length).toBeLessThanOrEqual(19);
  });

  it('should give a plan the same runs whether its steps are shared with earlier runs or stepped afresh', () => {
    const plan = canaryPlan({ candidate: { errorRate: 0.02 } });
    const warm = [1, 2, 3, 4].map((seed) => simulate(plan, { scenario: 'main', seed }));
    const fresh = [1, 2, 3, 4].map((seed) => simulate(structuredClone(plan), { scenario: 'main', seed }));
    expect(warm).toEqual(fresh);
  });
});
