import { createActor, fromCallback, SimulatedClock } from 'xstate';
import type { EventObject } from 'xstate';
import { plan as planSchema } from '../../../src/domain/plan/schema';
import type { Plan, PlanInput } from '../../../src/domain/plan/schema';
import { EFFECT_NAMES } from '../../../src/domain/strategies/effects';
import type { AnalysisOutput, AnalysisPhase, EffectInputs, EffectName, StrategyEvent } from '../../../src/domain/strategies/effects';
import type { StrategyMachine } from '../../../src/domain/strategies/index';

/** One effect the machine asked for, as the driver saw it. */
export interface EffectCall {
  effect: EffectName;
  input: EffectInputs[EffectName];
}

/** What a scripted effect answers: an event to send back, `hang` (never answers), or undefined for the default. */
export type Answer = StrategyEvent | 'hang' | undefined;
export type Script = (call: EffectCall, earlier: readonly EffectCall[]) => Answer;

/** Plans for tests, with defaults, as `planFixture({ replicas: 10, strategy: {...} })`. */
export function planFixture(input: Partial<PlanInput> & Pick<PlanInput, 'strategy'>): Plan {
  return planSchema.parse({ service: 'checkout', version: 'v2', replicas: 10, ...input });
}

export function analysis(phase: AnalysisPhase, message = `analysis ${phase}`): AnalysisOutput {
  return { phase, measurements: [], message };
}

function defaultAnswer(call: EffectCall): StrategyEvent | 'hang' {
  switch (call.effect) {
    case 'runAnalysis':
      return { type: 'runAnalysis.done', output: analysis('successful') };
    case 'watchAnalysis':
    case 'awaitApproval':
      return 'hang';
    default:
      return { type: `${call.effect}.done` } as StrategyEvent;
  }
}

/**
 * Runs a strategy machine synchronously: every effect is a callback actor that records its call
 * and answers at once from the script; time moves only when the test advances the clock.
 *
 * @example
 * const run = runStrategy(canaryMachine, plan, (call) => call.effect === 'runAnalysis' ? failed : undefined);
 * run.advance(60_000);
 * run.status(); // 'rolledBack'
 */
export function runStrategy(machine: StrategyMachine, plan: Plan, script: Script = () => undefined) {
  const calls: EffectCall[] = [];
  const clock = new SimulatedClock();
  const effect = (name: EffectName) =>
    fromCallback<EventObject, EffectInputs[EffectName]>(({ input, sendBack }) => {
      const call: EffectCall = { effect: name, input };
      const answer = script(call, calls) ?? defaultAnswer(call);
      calls.push(call);
      if (answer !== 'hang') sendBack(answer);
    });
  const actors = Object.fromEntries(EFFECT_NAMES.map((name) => [name, effect(name)]));
  const actor = createActor(machine.provide({ actors }), { input: { plan }, clock });
  actor.start();
  return {
    actor,
    calls,
    clock,
    advance(ms: number) {
      clock.increment(ms);
    },
    send(event: StrategyEvent) {
      actor.send(event);
    },
    status(): string {
      const snapshot = actor.getSnapshot();
      return snapshot.status === 'done' ? String(snapshot.output?.outcome) : topState(snapshot.value);
    },
    /** The calls as a user reads them: "setTraffic 20", "scale candidate 3". */
    trace(): string[] {
      return calls.map(formatCall);
    },
  };
}

function topState(value: unknown): string {
  if (typeof value === 'string') return value;
  return Object.keys(value as Record<string, unknown>)[0] ?? '';
}

export function formatCall(call: EffectCall): string {
  const input = call.input as Record<string, unknown>;
  switch (call.effect) {
    case 'setTraffic': {
      const route = call.input as EffectInputs['setTraffic'];
      const extras = [route.headerRoutes ? ' +headers' : '', route.mirrorPercent !== undefined ? ` +mirror ${route.mirrorPercent}` : ''].join('');
      return `setTraffic ${route.weights.candidate}${extras}`;
    }
    case 'scale':
    case 'provision':
    case 'checkHealth':
      return `${call.effect} ${String(input.role)} ${String(input.replicas)}`;
    case 'runAnalysis':
    case 'watchAnalysis':
      return `${call.effect} ${(input.gates as string[]).join(',')}`;
    case 'runHook':
      return `runHook ${String(input.hook)}`;
    case 'awaitApproval':
      return 'awaitApproval';
  }
}
