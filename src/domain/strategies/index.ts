import type { Plan, StrategyKind } from '../plan/schema';
import { abTestMachine } from './abTestMachine';
import { blueGreenMachine } from './blueGreenMachine';
import { canaryMachine } from './canaryMachine';
import { describeStep } from './describe';
import type { StepDescription } from './describe';
import { STRATEGY_PROFILES } from './profiles';
import { recreateMachine } from './recreateMachine';
import { rollingMachine } from './rollingMachine';
import { shadowMachine } from './shadowMachine';
import { stepsFor } from './steps';

export { abTestMachine, blueGreenMachine, canaryMachine, recreateMachine, rollingMachine, shadowMachine };
export { describeStatus, describeStep, formatDuration } from './describe';
export type { StepDescription, StrategyStatus } from './describe';
export { initialContext } from './context';
export type { StrategyContext, StrategyInput, StrategyOutput, PauseCause } from './context';
export type { StrategyStep, StepKind } from './steps';
export { effectActors } from './strategySetup';

/**
 * Every strategy machine has the same context, events, input, output and effect actors; they
 * differ only in their state-value type (blue-green adds `awaitingPromotion`, recreate
 * `stoppingStable`). Drivers get one concrete type to `provide` and `createActor`; the casts
 * below only forget those extra state names, which matters to `snapshot.matches` alone.
 */
export type StrategyMachine = typeof canaryMachine;

// The one per-strategy table besides STRATEGY_PROFILES: a machine starts from its profile
// (initialContext), so the profile cannot hold it.
const MACHINES: Record<StrategyKind, StrategyMachine> = {
  blueGreen: blueGreenMachine as unknown as StrategyMachine,
  rolling: rollingMachine,
  canary: canaryMachine,
  abTest: abTestMachine,
  shadow: shadowMachine,
  recreate: recreateMachine as unknown as StrategyMachine,
};

// The schema's STRATEGY_KINDS, in the same order, without importing the schema's values: a Monte
// Carlo worker imports this module, and building the schema costs it start-up time.
// STRATEGY_PROFILES must have every StrategyKind as a key, so the two lists cannot drift apart.
const KINDS = Object.keys(STRATEGY_PROFILES) as StrategyKind[];

/**
 * The machine for a strategy kind.
 *
 * @example
 * const actor = createActor(machineFor('canary').provide({ actors }), { input: { plan }, clock });
 */
export function machineFor(kind: StrategyKind): StrategyMachine {
  return MACHINES[kind];
}

/**
 * The strategy a plan uses: the single key set under `plan.strategy`. Validation guarantees
 * exactly one, so anything else here is a programmer error.
 *
 * @example
 * strategyKindOf(plan); // 'canary' for `strategy: { canary: { steps: [...] } }`
 */
export function strategyKindOf(plan: Plan): StrategyKind {
  const kinds = KINDS.filter((kind) => plan.strategy[kind] !== undefined);
  const [kind] = kinds;
  if (kind === undefined || kinds.length > 1) {
    throw new Error(`plan for ${plan.service} must set exactly one strategy, found ${kinds.length === 0 ? 'none' : kinds.join(', ')}`);
  }
  return kind;
}

/**
 * The plan's steps as a human-readable track.
 *
 * @example
 * describeSteps(plan); // 10 replicas, canary steps [{ setWeight: 20 }, { pause: { duration: '2m' } }]
 * // [{ label: 'setWeight 20% → canary 2, stable 10', kind: 'setWeight' },
 * //  { label: 'pause 2m', kind: 'pause', durationMs: 120000 }]
 */
export function describeSteps(plan: Plan): StepDescription[] {
  return stepsFor(plan, strategyKindOf(plan)).map(describeStep);
}
