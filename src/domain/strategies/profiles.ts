import type { AnalysisRefSite } from '../plan/analysisRefs';
import type { PlanPath } from '../plan/diagnostics';
import type { AnalysisRef, EngineSemantics, Plan, StrategyKind } from '../plan/schema';
import { blueGreenPreviewReplicas } from './engines/argoBlueGreen';
import type { StrategyStep } from './steps';
import { abTestSteps, blueGreenSteps, canarySteps, recreateSteps, rollingSteps, shadowSteps } from './tracks';

/**
 * How live traffic is split between the two versions:
 * - `weighted`: a router (service mesh, ingress, load balancer) applies the requested weights,
 *   header routes and mirroring;
 * - `readyCount`: no router; a Kubernetes Service spreads requests over every ready instance, so
 *   the split follows ready counts.
 */
export type RoutingMode = 'weighted' | 'readyCount';

/**
 * How the candidate comes up before the track runs:
 * - `bySteps`: it does not; the steps scale it (canary, rolling);
 * - `beside`: it starts next to stable, at `replicas`, and is ready before anything routes to it
 *   (a blue-green preview, an A/B test, a shadow);
 * - `replacing`: stable stops first, then it starts at full size (recreate: never two versions
 *   at once, at the cost of downtime).
 */
export type Provisioning = { mode: 'bySteps' } | { mode: 'beside'; replicas: (plan: Plan) => number } | { mode: 'replacing' };

/** A Flagger-style loop: one check of the gates every `interval`, rolled back after `threshold` failed checks. */
export interface IntervalChecks {
  interval: number | undefined;
  threshold: number | undefined;
  analysis: AnalysisRef | undefined;
  /** False when the plan sets them but the track does not loop on them (a canary with explicit steps). */
  loops: boolean;
}

/** The phase after the track and before the candidate is the only version left (blue-green). */
export interface Promotion {
  /** Promote without an operator, after `autoAfterMs` when it is set. */
  auto: boolean;
  autoAfterMs: number | undefined;
  /** Gates run once all traffic is on the candidate, while the old stable still runs. */
  postPromotionGates: string[];
  /** How long the old stable keeps running after the switch. */
  scaleDownDelayMs: number;
}

/** How `compare --as KIND` writes a plain release of this kind for a plan of another kind. */
export interface Rehearsal {
  /** Where it comes among the alternatives compare offers (`--as all`), from 1. */
  position: number;
  /** The controller that usually releases this kind, when the plan's engine cannot. */
  engine: EngineSemantics;
  /** The `strategy.<kind>` block, as a plan file writes it, gated by `analysis` when the plan has gates. */
  settings: (engine: EngineSemantics, analysis: { templates: string[] } | undefined) => Record<string, unknown>;
}

/**
 * Everything the code knows about one strategy, besides its settings schema (plan/schema.ts) and
 * its machine (`MACHINES` in index.ts: the machines start from this profile, so it cannot hold
 * them). Plan rules, lints, the estimate, the simulator's routing and `compare --as` read it.
 */
export interface StrategyProfile {
  /** How its settings resolve into steps, with the plan's engine semantics (tracks.ts). */
  steps: (plan: Plan) => StrategyStep[];
  provisioning: Provisioning;
  routing: (plan: Plan) => RoutingMode;
  /** The engines whose semantics can run it, in the schema's order. */
  engines: readonly EngineSemantics[];
  /** Every place its settings name analysis gates, and how the gates run there. */
  analysis: (plan: Plan) => AnalysisRefSite[];
  /** Gates watched in the background for the whole of `progressing`. */
  backgroundGates: (plan: Plan) => string[];
  /** Where its settings time a Flagger-style loop; undefined when it has none. */
  checks: (plan: Plan) => IntervalChecks | undefined;
  /** Its promotion phase (the machine's `awaitingPromotion`); undefined when the track ends in promotion. */
  promotion: ((plan: Plan) => Promotion) | undefined;
  /** Undefined when a plan of another kind cannot be rehearsed as this one. */
  rehearsal: Rehearsal | undefined;
}

const sites = (ref: AnalysisRef | undefined, path: PlanPath, mode: AnalysisRefSite['mode']): AnalysisRefSite[] => (ref ? [{ ref, path, mode }] : []);
const noGates = (): string[] => [];
const noChecks = (): undefined => undefined;

/** A loop's settings as an A/B test and a shadow write them. */
const iterationChecks = (settings: { interval: number; threshold: number; analysis?: AnalysisRef | undefined } | undefined): IntervalChecks | undefined =>
  settings && { interval: settings.interval, threshold: settings.threshold, analysis: settings.analysis, loops: true };

// Keys in the schema's STRATEGY_KINDS order: index.ts lists kinds from them without importing
// the schema's values.
const PROFILES = {
  blueGreen: {
    steps: blueGreenSteps,
    provisioning: { mode: 'beside', replicas: blueGreenPreviewReplicas },
    routing: () => 'weighted',
    engines: ['fleet', 'argo-rollouts', 'flagger'],
    analysis: (plan) => [
      ...sites(plan.strategy.blueGreen?.prePromotionAnalysis, ['strategy', 'blueGreen', 'prePromotionAnalysis'], 'run'),
      ...sites(plan.strategy.blueGreen?.postPromotionAnalysis, ['strategy', 'blueGreen', 'postPromotionAnalysis'], 'run'),
    ],
    backgroundGates: noGates,
    checks: noChecks,
    promotion: (plan) => {
      const blueGreen = plan.strategy.blueGreen;
      const seconds = blueGreen?.autoPromotionSeconds;
      return {
        auto: blueGreen?.autoPromotionEnabled ?? true,
        autoAfterMs: seconds === undefined ? undefined : seconds * 1000,
        postPromotionGates: blueGreen?.postPromotionAnalysis?.templates ?? [],
        scaleDownDelayMs: (blueGreen?.scaleDownDelaySeconds ?? 0) * 1000,
      };
    },
    rehearsal: {
      position: 2,
      engine: 'argo-rollouts',
      settings: (_engine, analysis) => ({ autoPromotionEnabled: true, ...(analysis ? { prePromotionAnalysis: analysis } : {}) }),
    },
  },
  rolling: {
    steps: rollingSteps,
    provisioning: { mode: 'bySteps' },
    // A rolling update has no router weights of its own: traffic follows ready instances.
    routing: () => 'readyCount',
    engines: ['fleet', 'kubernetes'],
    analysis: (plan) => sites(plan.strategy.rolling?.analysis, ['strategy', 'rolling', 'analysis'], 'run'),
    backgroundGates: noGates,
    checks: noChecks,
    promotion: undefined,
    rehearsal: {
      position: 3,
      engine: 'kubernetes',
      settings: (_engine, analysis) => ({ maxSurge: '25%', maxUnavailable: 0, ...(analysis ? { analysis } : {}) }),
    },
  },
  canary: {
    steps: canarySteps,
    provisioning: { mode: 'bySteps' },
    routing: (plan) => (plan.strategy.canary?.trafficRouting === false ? 'readyCount' : 'weighted'),
    engines: ['fleet', 'argo-rollouts', 'flagger'],
    analysis: (plan) => [
      ...sites(plan.strategy.canary?.analysis, ['strategy', 'canary', 'analysis'], 'watch'),
      ...(plan.strategy.canary?.steps ?? []).flatMap((step, index) => sites(step.analysis, ['strategy', 'canary', 'steps', index, 'analysis'], 'run')),
    ],
    // With explicit steps, canary.analysis runs beside them; without, it is what each interval checks.
    backgroundGates: (plan) => (plan.strategy.canary?.steps ? (plan.strategy.canary.analysis?.templates ?? []) : []),
    checks: (plan) => {
      const canary = plan.strategy.canary;
      return canary && { interval: canary.interval, threshold: canary.threshold, analysis: canary.analysis, loops: canary.steps === undefined };
    },
    promotion: undefined,
    rehearsal: {
      position: 1,
      engine: 'argo-rollouts',
      settings: (engine, analysis) => {
        if (engine === 'flagger') return { stepWeight: 10, maxWeight: 50, interval: '1m', threshold: 2, ...(analysis ? { analysis } : {}) };
        return {
          steps: [
            { setWeight: 10 },
            analysis ? { analysis } : { pause: { duration: '2m' } },
            { setWeight: 50 },
            analysis ? { analysis } : { pause: { duration: '2m' } },
          ],
        };
      },
    },
  },
  abTest: {
    steps: abTestSteps,
    provisioning: { mode: 'beside', replicas: (plan) => plan.replicas },
    routing: () => 'weighted',
    engines: ['fleet', 'flagger'],
    analysis: (plan) => sites(plan.strategy.abTest?.analysis, ['strategy', 'abTest', 'analysis'], 'iteration'),
    backgroundGates: noGates,
    checks: (plan) => iterationChecks(plan.strategy.abTest),
    promotion: undefined,
    // An A/B test needs a header match no other plan has.
    rehearsal: undefined,
  },
  shadow: {
    steps: shadowSteps,
    provisioning: { mode: 'beside', replicas: (plan) => plan.replicas },
    routing: () => 'weighted',
    engines: ['fleet', 'flagger'],
    analysis: (plan) => sites(plan.strategy.shadow?.analysis, ['strategy', 'shadow', 'analysis'], 'iteration'),
    backgroundGates: noGates,
    checks: (plan) => iterationChecks(plan.strategy.shadow),
    promotion: undefined,
    // A shadow needs a mirror the plan may lack.
    rehearsal: undefined,
  },
  recreate: {
    steps: recreateSteps,
    provisioning: { mode: 'replacing' },
    routing: () => 'readyCount',
    engines: ['fleet', 'kubernetes'],
    analysis: (plan) => sites(plan.strategy.recreate?.analysis, ['strategy', 'recreate', 'analysis'], 'run'),
    backgroundGates: noGates,
    checks: noChecks,
    promotion: undefined,
    rehearsal: { position: 4, engine: 'kubernetes', settings: (_engine, analysis) => (analysis ? { analysis } : {}) },
  },
} satisfies Record<StrategyKind, StrategyProfile>;

/** One profile per strategy kind: a new kind does not compile until it has one. */
export const STRATEGY_PROFILES: Readonly<Record<StrategyKind, StrategyProfile>> = PROFILES;

/** The kinds a plan of another kind can be rehearsed as (`compare --as`). */
export type RehearsalKind = { [K in keyof typeof PROFILES]: (typeof PROFILES)[K]['rehearsal'] extends undefined ? never : K }[keyof typeof PROFILES];

/**
 * Whether a plan of another kind can be rehearsed as `kind`.
 *
 * @example
 * hasRehearsal('rolling'); // true
 * hasRehearsal('abTest');  // false: an A/B test needs a header match
 */
export function hasRehearsal(kind: StrategyKind): kind is RehearsalKind {
  return STRATEGY_PROFILES[kind].rehearsal !== undefined;
}

/** The rehearsal of a kind that has one. */
export function rehearsalOf(kind: RehearsalKind): Rehearsal {
  return PROFILES[kind].rehearsal;
}

/**
 * The candidate instances `provision` starts with (0: the steps scale it).
 *
 * @example
 * provisionReplicas(plan, 'shadow'); // plan.replicas
 * provisionReplicas(plan, 'canary'); // 0
 */
export function provisionReplicas(plan: Plan, kind: StrategyKind): number {
  const provisioning = STRATEGY_PROFILES[kind].provisioning;
  switch (provisioning.mode) {
    case 'bySteps':
      return 0;
    case 'beside':
      return provisioning.replicas(plan);
    case 'replacing':
      return plan.replicas;
  }
}

/**
 * Whether `name` is a strategy kind (a simulation may drive a machine of its own under another name).
 *
 * @example
 * isStrategyKind('canary'); // true
 * isStrategyKind('tiny');   // false
 */
export function isStrategyKind(name: string): name is StrategyKind {
  return Object.hasOwn(STRATEGY_PROFILES, name);
}
