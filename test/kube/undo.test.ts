import { afterAll, describe, expect, it } from 'vitest';
import { firstOf } from '../../src/domain/run/events';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { journalOf, latestRun } from '../../src/runner/runs';
import { cli } from '../integration/support/cli';
import { kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

const imageOf = async (namespace: string): Promise<string | undefined> => (await client.apps.readNamespacedDeployment({ namespace, name: 'demo' })).spec?.template?.spec?.containers[0]?.image;

describe('switchyard undo on Kubernetes', () => {
  it('should release the version the last promoted release replaced, through the plan\'s strategy, and journal what it undid', async () => {
    const { namespace, remove } = await namespaceFor(client, 'undo');
    try {
      const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas: 4, readyDelay: '300ms' }), AS_USER);
      expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
      expect((await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 })).ok).toBe(true);
      const env = { ...process.env, NO_COLOR: '1' };
      const release = (version: string) => kubernetesPlan(folder.dir, `undo-${namespace}`, { replicas: 4, version, stableVersion: 'v1', strategy: { rolling: { maxSurge: 1, maxUnavailable: 0 } } }, { namespace });

      // Nothing promoted yet: nothing to undo.
      const { file } = release('v2');
      const early = await cli(['undo', file, '--yes'], env);
      expect(early.code).toBe(5);
      expect(early.out).toContain('no release of this plan was promoted yet: there is nothing to undo');

      expect((await cli(['run', file, '--yes'], env)).code).toBe(0);
      expect(await imageOf(namespace)).toBe('demo:v2');
      release('v3');
      expect((await cli(['run', file, '--yes'], env)).code).toBe(0);
      expect(await imageOf(namespace)).toBe('demo:v3');

      const listed = await cli(['undo', file, '--list'], env);
      expect(listed.out.trim().split("\n")).toEqual([expect.stringMatching(/^v2 +promoted by the run of \S+ over v1$/), expect.stringMatching(/^v3 +promoted by the run of \S+ over v1 {2}← users are on this$/)]);

      const undone = await cli(['undo', file, '--yes'], env);
      expect(undone.code, undone.out).toBe(0);
      // The plan as written says stableVersion v1 for both releases: the version the last one replaced.
      expect(undone.out).toMatch(/^undo: demo v3 → v1 \(v3 was promoted by the run of \S+\), through the plan's rolling strategy and its gates$/m);
      expect(await imageOf(namespace)).toBe('demo:v1');
      const started = firstOf(journalOf(latestRun(file, 'demo') ?? ''), 'run.started');
      expect(started?.data).toMatchObject({ version: 'v1', stableVersion: 'v3' });
      expect(started?.data.undoOf).toMatch(/demo-.*Z-\d+$/);

      const back = await cli(['undo', file, '--to', 'v3', '--yes'], env);
      expect(back.code, back.out).toBe(0);
      expect(await imageOf(namespace)).toBe('demo:v3');
      const unknown = await cli(['undo', file, '--to', 'v9', '--yes'], env);
      expect(unknown.code).toBe(5);
      expect(unknown.out).toContain('no release of this plan had v9: the versions it knows are v2, v1');
    } finally {
      await remove();
    }
  });
});
