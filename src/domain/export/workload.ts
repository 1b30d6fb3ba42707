import { SCENARIOS_ANNOTATION } from './types';
import type { Plan } from '../plan/schema';

/** What every export says about the workload: its name, namespace, labels and pod template. */
export interface Workload {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  podTemplate: Record<string, unknown>;
  /** The Services' port and the container's. */
  port: number;
  targetPort: number;
}

const DEFAULT_PORT = 80;
const DEFAULT_TARGET_PORT = 8080;

/**
 * The workload a plan releases, as manifests name it: from `targets.kubernetes` when the plan has
 * one (namespace, Deployment name, image with {{version}} filled), else from the service and
 * version, with a note for each value that had to be assumed.
 *
 * @example
 * workloadOf(plan, notes).image; // "registry.example/checkout:v2.4.0"
 */
export function workloadOf(plan: Plan, notes: string[]): Workload {
  const target = plan.targets?.kubernetes;
  const version = plan.version ?? 'candidate';
  const name = target?.deployment ?? plan.service;
  const image = target ? target.image.replaceAll('{{version}}', version) : `${plan.service}:${version}`;
  if (!target) notes.push(`the plan has no targets.kubernetes: the image is "${image}" and the namespace "default"; set targets.kubernetes.image and .namespace to choose them`);
  notes.push(`the Services listen on port ${DEFAULT_PORT} and send to container port ${DEFAULT_TARGET_PORT}: a plan does not say its ports`);
  const labels = { app: name };
  return {
    name,
    namespace: target?.namespace ?? 'default',
    labels,
    image,
    port: DEFAULT_PORT,
    targetPort: DEFAULT_TARGET_PORT,
    podTemplate: { metadata: { labels }, spec: { containers: [{ name: target?.container ?? name, image, ports: [{ containerPort: DEFAULT_TARGET_PORT }] }] } },
  };
}

/** The release object's metadata, carrying the plan's scenarios when the export has them. */
export function releaseMetadata(workload: Workload, scenarios: unknown): Record<string, unknown> {
  const annotations = scenarios === undefined ? undefined : { [SCENARIOS_ANNOTATION]: JSON.stringify(scenarios) };
  return { name: workload.name, namespace: workload.namespace, ...(annotations ? { annotations } : {}) };
}

/** What a Deployment and a Rollout say alike of the workload: size, selector, pod template, readiness and progress deadline. */
export function workloadSpec(plan: Plan, workload: Workload): Record<string, unknown> {
  return {
    replicas: plan.replicas,
    selector: { matchLabels: workload.labels },
    template: workload.podTemplate,
    ...(plan.checks.minReadySeconds ? { minReadySeconds: plan.checks.minReadySeconds } : {}),
    progressDeadlineSeconds: plan.policy.progressDeadlineSeconds,
  };
}

/** A Service in front of the workload's pods. */
export function serviceOf(workload: Workload, name: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: workload.namespace }, spec: { selector: workload.labels, ports: [{ name: 'http', port: workload.port, targetPort: workload.targetPort }] } };
}
