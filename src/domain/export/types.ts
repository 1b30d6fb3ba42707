/** The targets a plan can be written for. */
export const EXPORT_TARGETS = ['argo-rollouts', 'flagger', 'kubernetes'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/**
 * The annotation on the exported release object (Rollout, Canary, Deployment) that carries the
 * plan's scenarios, so rehearsing the manifests runs the plan's own scenarios again.
 */
export const SCENARIOS_ANNOTATION = 'switchyard.dev/scenarios';

/** What an export may carry besides the plan: its scenarios as written (not parsed: durations stay as the user wrote them). */
export interface ExportOptions {
  scenarios?: unknown;
}

/** Manifests for one target, and what they could not say as the plan does; or why there are none. */
export type Exported = { ok: true; documents: Record<string, unknown>[]; notes: string[] } | { ok: false; error: string };
