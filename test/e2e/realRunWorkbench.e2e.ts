// Real releases' "Done when", tried as a new user would in the real VS Code workbench (VS Code's
// server from code-server, Chromium through Playwright): Start Playground from the command palette
// (a real HAProxy, Prometheus and demo v1 on 127.0.0.1), Run Release on the bad canary from the
// command palette with the modal's yes, watch the run live in the release panel until its gate
// rolls it back, with a counting client on the service all along: no failed request.
// Usage: npm run test:e2e:realRun. Screenshots go to test-results/real-run/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { httpGet } from '../../src/adapters/process/httpGet';
import { playgroundPorts, type PlaygroundPorts } from '../../src/runner/playground/files';
import { startLoad, type LoadReport } from '../integration/support/loadClient';
import { freePortRange, waitFor } from '../integration/support/ports';
import { launchChromium } from '../vscode/host/browser';
import { ensureHost, repoRoot, startCodeServer } from '../vscode/host/codeServer';
import { panelFrame, quickInputRow, text } from './panelWorkbenchSteps';
import { runSteps, seconds, type Step } from './steps';
import { runCommand, waitForWorkbench } from './workbench';
import { commandLine, leftovers } from './leftovers';

const screenshots = join(repoRoot, 'test-results/real-run');

interface World {
  page: Page;
  frame: FrameLocator;
  playground: string;
  ports: PlaygroundPorts;
  load?: { stop: () => Promise<LoadReport>; report: LoadReport };
}


const steps: Step<World>[] = [
  {
    name: 'start the playground from the command palette',
    async run({ page, playground, ports }) {
      await runCommand(page, 'Switchyard: Start Playground');
      // The command waits until HAProxy answers and Prometheus has scraped v1, then opens the bad canary.
      await page.locator('.notifications-toasts .notification-list-item', { hasText: 'playground ready' }).waitFor({ timeout: 90_000 });
      await page.locator('.tabs-container .tab.active', { hasText: 'canary-bad.release.yaml' }).waitFor();
      await page.locator('.terminal-tabs-entry, .single-terminal-tab', { hasText: 'Switchyard Playground' }).first().waitFor({ state: 'attached' });
      assert.ok(existsSync(join(playground, 'playground.json')), 'playground.json written once ready');
      const answer = await httpGet(`http://127.0.0.1:${ports.frontend}/`, 2000);
      assert.ok(answer.ok && answer.value.status === 200, `the service answers through HAProxy: ${JSON.stringify(answer)}`);
    },
  },
  {
    name: 'run the bad canary from the command palette, with a client counting every request',
    async run(world) {
      const { page } = world;
      world.load = startLoad(`http://127.0.0.1:${world.ports.frontend}/`, { rps: 40 });
      await runCommand(page, 'Switchyard: Run Release...');
      await quickInputRow(page, 'Run release', 'Run release');
      // The modal names the service, the versions and every target before anything moves.
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      const said = await text(dialog);
      assert.match(said, /Release demo v2-bad to live traffic\?/);
      assert.match(said, /v1 → v2-bad/);
      assert.match(said, /HAProxy/i);
      assert.match(said, /Prometheus/i);
      await dialog.getByRole('button', { name: 'Run Release' }).click();
      await page.locator('.part.statusbar', { hasText: /demo/ }).waitFor({ timeout: 30_000 });
    },
  },
  {
    name: 'watch it live in the release panel until its gate rolls it back',
    async run({ page, frame }) {
      await runCommand(page, 'Switchyard: Open Release Panel');
      await frame.locator('.live-badge', { hasText: 'LIVE · real run' }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshots, 'live-running.png') });
      // The candidate takes its share, the error-rate gate fails on it, the router swings back.
      await frame.locator('li.gate.phase-failed .gate-name', { hasText: 'error-rate' }).waitFor({ timeout: 90_000 });
      await frame.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor({ timeout: 60_000 });
      assert.equal(await text(frame.locator('.outcome-banner')), 'Rolled back');
      assert.match(await text(frame.locator('.outcome-reason')), /error-rate/);
      assert.match(await text(frame.locator('.traffic-caption')), /100%/);
      await frame.locator('.live-badge', { hasText: 'Real run · ended' }).waitFor({ timeout: 30_000 });
      await page.locator('.notifications-toasts .notification-list-item', { hasText: /demo v2-bad: rolled back/i }).waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(screenshots, 'live-rolled-back.png') });
    },
  },
  {
    name: 'count the requests: none failed, and the last ones were served by v1',
    async run({ load, ports }) {
      assert.ok(load, 'the load client ran');
      const report = await load.stop();
      console.log(`real-run: ${report.sent} requests, ${report.failed} failed, ${report.appErrors} answered 500 by v2-bad before the rollback; by version ${JSON.stringify(report.byVersion)}`);
      assert.equal(report.failed, 0, report.failures.join(', '));
      assert.ok((report.byVersion['v2-bad'] ?? 0) > 0, 'the candidate served some traffic before its gate failed');
      assert.ok(report.timeline.slice(-10).every(([, version]) => version === 'v1'), 'traffic is back on v1');
      assert.equal((await httpGet(`http://127.0.0.1:${ports.candidate}/healthz`, 500)).ok, false, 'the candidate is stopped');
    },
  },
  {
    name: 'stop the playground by closing its terminal',
    async run({ page, playground, ports }) {
      await runCommand(page, 'Terminal: Kill All Terminals');
      await waitFor(async () => !(await httpGet(`http://127.0.0.1:${ports.frontend}/`, 500)).ok, 20_000, 'the playground to stop');
      await waitFor(() => !existsSync(join(playground, 'playground.json')), 10_000, 'playground.json to go');
      for (const port of [ports.stable, ports.prometheus]) await waitFor(async () => !(await httpGet(`http://127.0.0.1:${port}/`, 500)).ok, 10_000, `port ${port} to close`);
    },
  },
];

async function main(): Promise<number> {
  mkdirSync(screenshots, { recursive: true });
  const started = Date.now();
  const base = await freePortRange(100);
  const ports = playgroundPorts(base);
  const server = await startCodeServer(ensureHost(), { smokeTestDriver: false });
  const workspace = join(server.runDir, 'workspace');
  try {
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify({ 'switchyard.playground.basePort': base }, null, 2));
    const browser = await launchChromium(server.runDir);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(20_000);
      await page.goto(server.workbenchUrl(workspace, { extensionDevelopmentPath: repoRoot }));
      await waitForWorkbench(page);
      console.log(`real-run: workbench ready after ${seconds(started)} s; playground ports from ${base}`);
      const world: World = { page, frame: panelFrame(page), playground: join(workspace, 'switchyard-playground'), ports };
      const passed = await runSteps(steps, world, {
        label: 'real-run',
        page,
        screenshots,
        async onFailure() {
          await runCommand(page, 'Switchyard: Show Output').then(() => page.screenshot({ path: join(screenshots, 'FAILED-output.png') })).catch(() => {});
          cpSync(server.runDir, join(screenshots, 'server-logs'), { recursive: true, filter: (source) => /(^|\/)(ud|logs)(\/|$)|\.log$/.test(source.slice(server.runDir.length)) || source === server.runDir });
          const log = join(world.playground, 'logs');
          if (existsSync(log)) for (const file of readdirSync(log)) console.error(`--- ${file}\n${readFileSync(join(log, file), 'utf8').slice(-1500)}`);
        },
      });
      if (!passed) return 1;
      // The playground exits once its children have; give it a moment, then name what is left.
      const gone = await waitFor(() => leftovers(workspace).length === 0, 10_000, 'the playground and the runner to exit').then(() => true, () => false);
      if (!gone) {
        const left = leftovers(workspace).map((pid) => `${pid}: ${commandLine(pid)}`);
        console.error(`real-run: ✘ processes left running from the workspace:\n  ${left.join('\n  ')}`);
        return 1;
      }
      console.log(`real-run: passed in ${seconds(started)} s; screenshots in ${screenshots}`);
      return 0;
    } finally {
      await browser.close();
    }
  } finally {
    // The runner and the playground run outside the server's process group: never leave them behind.
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
  console.error(`real-run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
