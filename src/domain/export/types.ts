/** The targets a plan can be written for. */
export const EXPORT_TARGETS = ['argo-rollouts', 'flagger', 'kubernetes'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/** Manifests for one target, and what they could not say as the plan does; or why there are none. */
export type Exported = { ok: true; documents: Record<string, unknown>[]; notes: string[] } | { ok: false; error: string };
