// The Kubernetes issue's "Done when", tried as a new user would in the real VS Code workbench
// (VS Code's server from code-server, Chromium through Playwright): Start Kubernetes Playground
// from the command palette (a real control plane on 127.0.0.1 from scripts/kube, demo v1),
// Run Release on the bad canary with the modal's yes, watch it live in the release panel until its
// restarts gate (reading the cluster) rolls it back, then read the cluster: the Deployment, Service
// and HTTPRoute as they were, the canary gone. Closing the playground's terminal deletes the cluster.
// Usage: npm run test:e2e:realRunKubernetes (after scripts/kube/build.sh). Screenshots go to test-results/real-run-kubernetes/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { kubeClient } from '../../src/adapters/kubernetes/client';
import { kubeBinariesMissing, kubeScripts } from '../../src/runner/playground/kubernetes';
import { waitFor } from '../integration/support/ports';
import { launchChromium } from '../vscode/host/browser';
import { ensureHost, repoRoot, startCodeServer } from '../vscode/host/codeServer';
import { panelFrame, quickInputRow, text } from './panelWorkbenchSteps';
import { runSteps, seconds, type Step } from './steps';
import { runCommand, waitForWorkbench } from './workbench';
import { commandLine, leftovers } from './leftovers';

const screenshots = join(repoRoot, 'test-results/real-run-kubernetes');

interface World {
  page: Page;
  frame: FrameLocator;
  playground: string;
}

const kubeconfigOf = (playground: string): string => join(playground, 'cluster', 'kubeconfig');

const steps: Step<World>[] = [
  {
    name: 'start the Kubernetes playground from the command palette',
    async run({ page, playground }) {
      await runCommand(page, 'Switchyard: Start Kubernetes Playground');
      await page.locator('.notifications-toasts .notification-list-item', { hasText: 'Kubernetes playground ready' }).waitFor({ timeout: 150_000 });
      await page.locator('.tabs-container .tab.active', { hasText: 'canary-bad.release.yaml' }).waitFor();
      assert.ok(existsSync(kubeconfigOf(playground)), 'the cluster\'s kubeconfig is in the playground folder');
      const client = kubeClient({ kubeconfig: kubeconfigOf(playground) });
      const demo = await client.apps.readNamespacedDeployment({ namespace: 'demo', name: 'demo' });
      assert.equal(demo.spec?.template?.spec?.containers[0]?.image, 'demo:v1');
    },
  },
  {
    name: 'run the bad canary from the command palette',
    async run({ page }) {
      await runCommand(page, 'Switchyard: Run Release...');
      await quickInputRow(page, 'Run release', 'Run release');
      // The modal names the cluster's objects the release changes before anything moves.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      const said = await text(dialog);
      assert.match(said, /Release demo v2-bad to live traffic\?/);
      assert.match(said, /HTTPRoute demo\/demo between Service demo\/demo and demo-canary/);
      assert.match(said, /Kubernetes deployment demo\/demo/);
      await dialog.getByRole('button', { name: 'Run Release' }).click();
      await page.locator('.part.statusbar', { hasText: /demo/ }).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'watch it live in the release panel until its restarts gate rolls it back',
    async run({ page, frame }) {
      await runCommand(page, 'Switchyard: Open Release Panel');
      await frame.locator('.live-badge', { hasText: 'LIVE · real run' }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshots, 'live-running.png') });
      // The canary takes 20 %, its restarts gate reads the cluster and fails, the route swings back.
      await frame.locator('li.gate.phase-failed .gate-name', { hasText: 'restarts' }).waitFor({ timeout: 90_000 });
      await frame.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor({ timeout: 90_000 });
      assert.equal(await text(frame.locator('.outcome-banner')), 'Rolled back');
      await frame.locator('.live-badge', { hasText: 'Real run · ended' }).waitFor({ timeout: 30_000 });
      await page.locator('.notifications-toasts .notification-list-item', { hasText: /demo v2-bad: rolled back/i }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshots, 'live-rolled-back.png') });
    },
  },
  {
    name: 'find the cluster\'s objects on v1, as the playground made them, the canary gone',
    async run({ playground }) {
      const client = kubeClient({ kubeconfig: kubeconfigOf(playground) });
      const demo = await client.apps.readNamespacedDeployment({ namespace: 'demo', name: 'demo' });
      assert.equal(demo.spec?.template?.spec?.containers[0]?.image, 'demo:v1');
      assert.equal(demo.metadata?.annotations?.['deployment.kubernetes.io/revision'], '1');
      assert.equal(demo.status?.availableReplicas, demo.spec?.replicas);
      assert.deepEqual((await client.core.readNamespacedService({ namespace: 'demo', name: 'demo' })).spec?.selector, { app: 'demo' });
      const route = (await client.objects.read({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'demo', namespace: 'demo' } })) as { spec?: { rules?: { backendRefs?: { name: string }[] }[] } };
      assert.deepEqual(route.spec?.rules?.flatMap((rule) => (rule.backendRefs ?? []).map((ref) => ref.name)), ['demo']);
      const names = (await client.apps.listNamespacedDeployment({ namespace: 'demo' })).items.map((deployment) => deployment.metadata?.name);
      assert.deepEqual(names, ['demo']);
    },
  },
  {
    name: 'stop the playground by closing its terminal: the cluster is deleted',
    async run({ page, playground }) {
      await runCommand(page, 'Terminal: Kill All Terminals');
      await waitFor(() => !existsSync(join(playground, 'playground.json')), 60_000, 'playground.json to go');
    },
  },
];

async function main(): Promise<number> {
  const missing = await kubeBinariesMissing(kubeScripts());
  if (missing) {
    console.error(`real-run-kubernetes: ${missing}`);
    return 1;
  }
  mkdirSync(screenshots, { recursive: true });
  const started = Date.now();
  const host = ensureHost();
  // The workbench runs with a HOME of its own; its terminals find the control plane this machine built.
  process.env.SWITCHYARD_CACHE = join(homedir(), '.cache', 'switchyard-kube');
  const server = await startCodeServer(host, { smokeTestDriver: false });
  const workspace = join(server.runDir, 'workspace');
  try {
    mkdirSync(workspace, { recursive: true });
    const browser = await launchChromium(server.runDir);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(20_000);
      await page.goto(server.workbenchUrl(workspace, { extensionDevelopmentPath: repoRoot }));
      await waitForWorkbench(page);
      console.log(`real-run-kubernetes: workbench ready after ${seconds(started)} s`);
      const world: World = { page, frame: panelFrame(page), playground: join(workspace, 'switchyard-playground-kubernetes') };
      const passed = await runSteps(steps, world, {
        label: 'real-run-kubernetes',
        page,
        screenshots,
        async onFailure() {
          await runCommand(page, 'Switchyard: Show Output').then(() => page.screenshot({ path: join(screenshots, 'FAILED-output.png') })).catch(() => {});
          cpSync(server.runDir, join(screenshots, 'server-logs'), { recursive: true, filter: (source) => /(^|\/)(ud|logs)(\/|$)|\.log$/.test(source.slice(server.runDir.length)) || source === server.runDir });
        },
      });
      if (!passed) return 1;
      const gone = await waitFor(() => leftovers(workspace).length === 0, 30_000, 'the playground, its cluster and the runner to exit').then(() => true, () => false);
      if (!gone) {
        const left = leftovers(workspace).map((pid) => `${pid}: ${commandLine(pid)}`);
        console.error(`real-run-kubernetes: ✘ processes left running from the workspace:\n  ${left.join('\n  ')}`);
        return 1;
      }
      console.log(`real-run-kubernetes: passed in ${seconds(started)} s; screenshots in ${screenshots}`);
      return 0;
    } finally {
      await browser.close();
    }
  } finally {
    for (const pid of leftovers(workspace)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`real-run-kubernetes: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
