import type { PlanPath } from '../../domain/plan/diagnostics';
import type { KubernetesTarget } from '../../domain/plan/schema';

/** The API server's words for a field it refuses: `spec.replicas: Invalid value: -1: ...`. */
const REFUSED = /([A-Za-z][\w.[\]/-]*): (?:Invalid value|Required value|Unsupported value|Forbidden|Too long|Too many|Duplicate value|Not found)(?:: ("(?:[^"\\]|\\.)*"|[^:,\s]+))?/;

/** Where the fields a release writes come from in the plan, most specific first. */
const FROM_PLAN: readonly (readonly [RegExp, PlanPath])[] = [
  [/^spec\.template\.(?:metadata\.)?labels/, ['targets', 'kubernetes', 'podLabels']],
  [/^spec\.template\.(?:metadata\.)?annotations/, ['targets', 'kubernetes', 'podAnnotations']],
  [/^spec\.template\.spec\.containers\[\d+\]\.image/, ['targets', 'kubernetes', 'image']],
  [/^spec\.template\.spec\.containers/, ['targets', 'kubernetes', 'container']],
  [/^spec\.replicas/, ['replicas']],
  [/^spec\.strategy\.rollingUpdate\.maxSurge/, ['strategy', 'rolling', 'maxSurge']],
  [/^spec\.strategy\.rollingUpdate\.maxUnavailable/, ['strategy', 'rolling', 'maxUnavailable']],
  [/^spec\.minReadySeconds/, ['checks', 'minReadySeconds']],
  [/^spec\.progressDeadlineSeconds/, ['policy', 'progressDeadlineSeconds']],
  [/^(?:metadata\.name|spec\.selector)/, ['targets', 'kubernetes', 'deployment']],
];

/**
 * The plan key a field the API server refused comes from, so the refusal can be shown on the
 * plan's line: a pod label or annotation by its key when the refused value is one the plan
 * wrote, the image, the strategy's fields; the Kubernetes target itself when the field is not
 * one the plan sets.
 *
 * @example
 * refusedPlanPath('Deployment.apps "demo" is invalid: spec.template.labels: Invalid value: "not a label!": ...', target);
 * // ['targets', 'kubernetes', 'podLabels', 'track'] when podLabels.track is "not a label!"
 */
export function refusedPlanPath(error: string, target: KubernetesTarget, version: string): PlanPath {
  const match = REFUSED.exec(error);
  if (!match) return ['targets', 'kubernetes'];
  const field = match[1] ?? '';
  const value = match[2]?.startsWith('"') ? safeString(match[2]) : match[2];
  const path = FROM_PLAN.find(([pattern]) => pattern.test(field))?.[1] ?? ['targets', 'kubernetes'];
  const written = path[2] === 'podLabels' ? target.podLabels : path[2] === 'podAnnotations' ? target.podAnnotations : undefined;
  if (written && value !== undefined) {
    const key = Object.entries(written).find(([name, text]) => name === value || text.replaceAll('{{version}}', version) === value)?.[0];
    if (key !== undefined) return [...path, key];
  }
  return path;
}

function safeString(quoted: string): string | undefined {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return undefined;
  }
}
