import type { HeaderMatch } from '../../plan/schema';
import { FLAGGER_INITIAL_STATE, flaggerTimeline } from '../../physics/flagger';
import type { FlaggerConfig, FlaggerState } from '../../physics/flagger';
import type { StrategyStep } from '../steps';
import { flaggerReplicas } from './flaggerCanary';

/**
 * Flagger's iteration strategies as a track, from its analysis loop (`flaggerTimeline`, every
 * check passing): blue-green (iterations, optionally mirroring first) and A/B (iterations with a
 * header or cookie match).
 *
 * The timeline reads as in `flaggerCanarySteps`: interval 1 detects the revision and scales the
 * canary to full size (the machine's provisioning); interval 2 runs only the pre-rollout webhooks
 * (a pause); every later interval checks the metrics against the routing the previous interval
 * set, then moves on. So each progressing entry after the first becomes "route as it says, then
 * one interval and one check". In Flagger's blue-green, once the iterations are done all live
 * traffic moves to the canary for one more checked interval before promotion; A/B promotes
 * straight after its last iteration.
 */

/** Flagger's blue-green without a mesh runs 10 iterations when the analysis sets none. */
export const FLAGGER_DEFAULT_ITERATIONS = 10;
/** Flagger's default analysis interval. */
export const FLAGGER_DEFAULT_INTERVAL_MS = 60_000;

/**
 * Intervals Flagger takes after the check that promotes (pkg/controller/scheduler.go): that tick
 * copies the canary's template to the primary (phase Promoting), the next routes all traffic to the
 * primary (Finalising), and the one after scales the canary to zero (Succeeded).
 */
export const FLAGGER_PROMOTION_TICKS = 2;

export interface FlaggerIterationSettings {
  iterations: number;
  intervalMs: number;
  /** The gates each interval checks (none: the interval is only a wait). */
  gates: string[];
  /** The primary's replicas; the canary is sized from it on detection (`scaleFromZero`). */
  replicas: number;
  /** A/B: requests matching these go to the canary. */
  match?: HeaderMatch[];
  /** Blue-green with mirroring (`analysis.mirror`): percent of live traffic copied meanwhile. */
  mirrorPercent?: number;
}

/**
 * @example
 * flaggerIterationSteps({ iterations: 2, intervalMs: 60_000, gates: ['error-rate'], replicas: 4, mirrorPercent: 100 }).map((s) => s.kind);
 * // ['pause', 'setMirrorRoute', 'check', 'check', 'setMirrorRoute', 'setWeight', 'check']
 * //  pre-rollout, mirror on, 2 iterations mirrored, mirror off, all traffic to the canary, last check
 */
export function flaggerIterationSteps(settings: FlaggerIterationSettings): StrategyStep[] {
  const config: FlaggerConfig = { iterations: settings.iterations, match: settings.match !== undefined, mirror: settings.mirrorPercent !== undefined, replicas: flaggerReplicas(settings.replicas) };
  const [detected, ...moves] = flaggerTimeline(config).filter((entry) => entry.phase === 'progressing');
  const steps: StrategyStep[] = [{ kind: 'pause', durationMs: settings.intervalMs }];
  let previous: FlaggerState = detected ?? FLAGGER_INITIAL_STATE;
  moves.forEach((entry, index) => {
    steps.push(...routeChanges(previous, entry, settings), checkStep(settings, index + 1, moves.length));
    previous = entry;
  });
  return steps;
}

function routeChanges(from: FlaggerState, to: FlaggerState, settings: FlaggerIterationSettings): StrategyStep[] {
  // A/B's weight is the share of *matched* requests: the header route is the whole of it.
  if (settings.match !== undefined) return to.canaryWeight > 0 && from.canaryWeight === 0 ? [{ kind: 'setHeaderRoute', name: 'ab-test', match: settings.match }] : [];
  const steps: StrategyStep[] = [];
  if (to.mirrored !== from.mirrored) steps.push({ kind: 'setMirrorRoute', name: 'shadow', percent: to.mirrored ? (settings.mirrorPercent ?? 100) : 0 });
  if (to.canaryWeight !== from.canaryWeight) {
    // Blue-green never writes the Canary's status weight: it reads 0 while the router sends all to the canary.
    const reported = to.statusWeight === to.canaryWeight ? {} : { reportedWeight: to.statusWeight };
    steps.push({ kind: 'setWeight', weight: to.canaryWeight, candidateReplicas: to.canaryReplicas, stableReplicas: settings.replicas, ...reported });
  }
  return steps;
}

/** With no gates an interval is only a wait, so it is shown and run as a pause. */
function checkStep(settings: FlaggerIterationSettings, iteration: number, iterations: number): StrategyStep {
  if (settings.gates.length === 0) return { kind: 'pause', durationMs: settings.intervalMs };
  return { kind: 'check', gates: settings.gates, intervalMs: settings.intervalMs, iteration, iterations };
}
