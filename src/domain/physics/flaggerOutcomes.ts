import type { FlaggerConfig, FlaggerPhase, FlaggerState } from './flagger';
import { scaleFromZero } from './flaggerDeployment';
import { setStatusPhase, syncStatus } from './flaggerStatus';
import type { FlaggerCanaryStatus, StatusIn } from './flaggerStatus';

/**
 * The scheduler's branches that end an interval early (pkg/controller/scheduler.go): detecting a
 * new revision (`checkCanaryStatus`), restarting on a new revision mid-analysis, promotion without
 * analysis (`shouldSkipAnalysis`), rolling back (`rollback`), and a failed promotion
 * (`handleFailedPromotion`). Each moves the router, the Canary status and the canary's replicas
 * the way the scheduler does, in one `FlaggerState`.
 */

const TOTAL_WEIGHT = 100;

function statusOf(state: FlaggerState): FlaggerCanaryStatus {
  return { phase: state.phase, canaryWeight: state.statusWeight, failedChecks: state.failedChecks, iterations: state.iterations };
}

function withStatus<P extends FlaggerPhase>(state: FlaggerState, status: StatusIn<P>): FlaggerState {
  return { ...state, phase: status.phase, statusWeight: status.canaryWeight, failedChecks: status.failedChecks, iterations: status.iterations };
}

/** The state after `setStatusPhase`: the router and replicas untouched. */
export function enterPhase(state: FlaggerState, phase: FlaggerPhase, config: FlaggerConfig): FlaggerState {
  return withStatus(state, setStatusPhase(statusOf(state), phase, config.iterations ?? 0));
}

/**
 * A new revision seen outside an analysis (`checkCanaryStatus`): the canary is scaled up (see
 * `scaleFromZero`) and the status starts over as progressing. The router is not touched: whatever
 * it routes stays until the analysis moves it. Undefined while an analysis or promotion runs,
 * where the scheduler carries on.
 *
 * @example
 * checkCanaryStatus(FLAGGER_INITIAL_STATE, { replicas: { primaryReplicas: 3 } }); // progressing, canaryReplicas 3
 */
export function checkCanaryStatus(state: FlaggerState, config: FlaggerConfig): FlaggerState | undefined {
  if (state.phase !== 'initialized' && state.phase !== 'succeeded' && state.phase !== 'failed') return undefined;
  return withStatus({ ...state, canaryReplicas: scaleFromZero(config.replicas ?? {}) }, syncStatus({ phase: 'progressing' }));
}

/**
 * A new revision (or tracked config) while progressing (the scheduler's `hasCanaryRevisionChanged`
 * branch): all traffic back on the primary, mirroring off, the status reset to progressing with
 * no weight, failed checks or iterations. The canary keeps its replicas; the next interval starts
 * the analysis over with the pre-rollout webhooks.
 */
export function restartAnalysis(state: FlaggerState): FlaggerState {
  return withStatus({ ...state, canaryWeight: 0, mirrored: false }, syncStatus({ phase: 'progressing' }));
}

/**
 * Promotion without analysis (`shouldSkipAnalysis`), once the canary is ready: all traffic on the
 * primary, the canary's template promoted, the canary scaled to zero, phase succeeded, in one
 * interval and from any analysis phase. Undefined when `skipAnalysis` is off.
 *
 * @example
 * shouldSkipAnalysis({ ...FLAGGER_INITIAL_STATE, phase: 'progressing', canaryReplicas: 2 }, { skipAnalysis: true });
 * // succeeded, canaryWeight 0, canaryReplicas 0
 */
export function shouldSkipAnalysis(state: FlaggerState, config: FlaggerConfig): FlaggerState | undefined {
  if (config.skipAnalysis !== true) return undefined;
  return enterPhase({ ...state, canaryWeight: 0, mirrored: false, canaryReplicas: 0 }, 'succeeded', config);
}

/**
 * Rolling back (`rollback`): all traffic on the primary, the canary scaled to zero, and the status
 * rewritten whole as failed, so its weight, failed checks and iterations read 0.
 */
export function rollback(state: FlaggerState): FlaggerState {
  return withStatus({ ...state, canaryWeight: 0, mirrored: false, canaryReplicas: 0 }, syncStatus({ phase: 'failed' }));
}

/**
 * The primary stuck while promoting or finalising (`handleFailedPromotion`): the canary is then the
 * only healthy copy of the new revision, so all traffic goes to it, it keeps its replicas, and the
 * status reads failed with the weight the router has (100).
 */
export function handleFailedPromotion(state: FlaggerState): FlaggerState {
  return withStatus({ ...state, canaryWeight: TOTAL_WEIGHT, mirrored: false }, syncStatus({ phase: 'failed', canaryWeight: TOTAL_WEIGHT }));
}
