import { scenario as scenarioSchema, type AnalysisGate, type Plan, type Scenario } from '../plan/schema';
import { describeStep, formatDuration, strategyKindOf } from '../strategies';
import { flaggerPromotionMs } from '../strategies/context';
import { STRATEGY_PROFILES, type Promotion } from '../strategies/profiles';
import { stepsFor, type StrategyStep } from '../strategies/steps';
import { chooseScenario, DEFAULT_SCENARIO_NAME } from './scenarioDefaults';

/** How long one step of the track may take. */
export interface StepEstimate {
  label: string;
  kind: string;
  fastestMs: number;
  expectedMs: number;
  worstMs: number;
  /** An indefinite pause with no `operator.approveAfter` in the scenario: the time is a person's. */
  waitsForOperator: boolean;
}

/** Fastest, expected and worst-case duration of a release, and where the time goes. */
export interface TimelineEstimate {
  fastestMs: number;
  expectedMs: number;
  worstMs: number;
  /** The steps in order (all on the critical path: a release runs them one after another). */
  steps: StepEstimate[];
  /** The two steps that take longest (expected), longest first, at most one of each kind. */
  longest: StepEstimate[];
  /** Steps that wait for an operator for an unknown time (not counted in the totals). */
  operatorWaits: number;
  /** The scenario whose boot times were used. */
  scenario: string;
}

interface Boot {
  minMs: number;
  maxMs: number;
  /** Slowest boot a fault makes (bootTime.max × slowBoot factor) plus minReadySeconds, capped by the progress deadline. */
  worstMs: number;
  minReadyMs: number;
}

function bootOf(plan: Plan, scenario: Scenario): Boot {
  const minReadyMs = plan.checks.minReadySeconds * 1000;
  const factor = Math.max(1, ...scenario.faults.filter((f) => f.kind === 'slowBoot').map((f) => f.factor ?? 1));
  const { min, max } = scenario.fleet.bootTime;
  return { minMs: min, maxMs: max, minReadyMs, worstMs: Math.min(max * factor + minReadyMs, plan.policy.progressDeadlineSeconds * 1000) };
}

/** Waiting for `count` instances booting in parallel: the expected maximum of `count` uniform boot times. */
function bootStep(boot: Boot, count: number): Pick<StepEstimate, 'fastestMs' | 'expectedMs' | 'worstMs'> {
  if (count <= 0) return { fastestMs: 0, expectedMs: 0, worstMs: 0 };
  const expected = boot.minMs + ((boot.maxMs - boot.minMs) * count) / (count + 1);
  return { fastestMs: boot.minMs + boot.minReadyMs, expectedMs: expected + boot.minReadyMs, worstMs: boot.worstMs };
}

/**
 * Gates of one analysis step run side by side: each takes initialDelay + count × interval; at
 * worst it also retries up to consecutiveErrorLimit errored measurements.
 */
function gateStep(gates: readonly AnalysisGate[]): Pick<StepEstimate, 'fastestMs' | 'expectedMs' | 'worstMs'> {
  const normal = Math.max(0, ...gates.map((g) => (g.initialDelay ?? 0) + (g.count ?? 1) * g.interval));
  const worst = Math.max(0, ...gates.map((g) => (g.initialDelay ?? 0) + ((g.count ?? 1) + g.consecutiveErrorLimit) * g.interval));
  return { fastestMs: normal, expectedMs: normal, worstMs: worst };
}

/** The gates a step names, found by name: a track of thousands of checks looks each one up at once. */
type GatesNamed = (names: readonly string[]) => AnalysisGate[];

function gatesByName(plan: Plan): GatesNamed {
  const byName = new Map(plan.analysis.map((gate) => [gate.name, gate] as const));
  return (names) => [...new Set(names)].flatMap((name) => byName.get(name) ?? []);
}

function stepTime(step: StrategyStep, gatesNamed: GatesNamed, scenario: Scenario, boot: Boot, previous: number): Pick<StepEstimate, 'fastestMs' | 'expectedMs' | 'worstMs' | 'waitsForOperator'> {
  const flat = (ms: number) => ({ fastestMs: ms, expectedMs: ms, worstMs: ms, waitsForOperator: false });
  switch (step.kind) {
    case 'setWeight':
    case 'batch':
      return { ...bootStep(boot, step.candidateReplicas - previous), waitsForOperator: false };
    case 'setCanaryScale':
      return { ...bootStep(boot, step.replicas - previous), waitsForOperator: false };
    case 'pause': {
      if (step.durationMs !== undefined) return flat(step.durationMs);
      const approve = scenario.operator?.approveAfter;
      return approve !== undefined ? flat(approve) : { ...flat(0), waitsForOperator: true };
    }
    case 'analysis':
      return { ...gateStep(gatesNamed(step.gates)), waitsForOperator: false };
    case 'check':
      // Flagger's tick: one interval, then every gate measured at once over the interval just past.
      return flat(step.intervalMs);
    case 'setHeaderRoute':
    case 'setMirrorRoute':
      return flat(0);
  }
}

function candidateCount(step: StrategyStep, previous: number): number {
  if (step.kind === 'setWeight' || step.kind === 'batch') return Math.max(previous, step.candidateReplicas);
  if (step.kind === 'setCanaryScale') return Math.max(previous, step.replicas);
  return previous;
}

/**
 * Estimates how long a release takes, from its steps alone: pauses, analysis (initialDelay +
 * count × interval), instance boots (the scenario's bootTime, else 5-15 s, plus minReadySeconds)
 * and Flagger-style check intervals.
 * - fastest: every boot at bootTime.min;
 * - expected: boots at the expected slowest of the instances started together;
 * - worst: boots at bootTime.max × any slowBoot factor (capped by the progress deadline, where
 *   the release would fail), every gate retrying its consecutiveErrorLimit errored measurements,
 *   and threshold − 1 failed checks repeated in a Flagger-style loop. A check takes one interval:
 *   Flagger measures its gates at the end of it, over the interval just past.
 * Indefinite pauses count the scenario's operator.approveAfter, else nothing (see operatorWaits).
 *
 * @example
 * estimateTimeline(canaryPlan);
 * // { fastestMs: 800000, expectedMs: 840000, worstMs: 1020000, steps: [...8 steps],
 * //   longest: [{ label: 'pause 5m', ... }, { label: 'analysis error-rate', ... }], operatorWaits: 0, scenario: 'good-version' }
 */
export function estimateTimeline(plan: Plan, scenarioName?: string): TimelineEstimate {
  const chosen = chooseScenario(plan, scenarioName);
  const { name, scenario } = chosen.ok ? chosen : { name: DEFAULT_SCENARIO_NAME, scenario: scenarioSchema.parse({}) };
  const boot = bootOf(plan, scenario);
  const kind = strategyKindOf(plan);
  const profile = STRATEGY_PROFILES[kind];
  const gatesNamed = gatesByName(plan);
  const steps: StepEstimate[] = [];
  let candidates = 0;
  // A candidate that replaces stable boots in its first step, which the loop below counts.
  if (profile.provisioning.mode === 'beside') {
    candidates = profile.provisioning.replicas(plan);
    steps.push({ label: 'start new version', kind: 'provision', ...bootStep(boot, candidates), waitsForOperator: false });
  }
  for (const step of stepsFor(plan, kind)) {
    steps.push({ label: describeStep(step).label.split(' → ')[0] ?? '', kind: step.kind, ...stepTime(step, gatesNamed, scenario, boot, candidates) });
    candidates = candidateCount(step, candidates);
  }
  const promotion = profile.promotion?.(plan);
  if (promotion) steps.push(...promotionSteps(promotion, scenario, gatesNamed, plan.engine === 'flagger' ? flaggerPromotionMs(plan, kind) : undefined));
  else if (plan.engine === 'flagger') steps.push(flaggerPromotionStep(flaggerPromotionMs(plan, kind)));
  const loop = profile.checks(plan);
  const retries = loop?.loops && loop.interval !== undefined && loop.threshold !== undefined ? (loop.threshold - 1) * loop.interval : 0;
  const sum = (pick: (s: StepEstimate) => number) => steps.reduce((total, s) => total + pick(s), 0);
  const byLength = [...mergeChecks(steps)].filter((s) => s.expectedMs > 0).sort((a, b) => b.expectedMs - a.expectedMs);
  const longest: StepEstimate[] = [];
  for (const step of byLength) if (longest.length < 2 && !longest.some((other) => other.kind === step.kind)) longest.push(step);
  return {
    fastestMs: sum((s) => s.fastestMs),
    expectedMs: sum((s) => s.expectedMs),
    worstMs: sum((s) => s.worstMs) + retries,
    steps,
    longest,
    operatorWaits: steps.filter((s) => s.waitsForOperator).length,
    scenario: name,
  };
}

/** Flagger's promoting and finalising intervals after the check that promotes. */
function flaggerPromotionStep(ms: number): StepEstimate {
  return { label: `promote and finalise (${formatDuration(ms)})`, kind: 'pause', fastestMs: ms, expectedMs: ms, worstMs: ms, waitsForOperator: false };
}

/**
 * After the track of a strategy that awaits promotion (blue-green): the wait, post-promotion
 * analysis, scale-down delay (under engine flagger: its promoting and finalising intervals).
 */
function promotionSteps(promotion: Promotion, scenario: Scenario, gatesNamed: GatesNamed, flaggerMs: number | undefined): StepEstimate[] {
  const step = (label: string, kind: string, ms: number, waitsForOperator = false): StepEstimate => ({ label, kind, fastestMs: ms, expectedMs: ms, worstMs: ms, waitsForOperator });
  const approve = scenario.operator?.approveAfter;
  const autoAfterMs = promotion.autoAfterMs ?? 0;
  const wait = promotion.auto
    ? step(`await promotion ${autoAfterMs / 1000}s`, 'pause', autoAfterMs)
    : step('await promotion', 'pause', approve ?? 0, approve === undefined);
  const gates = promotion.postPromotionGates;
  const postStep = gates.length > 0 ? [{ label: `post-promotion analysis ${gates.join(', ')}`, kind: 'analysis', ...gateStep(gatesNamed(gates)), waitsForOperator: false }] : [];
  const scaleDown = flaggerMs === undefined ? step(`scale down old after ${promotion.scaleDownDelayMs / 1000}s`, 'pause', promotion.scaleDownDelayMs) : flaggerPromotionStep(flaggerMs);
  return [wait, ...postStep, scaleDown];
}

/** Repeated checks of a Flagger-style loop read as one entry: "10 checks every 1m". */
function mergeChecks(steps: readonly StepEstimate[]): StepEstimate[] {
  const checks = steps.filter((s) => s.kind === 'check');
  const first = checks[0];
  if (first === undefined) return [...steps];
  const total = (pick: (s: StepEstimate) => number) => checks.reduce((sum, s) => sum + pick(s), 0);
  const merged: StepEstimate = {
    label: `${checks.length} checks every ${formatDuration(first.expectedMs)}`,
    kind: 'check',
    fastestMs: total((s) => s.fastestMs),
    expectedMs: total((s) => s.expectedMs),
    worstMs: total((s) => s.worstMs),
    waitsForOperator: false,
  };
  return [...steps.filter((s) => s.kind !== 'check'), merged];
}
