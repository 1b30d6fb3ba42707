/**
 * Telling a file of Kubernetes manifests from a plan, before either is parsed: every Kubernetes
 * object starts its document with top-level `apiVersion:` and `kind:`, and a plan never has
 * either key (its schema refuses unknown keys).
 */

/** The kinds a release is rehearsed from, by API group; the engine follows the kind (see convert.ts). */
export const RELEASE_KINDS = {
  Rollout: { apiGroup: 'argoproj.io' },
  Canary: { apiGroup: 'flagger.app' },
  Deployment: { apiGroup: 'apps' },
} as const;

export type ReleaseKind = keyof typeof RELEASE_KINDS;

const API_VERSION_LINE = /^apiVersion:[ \t]*\S/m;
const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z][\w.-]*)["']?[ \t]*(?:#.*)?$/gm;

/**
 * Whether a file holds Kubernetes manifests, and the kinds it names, in order of first appearance.
 *
 * @example
 * detectManifests('apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n---\nkind: AnalysisTemplate\n'); // { kinds: ['Rollout', 'AnalysisTemplate'] }
 * detectManifests('service: checkout\nstrategy:\n  rolling: {}\n');                                // undefined
 */
export function detectManifests(text: string): { kinds: string[] } | undefined {
  if (!API_VERSION_LINE.test(text)) return undefined;
  const kinds = [...text.matchAll(KIND_LINE)].map((match) => match[1] ?? '');
  if (kinds.length === 0) return undefined;
  return { kinds: [...new Set(kinds)] };
}

/** Whether `apiVersion` belongs to the API group a kind is expected from (`argoproj.io/v1alpha1` for a Rollout). */
export function inApiGroup(apiVersion: string, group: string): boolean {
  const slash = apiVersion.indexOf('/');
  return (slash < 0 ? '' : apiVersion.slice(0, slash)) === group;
}
