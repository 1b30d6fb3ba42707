import { afterAll, describe, expect, it } from 'vitest';
import { applyDeployment, watchRollout } from '../../src/adapters/kubernetes/deployment';
import { WorkloadWatch, type WorkloadState } from '../../src/adapters/kubernetes/workloadWatch';
import { buildLiveView } from '../../src/panel/liveView';
import { executeRun } from '../../src/runner/execute';
import { readFileSync } from 'node:fs';
import { findRun } from '../../src/runner/control';
import { journalOf } from '../../src/runner/runs';
import { cli } from '../integration/support/cli';
import { gateEndpoint, killedInPause, kubernetesPlan, releaseFolder } from './support/releases';
import { AS_USER, demoDeployment, namespaceFor, testClient } from './support/workloads';

const client = testClient();
const folder = releaseFolder();
afterAll(() => folder.remove());

/** One moment of the workload: the image of each ReplicaSet with pods, its size, and whether the rollout is paused. */
interface Moment {
  paused: boolean;
  sizes: Record<string, number>;
  available: Record<string, number>;
}

function momentOf(state: WorkloadState): Moment {
  const sizes: Record<string, number> = {};
  const available: Record<string, number> = {};
  for (const set of state.replicaSets) {
    const image = set.spec?.template?.spec?.containers[0]?.image ?? '?';
    sizes[image] = (sizes[image] ?? 0) + (set.spec?.replicas ?? 0);
    available[image] = (available[image] ?? 0) + (set.status?.availableReplicas ?? 0);
  }
  return { paused: state.deployment.spec?.paused === true, sizes, available };
}

/** A namespace with the demo Deployment rolled out at v1, as a user's `kubectl apply --server-side` leaves it. */
async function withDemo(name: string, replicas: number, body: (namespace: string, watch: WorkloadWatch) => Promise<void>): Promise<void> {
  const { namespace, remove } = await namespaceFor(client, name);
  let watch: WorkloadWatch | undefined;
  try {
    const applied = await applyDeployment(client, demoDeployment({ namespace, version: 'v1', replicas, readyDelay: '400ms' }), AS_USER);
    expect(applied.ok, applied.ok ? '' : applied.error).toBe(true);
    const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 60_000 });
    expect(done.ok, done.ok ? '' : done.error).toBe(true);
    const opened = await WorkloadWatch.open(client, { namespace, name: 'demo' });
    if (!opened.ok) throw new Error(opened.error);
    watch = opened.value;
    await body(namespace, watch);
  } finally {
    watch?.close();
    await remove();
  }
}

describe.concurrent('rolling releases through a real Deployment controller', () => {
  it('should roll 10 replicas batch by batch, paused at each batch boundary while its gate measures, and promote', async () => {
    await withDemo('rolling', 10, async (namespace, watch) => {
      const atGates: Moment[] = [];
      const gate = await gateEndpoint(0, () => atGates.push(momentOf(watch.state())));
      try {
        const { file, plan } = kubernetesPlan(
          folder.dir,
          `rolling-${namespace}`,
          {
            replicas: 10,
            strategy: { rolling: { maxSurge: '25%', maxUnavailable: '25%', analysis: { templates: ['errors'] } } },
            analysis: [{ name: 'errors', metric: 'errorRate', interval: '1s', count: 1, successCondition: 'result < 0.05', provider: { http: { url: gate.url, jsonPath: '$.value' } } }],
            policy: { progressDeadlineSeconds: 60 },
          },
          { namespace },
        );
        const lines: string[] = [];
        const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
        expect(report.outcome, lines.join('\n')).toBe('promoted');
        // Each API write is journaled before it is sent, with the resourceVersion last seen, then with the server's.
        const writes = journalOf(report.runDir ?? '').flatMap((entry) => (entry.kind === 'target.write' ? [entry.data] : []));
        expect(writes.map((write) => `${write.phase} ${write.verb}`)).toEqual(['intent apply demo:v2', 'done apply demo:v2', 'intent pause', 'done pause', 'intent resume', 'done resume']);
        expect(writes.every((write) => /^\d+$/.test(write.resourceVersion ?? ''))).toBe(true);
        // The panel draws the pods as the watches saw them: the journal's observed fleet, and the live view built from it.
        const entries = journalOf(report.runDir ?? '');
        const candidateReady = entries.flatMap((entry) => (entry.kind === 'instances.observed' && entry.data.role === 'candidate' ? [entry.data.ready] : []));
        expect(candidateReady).toContain(5);
        expect(candidateReady.at(-1)).toBe(10);
        const view = buildLiveView(plan, entries, { runDir: report.runDir ?? '', state: 'ended' });
        expect(Object.fromEntries(view.environments.map((environment) => [environment.role, environment.counts.ready]))).toEqual({ stable: 0, candidate: 10 });
        // The Lease was the run's and is given back.
        await expect(client.objects.read({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'switchyard-demo', namespace } })).rejects.toThrow(/not found/i);
      } finally {
        await gate.close();
      }
      // The controller's own waves for 10 replicas at 25%/25% (surge 3, 2 unavailable), a gate after
      // each of the three batches: v2 at 5 with v1 at 8, paused for the first gate; then v2 at 10,
      // whose pods once available let even a paused controller scale v1 to 0 (a saturated new
      // ReplicaSet), so the second gate already sees what the third batch asks for, and the third,
      // resumed, sees the rollout complete.
      expect(atGates.map((moment) => ({ paused: moment.paused, v1: moment.sizes['demo:v1'] ?? 0, v2: moment.sizes['demo:v2'] ?? 0 }))).toEqual([
        { paused: true, v1: 8, v2: 5 },
        { paused: false, v1: 0, v2: 10 },
        { paused: false, v1: 0, v2: 10 },
      ]);
      // Each gate measured a batch that was up: all of its candidate pods available.
      expect(atGates.map((moment) => moment.available['demo:v2'])).toEqual([5, 10, 10]);
      const end = watch.state();
      expect(end.deployment.spec?.paused ?? false).toBe(false);
      expect(end.deployment.spec?.template?.spec?.containers[0]?.image).toBe('demo:v2');
    });
  });

  it('should roll a version that never becomes Ready back to the previous template, as kubectl rollout undo does', async () => {
    await withDemo('bad', 4, async (namespace, watch) => {
      const { file, plan } = kubernetesPlan(
        folder.dir,
        `bad-${namespace}`,
        { replicas: 4, strategy: { rolling: { maxSurge: 1, maxUnavailable: 0 } }, policy: { progressDeadlineSeconds: 3 } },
        { namespace, podLabels: { 'switchyard.dev/health': 'bad' } },
      );
      const lines: string[] = [];
      let firstUnready: number | undefined;
      let restored: number | undefined;
      const observer = setInterval(() => {
        const moment = momentOf(watch.state());
        if (firstUnready === undefined && (moment.sizes['demo:v2'] ?? 0) > 0) firstUnready = Date.now();
        if (firstUnready !== undefined && restored === undefined && watch.state().deployment.spec?.template?.spec?.containers[0]?.image === 'demo:v1') restored = Date.now();
      }, 20);
      const report = await executeRun({ planFile: file, plan, log: (line) => void lines.push(line) });
      clearInterval(observer);
      expect(report.outcome, lines.join('\n')).toBe('rolledBack');
      const done = await watchRollout(client, { namespace, name: 'demo' }, { timeoutMs: 30_000 });
      expect(done.ok, done.ok ? '' : done.error).toBe(true);
      const end = momentOf(watch.state());
      expect(end.sizes).toEqual({ 'demo:v1': 4, 'demo:v2': 0 });
      expect(end.available['demo:v1']).toBe(4);
      expect(end.paused).toBe(false);
      const template = watch.state().deployment.spec?.template;
      expect(template?.metadata?.labels?.['switchyard.dev/health']).toBeUndefined();
      expect(firstUnready && restored).toBeTruthy();
      process.stdout.write(`bad version: first unready pod to v1 template restored in ${(((restored ?? 0) - (firstUnready ?? 0)) / 1000).toFixed(1)} s (progress deadline 3 s)\n`);
    });
  });

  it('should send the whole release as a server-side dry run and report what the API server refuses, changing nothing', async () => {
    await withDemo('dryrun', 2, async (namespace, watch) => {
      const good = kubernetesPlan(folder.dir, `dry-${namespace}`, { replicas: 2, strategy: { rolling: { maxSurge: 1, maxUnavailable: 0 } } }, { namespace });
      const lines: string[] = [];
      const accepted = await executeRun({ planFile: good.file, plan: good.plan, log: (line) => void lines.push(line), dryRun: true });
      expect(accepted.outcome, lines.join('\n')).toBe('promoted');
      expect(lines.join('\n')).toMatch(/server-side dry run accepted: deployment .*\/demo to demo:v2/);
      const bad = kubernetesPlan(folder.dir, `dry-bad-${namespace}`, { replicas: 2, strategy: { rolling: { maxSurge: 1, maxUnavailable: 0 } } }, { namespace, podLabels: { 'switchyard.dev/track': 'not a label value!' } });
      const refused = await executeRun({ planFile: bad.file, plan: bad.plan, log: () => undefined, dryRun: true });
      expect(refused.outcome).toBe('failed');
      expect(refused.reason).toMatch(/the target refused the release, nothing was changed: .*spec\.template\.labels: Invalid value: "not a label value!"/);
      // From the command line the refusal is shown where the plan sets the label, as lint shows its problems.
      const printed = await cli(['run', bad.file, '--dry-run'], { ...process.env, NO_COLOR: '1' });
      expect(printed.code).toBe(5);
      const line = readFileSync(bad.file, 'utf8').split('\n').findIndex((text) => text.includes('not a label value!')) + 1;
      expect(printed.out).toContain(`${bad.file}:${line}:`);
      expect(printed.out).toMatch(/: error: targets\.kubernetes\.podLabels\["switchyard\.dev\/track"\]: dry run: the target refused the release, nothing was changed: .*Invalid value: "not a label value!"/);
      const end = watch.state();
      expect(end.deployment.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
      expect(end.deployment.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    });
  });

  it('should refuse a second release of the same Deployment while another holds its Lease, changing nothing', async () => {
    await withDemo('lease', 2, async (namespace, watch) => {
      const held = await client.objects.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: 'switchyard-demo', namespace, annotations: { 'switchyard.dev/host': 'build-7', 'switchyard.dev/run-dir': '/srv/plans/.switchyard/runs/demo-1' } },
        spec: { holderIdentity: 'build-7/4242', leaseDurationSeconds: 60 },
      });
      expect(held.metadata?.name).toBe('switchyard-demo');
      const { file, plan } = kubernetesPlan(folder.dir, `lease-${namespace}`, { replicas: 2, strategy: { rolling: { maxSurge: 1, maxUnavailable: 0 } } }, { namespace });
      const report = await executeRun({ planFile: file, plan, log: () => undefined });
      expect(report.targetBusy).toBe(true);
      expect(report.reason).toBe(`deployment ${namespace}/demo is being released by build-7/4242 from /srv/plans/.switchyard/runs/demo-1: its Lease ${namespace}/switchyard-demo is held until that run ends; \`switchyard resume\` or \`abort\` it there`);
      expect(watch.state().deployment.spec?.template?.spec?.containers[0]?.image).toBe('demo:v1');
    });
  });

  it('should resume a runner SIGKILLed between batches from its journal and finish, each API write once', async () => {
    await withDemo('resume', 6, async (namespace, watch) => {
      const { file, plan } = kubernetesPlan(folder.dir, `resume-${namespace}`, { replicas: 6, strategy: { rolling: { maxSurge: 2, maxUnavailable: 0, pauseBetweenBatches: '4s' } } }, { namespace });
      const env = { ...process.env, NO_COLOR: '1' };
      await killedInPause(file, plan.service, env);
      // Killed in its pause: the Deployment is held at the first batch's boundary.
      const held = momentOf(watch.state());
      expect(held).toMatchObject({ paused: true, sizes: { 'demo:v1': 6, 'demo:v2': 2 } });

      const resumed = await cli(['resume', file, '--yes'], env);
      expect(resumed.code, resumed.out).toBe(0);
      expect(resumed.out).toMatch(/promoted/);
      const end = momentOf(watch.state());
      expect(end).toMatchObject({ paused: false, sizes: { 'demo:v1': 0, 'demo:v2': 6 } });
      const writes = (findRun(file, plan.service)?.entries ?? []).flatMap((entry) => (entry.kind === 'target.write' && entry.data.phase === 'intent' ? [entry.data.verb] : []));
      expect(writes.filter((verb) => verb.startsWith('apply'))).toEqual(['apply demo:v2']);
      expect(writes.filter((verb) => verb === 'pause').length).toBe(writes.filter((verb) => verb === 'resume').length);
    });
  });
});
