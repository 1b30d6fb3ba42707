// The release panel's "Done when", tried as a new user would in the real VS Code workbench
// (VS Code's server from code-server, Chromium through Playwright): open the canary example's panel
// from its CodeLens, play the bad version, watch its error rate cross the gate and the traffic
// swing back, read the rollback, scrub back before it, inject a fault and see the run branch,
// compare with the rolling plan, export the report, and screenshot the panel in dark and light.
// Usage: npm run test:e2e:panelHost. Screenshots go to test-results/panel-host/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../vscode/host/browser';
import { ensureHost, repoRoot, startCodeServer } from '../vscode/host/codeServer';
import { copyWorkspace } from '../vscode/host/workspace';
import { runSteps, seconds, type Step } from './steps';
import { openFile, waitForWorkbench } from './workbench';
import { waitForQuickInputValue, candidateWeight, gateMeasurements, panelFrame, panelFrameTitled, panelPaint, quickInputRow, stepBackBeforeRollback, text } from './panelWorkbenchSteps';

const screenshots = join(repoRoot, 'test-results/panel-host');

interface World {
  page: Page;
  frame: FrameLocator;
  workspace: string;
}


const steps: Step<World>[] = [
  {
    name: 'open the canary panel from its CodeLens',
    async run({ page, frame }) {
      await openFile(page, 'canary.release.yaml');
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /Open Panel/ }).first();
      await lens.waitFor();
      const clicked = Date.now();
      await lens.click();
      await frame.locator('.panel-title', { hasText: 'checkout: canary' }).waitFor();
      const paint = await panelPaint(page);
      const after = (at: number | undefined): string => (at === undefined ? 'n/a' : `${Math.round(at - clicked)} ms`);
      console.log(`panel-host: after the CodeLens click, in VS Code's webview: document ${after(paint.origin)}, first contentful paint ${after(paint.firstContentfulPaint)}, first full view ${after(paint.firstRender)} (goal 300 ms; the first open also loads the engine)`);
      await frame.locator('.outcome-banner[data-outcome="running"]').waitFor();
      await page.locator('.tabs-container .tab', { hasText: 'Release: checkout' }).waitFor();
      // The panel's group takes the whole editor area, so screenshots show it whole.
      await page.keyboard.press('F1');
      await quickInputRow(page, '>View: Maximize Editor Group and Hide Side Bars', 'View: Maximize Editor Group and Hide Side Bars');
    },
  },
  {
    name: 'play the bad version until the gate fires and traffic swings back',
    async run({ frame }) {
      await frame.getByRole('combobox', { name: 'Scenario' }).selectOption('bad-version');
      await frame.locator('.panel-subtitle', { hasText: 'scenario bad-version' }).waitFor();
      await frame.getByRole('combobox', { name: 'Speed' }).selectOption('60');
      await frame.getByRole('button', { name: 'Play' }).click();
      // The canary takes its first share of traffic...
      await frame.locator('.traffic-caption', { hasText: /canary 10%/ }).waitFor({ timeout: 60_000 });
      // ...its error rate crosses the gate (5 %), the gate fails and is marked on the chart...
      await frame.locator('li.gate.phase-failed .gate-name', { hasText: 'error-rate' }).waitFor({ timeout: 60_000 });
      const measured = await gateMeasurements(frame, 'error-rate');
      assert.ok(measured.some((m) => m.failed && m.value >= 0.05), `a failed measurement above 5 %: ${JSON.stringify(measured)}`);
      await frame.locator('.chart-errorRate .firing').waitFor();
      // ...and the router swings all traffic back to stable.
      await frame.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor({ timeout: 60_000 });
      assert.equal(await candidateWeight(frame), 0);
      assert.match(await text(frame.locator('.traffic-caption')), /stable 100%/);
    },
  },
  {
    name: 'read the rollback',
    async run({ frame }) {
      assert.equal(await text(frame.locator('.outcome-banner')), 'Rolled back');
      assert.match(await text(frame.locator('.outcome-reason')), /error-rate: 2 of 2 measurements failed/);
      assert.equal(await text(frame.locator('g.state.active text')), 'rolledBack');
      assert.match(await text(frame.locator('.figure-timeToDetect dd')), /\d/);
    },
  },
  {
    name: 'screenshot the rolled-back panel in the dark theme',
    async run({ page, frame }) {
      await useTheme(page, frame, 'dark');
      await shoot(page, 'dark-rolled-back');
    },
  },
  {
    name: 'scrub back to the step before the rollback',
    async run({ frame }) {
      const state = await stepBackBeforeRollback(frame);
      assert.equal(state, 'progressing');
      await frame.locator('.outcome-banner[data-outcome="running"]').waitFor();
      assert.equal(await candidateWeight(frame), 10, 'the canary still has its 10 % before the rollback');
    },
  },
  {
    name: 'inject a fault and see the run branch',
    async run({ frame }) {
      const eventsBefore = await frame.locator('li.event').count();
      await frame.getByRole('combobox', { name: 'Fault' }).selectOption('instanceLoss');
      await frame.getByRole('combobox', { name: 'On' }).selectOption('stable');
      await frame.getByRole('button', { name: 'Inject fault now' }).click();
      await frame.locator('.panel-faults', { hasText: /Injected: instanceLoss on stable at/ }).waitFor();
      // The branch keeps the run up to now and carries the fault from here on.
      await frame.getByRole('button', { name: 'Play' }).click();
      await frame.locator('li.event .event-kind', { hasText: /^fault\./ }).first().waitFor({ timeout: 60_000 });
      await frame.locator('.outcome-banner:not([data-outcome="running"])').waitFor({ timeout: 60_000 });
      assert.ok((await frame.locator('li.event').count()) > eventsBefore);
      await frame.getByRole('button', { name: 'Clear faults' }).waitFor();
    },
  },
  {
    name: 'compare with the rolling plan on the same scenario',
    async run({ frame }) {
      await frame.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'rolling.release.yaml' });
      await frame.getByRole('combobox', { name: 'Runs each' }).selectOption('50');
      await frame.getByRole('button', { name: 'Compare', exact: true }).click();
      const table = frame.locator('table.compare-table');
      await table.locator('thead th', { hasText: 'rolling.release.yaml · rolling' }).waitFor({ timeout: 120_000 });
      assert.match(await text(table.locator('thead th').nth(1)), /checkout \(this plan\) · canary/);
      // Both plans catch the bad version; the canary exposes fewer users to it.
      assert.deepEqual(await table.locator('tr.row-detection td').allTextContents(), ['100%', '100%']);
      assert.deepEqual(await table.locator('tr.row-stalled td').allTextContents(), ['0%', '0%']);
      await table.locator('tr.row-userErrors td.best').waitFor();
      assert.equal(await table.locator('tr.row-userErrors td').first().getAttribute('class'), 'compare-cell best');
      await frame.getByRole('button', { name: 'Switch to rolling.release.yaml' }).waitFor();
    },
  },
  {
    name: 'estimate the plan\'s risk over many runs and read its histograms',
    async run({ frame }) {
      await frame.getByRole('combobox', { name: 'Runs to estimate from' }).selectOption('200');
      await frame.getByRole('button', { name: 'Estimate risk' }).click();
      const plots = frame.locator('figure.risk-plot');
      await plots.nth(1).waitFor({ timeout: 120_000 });
      assert.match(await text(plots.nth(0).locator('figcaption')), /^Users who saw errors in bad-version \(200 runs\): caught in 100\.0% of runs/);
      assert.match(await text(plots.nth(1).locator('figcaption')), /^Duration in good-version \(200 runs\): rolled back in \d+\.\d% of runs/);
      assert.ok((await plots.nth(0).locator('rect.bar').count()) > 1, 'the errors users saw spread over several bars');
      await frame.locator('.section-risk').screenshot({ path: join(screenshots, 'panel-risk-dark.png') });
    },
  },
  {
    name: 'export the report',
    async run({ page, frame, workspace }) {
      const target = join(workspace, 'exported.report.html');
      await frame.getByRole('button', { name: 'Export report…' }).click();
      // In the web workbench the save dialog is VS Code's own: a path box in the quick input.
      // It fills in the suggested name once it has listed the folder; only then is the box ours.
      await waitForQuickInputValue(page, 'checkout-bad-version.report.html');
      await page.locator('.quick-input-widget .quick-input-box input').fill(target);
      await waitForQuickInputValue(page, 'exported.report.html');
      await page.keyboard.press('Enter');
      await page.locator('.notifications-toasts .notification-list-item', { hasText: 'report written to exported.report.html' }).waitFor();
      assert.ok(existsSync(target), `${target} written`);
      const html = readFileSync(target, 'utf8');
      assert.match(html, /id="switchyard-replay"/);
      assert.match(html, /instanceLoss/, 'the report carries the injected fault');
    },
  },
  {
    name: 'screenshot the panel in the light theme',
    async run({ page, frame }) {
      await useTheme(page, frame, 'light');
      await shoot(page, 'light-branched');
      await frame.locator('.section-compare').screenshot({ path: join(screenshots, 'panel-compare-light.png') });
      await useTheme(page, frame, 'dark');
      await shoot(page, 'dark-branched');
      await frame.locator('.section-compare').screenshot({ path: join(screenshots, 'panel-compare-dark.png') });
    },
  },
  {
    name: 'choose the compared plan',
    async run({ page, frame }) {
      await frame.getByRole('button', { name: 'Switch to rolling.release.yaml' }).click();
      await page.locator('.tabs-container .tab', { hasText: 'Release: catalog' }).waitFor();
      await page.locator('.tabs-container .tab.active', { hasText: 'Release: catalog' }).waitFor();
      await page.locator('.tabs-container .tab', { hasText: 'rolling.release.yaml' }).waitFor();
    },
  },
  {
    name: 'compare the rolling plan with itself as a canary, and open that as a new plan',
    async run({ page }) {
      const frame = await panelFrameTitled(page, 'catalog: rolling');
      await frame.getByRole('combobox', { name: 'Compare with' }).selectOption({ label: 'this plan as canary' });
      await frame.getByRole('combobox', { name: 'Runs each' }).selectOption('50');
      await frame.getByRole('button', { name: 'Compare', exact: true }).click();
      const table = frame.locator('table.compare-table');
      await table.locator('thead th', { hasText: 'this plan as canary · canary' }).waitFor({ timeout: 120_000 });
      assert.deepEqual(await table.locator('tr.row-detection td').allTextContents(), ['100%', '100%'], 'both catch the bad version');
      await frame.getByRole('button', { name: 'Switch to this plan as canary' }).click();
      await page.locator('.tabs-container .tab.active', { hasText: 'rolling-as-canary.release.yaml' }).waitFor();
      await page.locator('.monaco-editor .view-line', { hasText: 'released as canary' }).first().waitFor();
    },
  },
];

/**
 * Sets workbench.colorTheme through the theme picker (the web workbench keeps user settings in the
 * browser, so writing settings.json on the server does not reach it), then waits for the webview
 * to follow: VS Code sets its body class.
 */
async function useTheme(page: Page, frame: FrameLocator, kind: 'dark' | 'light'): Promise<void> {
  const theme = kind === 'dark' ? 'Dark Modern' : 'Light Modern';
  // Clicks on exact rows: Enter could land on "Browse Color Themes in Marketplace" instead.
  await page.keyboard.press('F1');
  await quickInputRow(page, '>Preferences: Color Theme', 'Preferences: Color Theme');
  await quickInputRow(page, theme, theme);
  await frame.locator(`body.vscode-${kind}`).waitFor({ state: 'attached', timeout: 30_000 });
}

/** The whole workbench, and the panel alone (its iframe element) for a closer look; toasts cleared first. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F1');
  await quickInputRow(page, '>Notifications: Clear All Notifications', 'Notifications: Clear All Notifications');
  await page.locator('.notifications-toasts .notification-list-item').first().waitFor({ state: 'hidden' });
  await page.screenshot({ path: join(screenshots, `workbench-${name}.png`) });
  await page.locator('iframe.webview.ready').first().screenshot({ path: join(screenshots, `panel-${name}.png`) });
}

async function main(): Promise<number> {
  mkdirSync(screenshots, { recursive: true });
  const started = Date.now();
  const server = await startCodeServer(ensureHost());
  try {
    const workspace = copyWorkspace(server.runDir);
    for (const example of ['canary', 'rolling']) cpSync(join(repoRoot, 'examples', `${example}.release.yaml`), join(workspace, `${example}.release.yaml`));
    const browser = await launchChromium(server.runDir);
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(20_000);
      await page.goto(server.workbenchUrl(workspace, { extensionDevelopmentPath: repoRoot }));
      await waitForWorkbench(page);
      console.log(`panel-host: workbench ready after ${seconds(started)} s`);
      const world: World = { page, frame: panelFrame(page), workspace };
      if (!(await runSteps(steps, world, { label: 'panel-host', page, screenshots }))) return 1;
      console.log(`panel-host: passed in ${seconds(started)} s; screenshots in ${screenshots}`);
      return 0;
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`panel-host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
