import type { PlanInput } from '../plan/schema';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { rolloutBlueGreen } from './rolloutBlueGreen';
import { rolloutCanary } from './rolloutCanary';
import { imageVersion, notePodTemplate, referencedDeployment, workloadSettings } from './workloads';

/**
 * An Argo Rollouts `Rollout` as a plan with `engine: argo-rollouts`: its replicas, canary or
 * blue-green strategy, minReadySeconds, progressDeadlineSeconds, progressDeadlineAbort and
 * abortScaleDownDelaySeconds.
 * With a workloadRef the pod template (and so the version) comes from the Deployment; the
 * replicas are still the Rollout's, as Argo reads them.
 *
 * @example
 * // kind: Rollout, metadata: { name: web }, spec: { replicas: 5, strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } } }
 * rolloutPlan(fields, context);
 * // { service: 'web', engine: 'argo-rollouts', replicas: 5, strategy: { canary: { trafficRouting: false, steps: [...] } }, ... }
 */
export function rolloutPlan(rollout: Fields, context: ManifestContext): Omit<PlanInput, 'scenarios'> | undefined {
  const spec = rollout.map(['spec']);
  if (!spec) {
    rollout.error([], 'a Rollout needs a spec with a strategy', 'manifest.strategy');
    return undefined;
  }
  const deployment = referencedDeployment(spec, ['workloadRef'], context);
  if (deployment) deployment.note([], 'the workloadRef of the Rollout: only its pod template is used, as Argo Rollouts uses it', 'manifest.workloadRef');
  if (spec.has(['workloadRef', 'scaleDown'])) spec.note(['workloadRef', 'scaleDown'], 'scaling the referenced Deployment down is not modelled', 'manifest.notModelled');
  const version = imageVersion(spec.has(['template']) ? spec.at(['template']) : deployment?.at(['spec', 'template']));
  notePodTemplate(spec);

  const settings = workloadSettings(spec, context, 'Argo Rollouts', deployment ? " (the workloadRef's Deployment does not size a Rollout)" : '');
  const strategy = releaseStrategy(spec, context);
  if (!strategy) return undefined;
  // Unset is Argo's false: at the deadline the Rollout is Degraded and waits on, as the rehearsal does.
  const progressDeadlineAbort = spec.boolean(['progressDeadlineAbort']);
  context.trace.link(['policy', 'progressDeadlineAbort'], spec, ['progressDeadlineAbort']);
  const abortScaleDownDelaySeconds = strategy.settings.integer(['abortScaleDownDelaySeconds']);
  return {
    service: rollout.document.name ?? 'rollout',
    ...(version === undefined ? {} : { version }),
    engine: 'argo-rollouts',
    ...settings,
    strategy: strategy.plan,
    policy: {
      ...settings.policy,
      ...(abortScaleDownDelaySeconds === undefined ? {} : { abortScaleDownDelaySeconds }),
      ...(progressDeadlineAbort === undefined ? {} : { progressDeadlineAbort }),
    },
    analysis: context.gates.gates,
  };
}

function releaseStrategy(spec: Fields, context: ManifestContext): { plan: PlanInput['strategy']; settings: Fields } | undefined {
  const strategy = spec.map(['strategy']);
  const canary = strategy?.map(['canary']);
  const blueGreen = strategy?.map(['blueGreen']);
  if (!strategy || (canary === undefined) === (blueGreen === undefined)) {
    const why = canary && blueGreen ? 'has both canary and blueGreen; Argo Rollouts takes exactly one' : 'needs spec.strategy.canary or spec.strategy.blueGreen';
    (strategy ?? spec).error(strategy ? [] : ['strategy'], `the Rollout ${why}`, 'manifest.strategy');
    return undefined;
  }
  if (canary) {
    context.trace.link(['strategy', 'canary'], canary);
    return { plan: { canary: rolloutCanary(canary, context) }, settings: canary };
  }
  if (!blueGreen) return undefined;
  context.trace.link(['strategy', 'blueGreen'], blueGreen);
  return { plan: { blueGreen: rolloutBlueGreen(blueGreen, context) }, settings: blueGreen };
}
