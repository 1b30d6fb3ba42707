import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Plan, Scenario, StrategyKind } from '../plan/schema';
import type { Outcome } from '../strategies/effects';
import { isFailing } from '../strategies/failing';
import { sharedSteps } from '../strategies/context';
import { isStrategyKind, STRATEGY_PROFILES } from '../strategies/profiles';
import { startSimulatedEffect, type EffectObserver, type SimulationEnv } from './actors';
import { describeFault } from './faults';
import { simulateEventHooks } from './hooks';
import { MachineRun } from './machineRun';
import type { RoutingMode } from './router';
import type { RunResult } from './types';
import { World, type MachineStatus } from './world';
import { formatDuration } from '../strategies/describe';

export interface SimulateOptions {
  /** Scenario name; defaults to the plan's first scenario, or built-in defaults. */
  scenario?: string;
  /** Defaults to the scenario's seed, else 1. */
  seed?: number;
  /** Snapshot and aggregation interval in virtual ms (default 5000). */
  intervalMs?: number;
  /** Virtual time after which the run stops as paused (default 24 h). */
  maxDurationMs?: number;
  /** Record snapshots (default true); Monte Carlo turns them off for speed. */
  recordSnapshots?: boolean;
  /**
   * Keep the whole journal (default true). Monte Carlo turns it off: `events` then holds only the
   * `gate.result` and `outcome` lines, and no other message is built. Figures do not change.
   */
  recordEvents?: boolean;
}

/** Step position as the strategies describe it. */
export interface StepStatus {
  phase: string;
  stepIndex: number;
  stepCount: number;
  stepLabel: string;
}

/** The machine to drive, and how to describe where it is. */
export interface MachineDriver {
  strategy: StrategyKind | string;
  machine: AnyStateMachine;
  describe?: (snapshot: AnyMachineSnapshot) => StepStatus;
}

export const DEFAULT_INTERVAL_MS = 5000;
export const DEFAULT_MAX_DURATION_MS = 24 * 3_600_000;

/** A scenario already chosen from the plan (see `chooseScenario`), with the name runs report. */
export interface ChosenScenario {
  name: string;
  scenario: Scenario;
}

/**
 * Drive a strategy machine through a simulated world until it ends, waits for an operator with
 * nothing else scheduled, or reaches the time limit, in a scenario already chosen. `runSimulation`
 * chooses the scenario by name and calls this; a Monte Carlo worker calls it directly, so it never
 * loads the plan schema (which only serves to choose and default scenarios).
 *
 * @example
 * const result = runScenario(plan, { strategy: 'canary', machine: canaryMachine }, { name: 'good', scenario }, { seed: 7 });
 * result.outcome; // 'promoted'
 */
export function runScenario(plan: Plan, driver: MachineDriver, chosen: ChosenScenario, options: SimulateOptions = {}): RunResult {
  const { scenario } = chosen;
  const seed = options.seed ?? scenario.seed ?? 1;
  const maxDurationMs = options.maxDurationMs ?? DEFAULT_MAX_DURATION_MS;
  const world = new World({
    plan,
    scenario,
    seed,
    intervalMs: Math.max(1, options.intervalMs ?? DEFAULT_INTERVAL_MS),
    recordSnapshots: options.recordSnapshots ?? true,
    recordEvents: options.recordEvents ?? true,
    routing: routingModeOf(plan, driver.strategy),
    lookbackMs: checkLookbackMs(plan, driver.strategy),
  });
  world.seed('stable', plan.replicas);
  scheduleFaults(world);

  let failureAt = -1;
  const observer: EffectObserver = { waitingApprovals: new Set(), failureReported: () => (failureAt = world.now) };
  const env: SimulationEnv = { world, observer, random: world.random.fork('noise') };

  let status: MachineStatus = { state: '', failing: false, stepIndex: 0, stepCount: 0, stepLabel: '' };
  world.status = () => status;
  // A snapshot with the same state value and context as the last one cannot describe differently;
  // skipping it saves describing (labels, paths) on most of the machine's snapshots.
  let seenValue: unknown;
  let seenContext: unknown;
  const run = new MachineRun(driver.machine, { plan }, {
    startEffect: (src, input, sendBack) => startSimulatedEffect(env, src, input, sendBack),
    after: (delay, fire) => world.clock.after(delay, fire),
    cancel: (event) => world.queue.cancel(event),
    observe: (snapshot) => {
      if (snapshot.value === seenValue && snapshot.context === seenContext) return;
      seenValue = snapshot.value;
      seenContext = snapshot.context;
      const next = statusOf(snapshot, driver.describe);
      if (next.state === status.state && next.stepIndex === status.stepIndex) return;
      status = next;
      if (world.journaling) {
        const step = next.stepCount > 0 ? ` · step ${stepNumber(next)}/${next.stepCount}${next.stepLabel ? ` ${next.stepLabel}` : ''}` : '';
        world.log('machine.state', `${next.state}${step}`, { ...next });
        if (plan.hooks?.event) simulateEventHooks(world, next.state);
      }
      if (next.failing || failureAt === world.now) world.figures.decide(world.now);
      world.figures.observeCandidateShare(world.now, world.candidateShare());
      world.recordSnapshot();
    },
  });
  run.start();

  let end: { outcome: Outcome; reason: string } | undefined;
  while (!end) {
    if (run.status === 'error') {
      end = { outcome: 'failed', reason: `the strategy machine failed: ${messageOf(run.error)}` };
      break;
    }
    if (run.status === 'done') {
      end = outputOf(run.snapshot.output);
      break;
    }
    const next = world.queue.peekTime();
    if (next === undefined || !world.queue.hasForeground()) {
      end = { outcome: 'paused', reason: waitingReason(status, observer, run.snapshot.context) };
      break;
    }
    if (next > maxDurationMs) {
      world.advanceTo(maxDurationMs);
      end = { outcome: 'paused', reason: `stopped at the simulation limit of ${formatDuration(maxDurationMs)} in ${status.state}` };
      break;
    }
    const event = world.queue.pop();
    if (!event) continue;
    world.advanceTo(event.time);
    event.fire();
    world.figures.observeCandidateShare(world.now, world.candidateShare());
  }
  run.stop();

  world.log('outcome', `${end.outcome}: ${end.reason}`, { outcome: end.outcome, reason: end.reason });
  world.recordSnapshot();
  return {
    service: plan.service,
    strategy: driver.strategy,
    engine: plan.engine,
    scenario: chosen.name,
    seed,
    outcome: end.outcome,
    reason: end.reason,
    figures: world.figures.result(world.now, world.metrics),
    events: world.events,
    snapshots: world.snapshots,
  };
}

/**
 * How the strategy's traffic is split (its profile's `routing`): strategies without a router spread
 * it over ready instances (a Kubernetes Service). A machine of no strategy kind gets a router.
 *
 * @example
 * routingModeOf(plan, 'rolling'); // 'readyCount'
 */
export function routingModeOf(plan: Plan, strategy: string): RoutingMode {
  return isStrategyKind(strategy) ? STRATEGY_PROFILES[strategy].routing(plan) : 'weighted';
}

/**
 * The longest gate interval a Flagger-style check of the plan reads (0 when it has no check): a
 * check measures each gate over its interval ending now, so the world keeps that much history.
 */
function checkLookbackMs(plan: Plan, strategy: string): number {
  if (!isStrategyKind(strategy)) return 0;
  let longest = 0;
  for (const step of sharedSteps(plan, strategy)) {
    if (step.kind !== 'check') continue;
    for (const name of step.gates) longest = Math.max(longest, plan.analysis.find((gate) => gate.name === name)?.interval ?? 0);
  }
  return longest;
}

function scheduleFaults(world: World): void {
  world.faults.schedule(world.clock, {
    onStart: (fault, role) => {
      if (world.journaling) world.log('fault.start', `fault ${describeFault(fault)}`, { kind: fault.kind, role });
      if (fault.kind === 'instanceLoss') world.fleet.lose(role ?? 'stable', fault.count ?? 1);
      if (fault.kind === 'crashLoop') world.fleet.crash(role ?? 'candidate', world.fleet.ready(role ?? 'candidate'));
    },
    onEnd: (fault, role) => {
      if (world.journaling) world.log('fault.end', `fault ${fault.kind}${role ? ` on ${role}` : ''} ended`, { kind: fault.kind, role });
    },
  });
}

function statusOf(snapshot: AnyMachineSnapshot, describe: MachineDriver['describe']): MachineStatus {
  const state = statePath(snapshot.value);
  const failing = isFailing(snapshot.value);
  if (!describe) return { state, failing, stepIndex: 0, stepCount: 0, stepLabel: '' };
  const { stepIndex, stepCount, stepLabel } = describe(snapshot);
  return { state, failing, stepIndex, stepCount, stepLabel };
}

/** "progressing.pausing" from { progressing: 'pausing' }; parallel regions joined with ", ". */
export function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  // Built by hand: the simulator asks for it after most machine steps.
  let path = '';
  for (const key of Object.keys(value)) {
    const rest = statePath((value as Record<string, unknown>)[key]);
    if (path) path += ', ';
    path += rest ? `${key}.${rest}` : key;
  }
  return path;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function outputOf(output: unknown): { outcome: Outcome; reason: string } {
  if (typeof output === 'object' && output !== null && 'outcome' in output) {
    const { outcome, reason } = output as { outcome: Outcome; reason?: unknown };
    return { outcome, reason: typeof reason === 'string' ? reason : outcome };
  }
  return { outcome: 'failed', reason: 'the strategy machine ended without an outcome' };
}

function waitingReason(status: MachineStatus, observer: EffectObserver, context: unknown): string {
  const at = status.stepCount > 0 ? ` at step ${stepNumber(status)}` : ` in ${status.state}`;
  const [approval] = observer.waitingApprovals;
  if (approval !== undefined) return `waiting for operator.promote${at} (${approval})`;
  if (observer.stalled !== undefined) return `stuck${at}: ${observer.stalled}; nothing else is scheduled`;
  const failure = typeof context === 'object' && context !== null && 'failureReason' in context ? context.failureReason : null;
  const why = typeof failure === 'string' ? failure : 'nothing else is scheduled';
  return `waiting for an operator${at} (${status.state}: ${why})`;
}

/** 1-based step number for people; after the last step it stays on the last one. */
function stepNumber(status: MachineStatus): number {
  return Math.min(status.stepIndex + 1, status.stepCount);
}

