import type { FlaggerCanaryPhase } from './flaggerStatus';

/**
 * How Flagger notices a new revision: the canary's pod template against the hashes the Canary
 * status recorded (pkg/canary/spec.go `hasSpecChanged`), the tracked ConfigMaps and Secrets
 * against their recorded checksums (pkg/canary/config_tracker.go `HasConfigChanged`), and when
 * the scheduler acts on either (pkg/controller/scheduler.go `shouldAdvance`,
 * `hasCanaryRevisionChanged`). Hashes are opaque strings computed by the caller.
 */

/** The two hashes a Canary status keeps about its target's pod template. */
export interface FlaggerSpecHashes {
  /** status.lastAppliedSpec: the template Flagger last recorded; empty before the first. */
  readonly lastAppliedSpec: string;
  /** status.lastPromotedSpec: the template the primary runs. */
  readonly lastPromotedSpec: string;
}

/**
 * Whether the target's template is a new revision (`hasSpecChanged`): always before anything was
 * recorded; never when it equals the promoted one (a manual roll back to what the primary runs
 * starts no analysis); otherwise when it differs from the last recorded one.
 *
 * @example
 * hasSpecChanged({ lastAppliedSpec: 'b', lastPromotedSpec: 'a' }, 'a'); // false: back to the primary's
 * hasSpecChanged({ lastAppliedSpec: 'b', lastPromotedSpec: 'a' }, 'c'); // true
 */
export function hasSpecChanged(status: FlaggerSpecHashes, specHash: string): boolean {
  if (status.lastAppliedSpec === '') return true;
  if (status.lastPromotedSpec === specHash) return false;
  return status.lastAppliedSpec !== specHash;
}

/** Config name (`configmap/<name>` or `secret/<name>`) to checksum. */
export type FlaggerConfigChecksums = Readonly<Record<string, string>>;

/**
 * Whether the tracked ConfigMaps and Secrets changed (`HasConfigChanged`): `current` is what the
 * pod template references now, `tracked` is status.trackedConfigs (undefined when never
 * recorded). A config added, removed or with another checksum is a change.
 *
 * @example
 * hasConfigChanged({ 'configmap/app': 'x2' }, { 'configmap/app': 'x1' }); // true
 * hasConfigChanged({}, undefined);                                       // false
 */
export function hasConfigChanged(current: FlaggerConfigChecksums, tracked: FlaggerConfigChecksums | undefined): boolean {
  const names = Object.keys(current);
  if (tracked === undefined) return names.length > 0;
  if (names.length !== Object.keys(tracked).length) return true;
  return names.some((name) => tracked[name] !== current[name]);
}

/** The annotation that takes a ConfigMap or Secret out of tracking. */
export const CONFIG_TRACKING_DISABLED_ANNOTATION = 'flagger.app/config-tracking';

/**
 * Whether a ConfigMap or Secret is left out of tracking (`configIsDisabled`): its
 * flagger.app/config-tracking annotation starts with "disable".
 *
 * @example
 * configIsDisabled({ 'flagger.app/config-tracking': 'disabled' }); // true
 */
export function configIsDisabled(annotations: Readonly<Record<string, string>>): boolean {
  return (annotations[CONFIG_TRACKING_DISABLED_ANNOTATION] ?? '').startsWith('disable');
}

/** What changed on the canary since the Canary status last recorded it. */
export interface FlaggerTargetChanges {
  /** `HasTargetChanged`: the pod template (see `hasSpecChanged`). */
  readonly targetChanged: boolean;
  /** `HaveDependenciesChanged`: the tracked configs (see `hasConfigChanged`). */
  readonly dependenciesChanged: boolean;
}

const ANALYSIS_PHASES: readonly FlaggerCanaryPhase[] = ['progressing', 'waiting', 'waitingPromotion', 'promoting', 'finalising'];

/**
 * Whether this interval goes past initialisation (`shouldAdvance`): always while an analysis or
 * promotion runs; otherwise only for a changed template or tracked config.
 *
 * @example
 * shouldAdvance('succeeded', { targetChanged: false, dependenciesChanged: true }); // true
 * shouldAdvance('failed', { targetChanged: false, dependenciesChanged: false });   // false
 */
export function shouldAdvance(phase: FlaggerCanaryPhase, changes: FlaggerTargetChanges): boolean {
  return ANALYSIS_PHASES.includes(phase) || changes.targetChanged || changes.dependenciesChanged;
}

/**
 * Whether a change restarts the running analysis (`hasCanaryRevisionChanged`): only in
 * progressing and waitingPromotion. During promoting and finalising a change waits for the
 * promotion to end and is then detected as a new revision.
 *
 * @example
 * hasCanaryRevisionChanged('progressing', { targetChanged: true, dependenciesChanged: false }); // true
 * hasCanaryRevisionChanged('promoting', { targetChanged: true, dependenciesChanged: false });   // false
 */
export function hasCanaryRevisionChanged(phase: FlaggerCanaryPhase, changes: FlaggerTargetChanges): boolean {
  if (phase !== 'progressing' && phase !== 'waitingPromotion') return false;
  return changes.targetChanged || changes.dependenciesChanged;
}
