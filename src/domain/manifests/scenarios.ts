import type { PlanInput } from '../plan/schema';
import { DEFAULT_BAD_ERROR_RATE } from '../simulator/faults';
import type { ManifestDocument } from './documents';
import type { Finding } from './fields';

type ScenarioInput = NonNullable<PlanInput['scenarios']>[string];

/**
 * The scenarios a manifest is rehearsed under: a manifest has none of its own. The first one,
 * `good-version`, is what a simulation runs without `--scenario`; the others are the simulator's
 * built-in faults, one each, named for `--scenario`.
 *
 * `bad-version` fails one request in five (the simulator's default for a bad version) and
 * answers slowly, so both error-rate and latency gates have something to catch.
 */
export const BUILT_IN_SCENARIOS: Readonly<Record<string, ScenarioInput>> = {
  'good-version': { description: 'The new version behaves like the old one.' },
  'bad-version': {
    description: 'The new version fails one request in five and answers five times slower.',
    candidate: { errorRate: DEFAULT_BAD_ERROR_RATE, latencyMs: 250, latencyP99Ms: 2500 },
  },
  'slow-boot': { description: 'New instances take three times as long to boot for ten minutes.', faults: [{ at: 0, kind: 'slowBoot', for: 600, role: 'candidate', factor: 3 }] },
  'instance-loss': { description: 'Two stable instances are lost a minute in.', faults: [{ at: 60, kind: 'instanceLoss', role: 'stable', count: 2 }] },
  'crash-loop': { description: 'The new version crashes soon after it starts.', faults: [{ at: 0, kind: 'crashLoop', role: 'candidate' }] },
  'metrics-outage': { description: 'The metrics provider is down for five minutes, a minute in.', faults: [{ at: 60, kind: 'metricsOutage', for: 300 }] },
  'router-fault': { description: 'The router fails for a minute, a minute in.', faults: [{ at: 60, kind: 'routerFault', for: 60 }] },
};

/** The annotation `switchyard export` writes on the release object: the plan's own scenarios, as JSON. */
export const SCENARIOS_ANNOTATION = 'switchyard.dev/scenarios';

/**
 * The scenarios a release object carries in its annotation (an exported plan's own), or the
 * built-in ones; a note says which, and an annotation that is not a JSON object is an error at it.
 *
 * @example
 * scenariosOf(rollout).scenarios; // { 'good-version': {...}, 'bad-version': {...} } from the plan that was exported
 */
export function scenariosOf(document: ManifestDocument): { scenarios: Readonly<Record<string, unknown>>; finding?: Finding } {
  const annotations = (document.value.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  const carried = annotations?.[SCENARIOS_ANNOTATION];
  if (carried === undefined) return { scenarios: BUILT_IN_SCENARIOS };
  const path = ['metadata', 'annotations', SCENARIOS_ANNOTATION];
  let value: unknown;
  try {
    value = typeof carried === 'string' ? JSON.parse(carried) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    return { scenarios: BUILT_IN_SCENARIOS, finding: { severity: 'error', document, path, message: `${SCENARIOS_ANNOTATION} must hold the scenarios as a JSON object (as switchyard export writes them)`, code: 'manifest.scenarios' } };
  }
  const names = Object.keys(value);
  return { scenarios: value as Record<string, unknown>, finding: { severity: 'info', document, path, message: `the scenarios are the exported plan's own (${names.join(', ')}), carried in this annotation`, code: 'manifest.scenarios' } };
}
