import type { z } from 'zod';
import type { canaryStrategy } from '../plan/schema';
import { argoAnalysis } from './analysisTemplate';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { argoIntOrPercent } from './quantities';
import { argoCanarySteps } from './rolloutSteps';
import type { StepRouting } from './rolloutSteps';

export type CanaryInput = z.input<typeof canaryStrategy>;

/** trafficRouting keys that configure the routes rather than name a router. */
const ROUTING_SETTINGS: ReadonlySet<string> = new Set(['maxTrafficWeight', 'managedRoutes']);

/**
 * A Rollout's `spec.strategy.canary` as a plan canary under Argo Rollouts' arithmetic: its steps,
 * maxSurge and maxUnavailable (a bare string is a percentage, as Argo reads it),
 * dynamicStableScale, background analysis, and trafficRouting: any router splits traffic by
 * weight (true), none splits it by replica counts (false).
 *
 * @example
 * // canary: { trafficRouting: { istio: {...} }, steps: [{ setWeight: 20 }, { pause: {} }] }
 * rolloutCanary(canary, context);
 * // { trafficRouting: true, steps: [{ setWeight: 20 }, { pause: {} }] }
 */
export function rolloutCanary(canary: Fields, context: ManifestContext): CanaryInput {
  const routing = trafficRouting(canary);
  const plan: CanaryInput = { trafficRouting: routing.trafficRouting, steps: argoCanarySteps(canary, routing, context) };
  for (const field of ['maxSurge', 'maxUnavailable'] as const) {
    const written = canary.read([field]);
    if (written === undefined) continue;
    const value = argoIntOrPercent(written);
    if (value === undefined) canary.error([field], `expected a count like 1 or a percentage like "25%", got ${JSON.stringify(written)}`);
    else plan[field] = value;
  }
  const dynamicStableScale = canary.boolean(['dynamicStableScale']);
  if (dynamicStableScale !== undefined) plan.dynamicStableScale = dynamicStableScale;
  canary.consume(['canaryService']);
  canary.consume(['stableService']);
  const background = canary.map(['analysis']);
  if (background) {
    const analysis = argoAnalysis(background, context, 'watch');
    if (background.has(['startingStep'])) background.note(['startingStep'], `the background analysis starts with the first step here, not at step ${String(background.peek(['startingStep']))}`, 'manifest.startingStep');
    if (analysis.gates.length > 0) {
      plan.analysis = { templates: analysis.gates };
      context.trace.link(['strategy', 'canary', 'analysis'], background);
    }
  }
  return plan;
}

/** Which router, if any; its own settings (VirtualService names, annotations...) are noted, not modelled. */
function trafficRouting(canary: Fields): StepRouting {
  const routing = canary.map(['trafficRouting']);
  if (!routing) return { trafficRouting: false, maxTrafficWeight: 100 };
  const providers = routing.keys().filter((key) => !ROUTING_SETTINGS.has(key));
  for (const provider of providers) {
    routing.note([provider], "the simulation splits traffic by weight exactly as set; the router's own settings are not rehearsed", 'manifest.trafficRouter');
  }
  routing.consume(['managedRoutes']);
  const maxTrafficWeight = routing.integer(['maxTrafficWeight'], 1);
  if (maxTrafficWeight !== undefined && maxTrafficWeight !== 100) {
    routing.note(['maxTrafficWeight'], `weights count in units of ${maxTrafficWeight}: setWeight w is rehearsed as w × 100 / ${maxTrafficWeight} percent`, 'manifest.maxTrafficWeight');
  }
  if (providers.length === 0) routing.note([], 'no traffic router named: the split follows replica counts', 'manifest.trafficRouter');
  return { trafficRouting: providers.length > 0, maxTrafficWeight: maxTrafficWeight ?? 100 };
}
