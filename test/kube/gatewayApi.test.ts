import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { apiError, FIELD_MANAGER } from '../../src/adapters/kubernetes/client';
import { namespaceFor, testClient } from './support/workloads';

const client = testClient();

interface HttpRoute extends KubernetesObject {
  spec: { parentRefs: { name: string }[]; rules: { backendRefs: { name: string; port: number; weight: number }[] }[] };
}

const route = (namespace: string, stable: number, canary: number): HttpRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'demo', namespace },
  spec: { parentRefs: [{ name: 'demo-gateway' }], rules: [{ backendRefs: [{ name: 'demo-stable', port: 80, weight: stable }, { name: 'demo-canary', port: 80, weight: canary }] }] },
});

async function apply(object: KubernetesObject, dryRun = false): Promise<{ ok: true; value: KubernetesObject } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await client.objects.patch(object, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply) };
  } catch (error) {
    return { ok: false, error: apiError(error) };
  }
}

describe.concurrent('the Gateway API CRDs the cluster serves (standard channel, from sigs.k8s.io/gateway-api)', () => {
  it('should take an HTTPRoute\'s weights by server-side apply and give them back', async () => {
    const { namespace, remove } = await namespaceFor(client, 'route');
    try {
      expect((await apply(route(namespace, 100, 0))).ok).toBe(true);
      const shifted = await apply(route(namespace, 80, 20));
      expect(shifted.ok && (shifted.value as HttpRoute).spec.rules[0]?.backendRefs.map((ref) => ref.weight)).toEqual([80, 20]);
      const read = (await client.objects.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace } })) as HttpRoute;
      expect(read.spec.rules[0]?.backendRefs.map((ref) => [ref.name, ref.weight])).toEqual([['demo-stable', 80], ['demo-canary', 20]]);
    } finally {
      await remove();
    }
  });

  it('should refuse, by the CRD\'s own schema, a weight out of range, even as a dry run', async () => {
    const { namespace, remove } = await namespaceFor(client, 'badroute');
    try {
      const refused = await apply(route(namespace, 100, -1), true);
      expect(refused.ok ? '' : refused.error).toMatch(/weight.*greater than or equal to 0/);
    } finally {
      await remove();
    }
  });
});
