import type { V1Deployment } from '@kubernetes/client-node';
import { inject } from 'vitest';
import { kubeClient, type KubeClient } from '../../../src/adapters/kubernetes/client';

/** Writes as a user's `kubectl apply --server-side` makes them: the manifest's fields stay that manager's, as in a real cluster. */
export const AS_USER = { fieldManager: 'kubectl' } as const;

/** A client for the suite's cluster. */
export function testClient(): KubeClient {
  return kubeClient({ kubeconfig: inject('kubeconfig') });
}

/** Whether a Deployment or a Service of that name is in the namespace. */
export async function exists(client: KubeClient, kind: 'Deployment' | 'Service', name: string, namespace: string): Promise<boolean> {
  try {
    await client.objects.read({ apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind, metadata: { name, namespace } });
    return true;
  } catch {
    return false;
  }
}

/** A namespace of the test's own, deleted by the returned function (the cases run concurrently, one namespace each). */
export async function namespaceFor(client: KubeClient, name: string): Promise<{ namespace: string; remove: () => Promise<void> }> {
  const namespace = `${name}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  await client.core.createNamespace({ body: { metadata: { name: namespace } } });
  return { namespace, remove: async () => void (await client.core.deleteNamespace({ name: namespace })) };
}

export interface DemoOptions {
  namespace: string;
  version: string;
  replicas?: number;
  /** Pods of this version run but never become Ready (the kwok stages' bad label). */
  bad?: boolean;
  /** Each pod becomes Ready this long after it starts (kwok's pod-ready delay). */
  readyDelay?: string;
  maxSurge?: number | string;
  maxUnavailable?: number | string;
  progressDeadlineSeconds?: number;
}

/** The demo Deployment at one version, as a user's manifest would have it. */
export function demoDeployment(options: DemoOptions): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'demo', namespace: options.namespace },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: 'demo' } },
      progressDeadlineSeconds: options.progressDeadlineSeconds ?? 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: options.maxSurge ?? 1, maxUnavailable: options.maxUnavailable ?? 0 } },
      template: {
        metadata: {
          labels: { app: 'demo', ...(options.bad ? { 'switchyard.dev/health': 'bad' } : {}) },
          annotations: { 'pod-ready.stage.kwok.x-k8s.io/delay': options.readyDelay ?? '500ms' },
        },
        spec: { containers: [{ name: 'demo', image: `demo:${options.version}` }] },
      },
    },
  };
}
