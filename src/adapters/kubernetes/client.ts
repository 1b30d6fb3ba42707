import { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, Watch } from '@kubernetes/client-node';

/** Where a cluster is: a kubeconfig file and context, or, with neither, the usual default (KUBECONFIG, ~/.kube/config, in-cluster). */
export interface ClusterAccess {
  kubeconfig?: string;
  context?: string;
}

/** Every write Switchyard makes is a server-side apply under this field manager. */
export const FIELD_MANAGER = 'switchyard';

export interface KubeClient {
  readonly config: KubeConfig;
  readonly apps: AppsV1Api;
  readonly core: CoreV1Api;
  readonly objects: KubernetesObjectApi;
  readonly watch: Watch;
  /** "kwok-switchyard at https://127.0.0.1:32766": what the user sees in messages. */
  readonly describe: string;
}

/**
 * A client for one cluster.
 *
 * @example
 * const client = kubeClient({ kubeconfig: '/tmp/cluster/kubeconfig' });
 * await client.apps.readNamespacedDeployment({ name: 'demo', namespace: 'shop' });
 */
export function kubeClient(access: ClusterAccess = {}): KubeClient {
  const config = new KubeConfig();
  if (access.kubeconfig) config.loadFromFile(access.kubeconfig);
  else config.loadFromDefault();
  if (access.context) config.setCurrentContext(access.context);
  const cluster = config.getCurrentCluster();
  return {
    config,
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
    objects: KubernetesObjectApi.makeApiClient(config),
    watch: new Watch(config),
    describe: `${config.getCurrentContext()} at ${cluster?.server ?? 'no server'}`,
  };
}

/**
 * Where a Kubernetes target acts, read from its kubeconfig, for the confirmation before a run:
 * "context kwok-switchyard (https://127.0.0.1:32766), namespace shop, deployment demo".
 */
export function kubernetesWhere(access: ClusterAccess & { namespace: string; deployment: string }): string {
  try {
    const client = kubeClient(access);
    return `context ${client.describe.replace(' at ', ' (')}), namespace ${access.namespace}, deployment ${access.deployment}`;
  } catch (error) {
    return `namespace ${access.namespace}, deployment ${access.deployment} (the kubeconfig does not load: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The API server's own words for a failed call ("deployments.apps \"x\" not found"), not the client's wrapper. */
export function apiError(error: unknown): string {
  const body = (error as { body?: unknown } | null)?.body;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  const message = (parsed as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
