import type { PlanInput } from '../plan/schema';
import type { ManifestContext } from './context';
import type { Fields } from './fields';
import { kubernetesIntOrPercent } from './quantities';
import { imageVersion, notePodTemplate, workloadSettings } from './workloads';

/**
 * A Kubernetes `Deployment` as a plan with `engine: kubernetes`: a RollingUpdate (maxSurge and
 * maxUnavailable, 25 % each unless set) or a Recreate, with its replicas, minReadySeconds and
 * progressDeadlineSeconds.
 *
 * @example
 * // spec: { replicas: 4, strategy: { type: RollingUpdate, rollingUpdate: { maxUnavailable: 1 } } }
 * deploymentPlan(fields, context);
 * // { service: 'podinfo', engine: 'kubernetes', replicas: 4, strategy: { rolling: { maxUnavailable: 1 } }, ... }
 */
export function deploymentPlan(deployment: Fields, context: ManifestContext): Omit<PlanInput, 'scenarios'> | undefined {
  const spec = deployment.map(['spec']) ?? deployment.at(['spec']);
  notePodTemplate(spec);
  const version = imageVersion(spec.at(['template']));
  const settings = workloadSettings(spec, context, 'Kubernetes');
  const strategy = deploymentStrategy(spec, context);
  if (!strategy) return undefined;
  return { service: deployment.document.name ?? 'deployment', ...(version === undefined ? {} : { version }), engine: 'kubernetes', ...settings, strategy };
}

function deploymentStrategy(spec: Fields, context: ManifestContext): PlanInput['strategy'] | undefined {
  const type = spec.string(['strategy', 'type']) ?? 'RollingUpdate';
  context.trace.link(['strategy'], spec, ['strategy']);
  if (type === 'Recreate') return { recreate: {} };
  if (type !== 'RollingUpdate') {
    spec.error(['strategy', 'type'], `"${type}" is not a Deployment strategy: RollingUpdate or Recreate`, 'manifest.strategy');
    return undefined;
  }
  const rolling: { maxSurge?: number | string; maxUnavailable?: number | string } = {};
  for (const field of ['maxSurge', 'maxUnavailable'] as const) {
    const written = spec.read(['strategy', 'rollingUpdate', field]);
    if (written === undefined || written === null) continue;
    const value = kubernetesIntOrPercent(written);
    if (value === undefined) spec.error(['strategy', 'rollingUpdate', field], `expected a count like 1 or a percentage like "25%" (Kubernetes refuses ${JSON.stringify(written)})`);
    else rolling[field] = value;
  }
  return { rolling };
}
