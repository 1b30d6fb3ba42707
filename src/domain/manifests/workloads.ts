import type { PlanPath } from '../plan/diagnostics';
import type { PlanInput } from '../plan/schema';
import type { ManifestContext } from './context';
import type { Fields } from './fields';

/** Replicas when a Canary's target is not in the file: a small service, said in a note. */
export const DEFAULT_REPLICAS = 3;

/**
 * The version a pod template releases: its first container's image tag (or digest), as the
 * timeline names the candidate.
 *
 * @example
 * imageVersion(rollout.at(['spec', 'template'])); // 'blue' for image argoproj/rollouts-demo:blue
 */
export function imageVersion(template: Fields | undefined): string | undefined {
  const image = template?.peek(['spec', 'containers', 0, 'image']);
  if (typeof image !== 'string') return undefined;
  const digest = image.indexOf('@');
  if (digest >= 0) return image.slice(digest + 1, digest + 20);
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : 'latest';
}

/**
 * The pod template and selector say what runs, not how it is released: one note for the
 * template, the selector taken as read.
 */
export function notePodTemplate(spec: Fields): void {
  spec.consume(['selector']);
  if (spec.has(['template'])) spec.note(['template'], 'the pod template is not rehearsed: instances boot, serve and fail as the scenario says', 'manifest.podTemplate');
}

/**
 * The Deployment a `workloadRef` or `targetRef` names, when it is in the files; the reference's
 * own fields count as read.
 *
 * @example
 * referencedDeployment(spec, ['workloadRef'], context)?.document.name; // 'rollout-ref-deployment'
 */
export function referencedDeployment(owner: Fields, path: PlanPath, context: ManifestContext): Fields | undefined {
  const ref = owner.map(path);
  if (!ref) return undefined;
  const kind = ref.string(['kind']) ?? 'Deployment';
  const name = ref.string(['name']);
  ref.consume(['apiVersion']);
  if (name === undefined) {
    ref.error([], 'the reference needs a name');
    return undefined;
  }
  if (kind !== 'Deployment') {
    ref.note(['kind'], `a ${kind} target is rehearsed like a Deployment: instances replaced by the release's own arithmetic`, 'manifest.targetKind');
  }
  const found = context.find([kind], name, owner.document.namespace);
  return found ? context.fields(found) : undefined;
}

/** What a Rollout and a Deployment both say about their pods, as the plan says it. */
export type WorkloadSettings = Pick<PlanInput, 'replicas' | 'checks' | 'policy'>;

/**
 * The fields a Rollout and a Deployment share: replicas (the controllers' default of 1, said in
 * a note, when unset), minReadySeconds and progressDeadlineSeconds, each traced to its line;
 * `paused` is said, not modelled.
 *
 * @example
 * workloadSettings(spec, context, 'Kubernetes'); // spec: { replicas: 4, minReadySeconds: 5 }
 * // { replicas: 4, checks: { minReadySeconds: 5 }, policy: {} }
 */
export function workloadSettings(spec: Fields, context: ManifestContext, controller: 'Argo Rollouts' | 'Kubernetes', unsetReplicasWhy = ''): WorkloadSettings {
  const replicas = spec.integer(['replicas']);
  context.trace.link(['replicas'], spec, ['replicas']);
  if (replicas === undefined) spec.note(['replicas'], `not set: ${controller} runs ${CONTROLLER_DEFAULT_REPLICAS}${unsetReplicasWhy}`, 'manifest.defaultReplicas');
  const minReadySeconds = spec.integer(['minReadySeconds']);
  context.trace.link(['checks', 'minReadySeconds'], spec, ['minReadySeconds']);
  const progressDeadlineSeconds = spec.integer(['progressDeadlineSeconds'], 1);
  context.trace.link(['policy'], spec, ['progressDeadlineSeconds']);
  if (spec.boolean(['paused']) === true) spec.note(['paused'], `${controller} holds a paused ${spec.document.kind} where it is; the rehearsal starts at once`, 'manifest.paused');
  return {
    replicas: replicas ?? CONTROLLER_DEFAULT_REPLICAS,
    ...(minReadySeconds === undefined ? {} : { checks: { minReadySeconds } }),
    policy: progressDeadlineSeconds === undefined ? {} : { progressDeadlineSeconds },
  };
}

/** Kubernetes' replicas when spec.replicas is not set, which Argo Rollouts keeps. */
const CONTROLLER_DEFAULT_REPLICAS = 1;
