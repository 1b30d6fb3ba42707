import type { z } from 'zod';
import type { canaryStep } from '../plan/schema';
import { argoAnalysis } from './analysisTemplate';
import type { ManifestContext } from './context';
import type { Fields } from './fields';

export type PlanStep = z.input<typeof canaryStep>;

/** What the steps depend on beyond themselves. */
export interface StepRouting {
  trafficRouting: boolean;
  /** trafficRouting.maxTrafficWeight: setWeight counts in these units; 100 unless set. */
  maxTrafficWeight: number;
}

const STEP_ACTIONS = ['setWeight', 'pause', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'analysis', 'experiment', 'plugin'] as const;
type StepAction = (typeof STEP_ACTIONS)[number];

/**
 * A Rollout's canary steps as plan steps, each traced to its step. Most map one to one; an
 * analysis whose metric never completes is followed by a pause without end (where Argo would wait);
 * an experiment becomes its analyses and a pause of its duration; a step plugin is left out.
 * Without steps, Argo moves straight to 100 %.
 *
 * @example
 * // steps: [{ setWeight: 20 }, { pause: {} }, { experiment: { duration: 1h, templates: [...] } }]
 * argoCanarySteps(canary, { trafficRouting: true, maxTrafficWeight: 100 }, context);
 * // [{ setWeight: 20 }, { pause: {} }, { pause: { duration: 3600 } }]
 */
export function argoCanarySteps(canary: Fields, routing: StepRouting, context: ManifestContext): PlanStep[] {
  if (!canary.has(['steps'])) {
    canary.consume(['steps']);
    return [{ setWeight: 100 }];
  }
  const planSteps: PlanStep[] = [];
  for (const step of canary.list(['steps'])) {
    const actions = STEP_ACTIONS.filter((action) => action in ((step.peek() ?? {}) as object));
    if (actions.length !== 1) {
      step.error([], actions.length === 0 ? `a step needs one of ${STEP_ACTIONS.join(', ')}` : `a step does one thing; found ${actions.join(' and ')} (Argo Rollouts refuses it)`);
      continue;
    }
    for (const planStep of stepOf(actions[0] as StepAction, step, routing, context)) {
      context.trace.link(['strategy', 'canary', 'steps', planSteps.length], step);
      planSteps.push(planStep);
    }
  }
  return planSteps;
}

function stepOf(action: StepAction, step: Fields, routing: StepRouting, context: ManifestContext): PlanStep[] {
  switch (action) {
    case 'setWeight': {
      const weight = step.integer(['setWeight']);
      return weight === undefined ? [] : [{ setWeight: scaledWeight(weight, routing) }];
    }
    case 'pause': {
      step.consume(['pause']);
      const duration = step.duration(['pause', 'duration']);
      return [{ pause: duration === undefined ? {} : { duration } }];
    }
    case 'setCanaryScale':
      return canaryScale(step, routing);
    case 'setHeaderRoute':
      return [{ setHeaderRoute: headerRoute(step.at(['setHeaderRoute'])) }];
    case 'setMirrorRoute':
      return [{ setMirrorRoute: mirrorRoute(step.at(['setMirrorRoute'])) }];
    case 'analysis': {
      const analysis = argoAnalysis(step.at(['analysis']), context, 'run');
      if (analysis.gates.length === 0) return [];
      return [{ analysis: { templates: analysis.gates } }, ...(analysis.indefinite ? [{ pause: {} }] : [])];
    }
    case 'experiment':
      return experiment(step.at(['experiment']), context);
    case 'plugin':
      step.note(['plugin'], 'step plugins are not modelled; the rehearsal skips this step', 'manifest.stepPlugin');
      return [];
  }
}

/** With maxTrafficWeight, Argo's weights count in its units; a plan's are percent. */
function scaledWeight(weight: number, routing: StepRouting): number {
  return routing.maxTrafficWeight === 100 ? weight : Math.round((weight * 10_000) / routing.maxTrafficWeight) / 100;
}

function canaryScale(step: Fields, routing: StepRouting): PlanStep[] {
  const scale = step.at(['setCanaryScale']);
  if (!routing.trafficRouting) {
    scale.error([], 'setCanaryScale needs trafficRouting: Argo Rollouts refuses it on a basic canary');
    return [];
  }
  const weight = scale.integer(['weight']);
  const replicas = scale.integer(['replicas']);
  const matchTrafficWeight = scale.boolean(['matchTrafficWeight']);
  return [
    {
      setCanaryScale: {
        ...(weight === undefined ? {} : { weight }),
        ...(replicas === undefined ? {} : { replicas }),
        ...(matchTrafficWeight === undefined ? {} : { matchTrafficWeight }),
      },
    },
  ];
}

/** Argo's header matches all apply at once (one route whose headers must all match): one plan match. */
function headerRoute(route: Fields): NonNullable<PlanStep['setHeaderRoute']> {
  const name = route.string(['name']) ?? 'header-route';
  const headers: Record<string, { exact?: string; prefix?: string; regex?: string }> = {};
  for (const match of route.has(['match']) ? route.list(['match']) : []) {
    const header = match.string(['headerName']);
    if (header === undefined) continue;
    const value = match.map(['headerValue']);
    const matcher = { ...stringMatch(value, 'exact'), ...stringMatch(value, 'prefix'), ...stringMatch(value, 'regex') };
    headers[header] = matcher;
  }
  return Object.keys(headers).length === 0 ? { name } : { name, match: [{ headers }] };
}

function stringMatch(value: Fields | undefined, kind: 'exact' | 'prefix' | 'regex'): Partial<Record<typeof kind, string>> {
  const text = value?.string([kind]);
  return text === undefined ? {} : { [kind]: text };
}

function mirrorRoute(route: Fields): NonNullable<PlanStep['setMirrorRoute']> {
  const name = route.string(['name']) ?? 'mirror-route';
  const percentage = route.integer(['percentage']);
  if (route.has(['match'])) route.note(['match'], 'mirror match conditions are not modelled: every request is mirrored at the percentage', 'manifest.mirrorMatch');
  return percentage === undefined ? { name } : { name, percentage };
}

/**
 * An experiment step: its ReplicaSets are not modelled; its analyses judge the candidate, then
 * it lasts its duration. Without a duration it ends only when analyses marked
 * requiredForCompletion complete, or never.
 */
function experiment(step: Fields, context: ManifestContext): PlanStep[] {
  const duration = step.duration(['duration']);
  if (step.has(['templates'])) step.note(['templates'], 'experiment templates are not started: the rehearsal models the stable and the candidate only', 'manifest.experimentTemplates');
  const analyses = step.has(['analyses']) ? step.list(['analyses']) : [];
  const gates: string[] = [];
  let required = false;
  for (const analysis of analyses) {
    required ||= analysis.boolean(['requiredForCompletion']) === true;
    for (const gate of argoAnalysis(analysis, context, 'run').gates) if (!gates.includes(gate)) gates.push(gate);
  }
  if (analyses.length > 0) step.note(['analyses'], 'experiment analyses judge the candidate, before the pause, where Argo runs them beside it against the experiment\'s pods', 'manifest.experimentAnalyses');
  const steps: PlanStep[] = gates.length > 0 ? [{ analysis: { templates: gates } }] : [];
  if (duration !== undefined) {
    step.note(['duration'], `experiment steps are simulated as a pause of their duration (${String(step.peek(['duration']))})`, 'manifest.experiment');
    return [...steps, { pause: { duration } }];
  }
  if (required) return steps;
  step.note([], 'an experiment without a duration or an analysis requiredForCompletion runs until it is terminated: simulated as a pause without end, so the rehearsal ends paused here', 'manifest.experiment');
  return [...steps, { pause: {} }];
}
