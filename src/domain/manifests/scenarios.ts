import type { PlanInput } from '../plan/schema';
import { DEFAULT_BAD_ERROR_RATE } from '../simulator/faults';

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
