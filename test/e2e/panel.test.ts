import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { loadExample, writeBenchPage } from '../../bench/panelPages';
import { writeExampleReport } from './panelReport';

// Run: npm run build && node scripts/buildPanel.mjs && node out/e2e/panel.test.js
// Opens the standalone report of the bad canary in Chromium: it opens on the answer (rolled back);
// replays it from the start to the end, reads the rollback from the DOM, scrubs back to the pause
// before it, and saves screenshots per theme.

const ROOT = resolve(__dirname, '../..');
const RESULTS = join(ROOT, 'test-results', 'panel');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent())?.trim() ?? '';
}

async function scenarioInTheme(page: Page, theme: 'dark' | 'light', report: string): Promise<void> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(pathToFileURL(report).href);
  await page.locator('.outcome-banner').waitFor();
  assert.equal(await page.evaluate(() => document.body.classList.contains('vscode-' + (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'))), true, 'the report follows the colour scheme');
  // The first paint is the answer: the run's end, not its first second.
  assert.equal(await text(page, '.outcome-banner'), 'Rolled back', 'the report opens on the outcome');
  assert.match(await text(page, '.outcome-reason'), /error-rate: 2 of 2 measurements failed/);

  // The replay is one click away: Play at the end starts again from 0 s.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('300');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('.outcome-banner[data-outcome="running"]').waitFor({ timeout: 5_000 });
  await page.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor({ timeout: 20_000 });
  assert.equal(await text(page, '.outcome-banner'), 'Rolled back');
  assert.match(await text(page, '.outcome-reason'), /error-rate: 2 of 2 measurements failed/);
  assert.match(await text(page, '.traffic-caption'), /stable 100% .* canary 0%/);
  assert.equal(await text(page, '.gate.phase-failed .gate-name'), 'error-rate (errorRate)');
  assert.equal(await page.locator('.firing').count(), 1, 'the moment the gate fired is marked on the chart');
  assert.equal(await text(page, 'g.state.active text'), 'rolledBack');
  await page.screenshot({ path: join(RESULTS, `canary-bad-version-${theme}-rolled-back.png`), fullPage: true });

  // Scrub back: the journal's traffic shift starts the pause, the step before the failed analysis.
  await page.locator('.event-button', { hasText: 'traffic 10% → candidate' }).click();
  await page.locator('.outcome-banner[data-outcome="running"]').waitFor();
  assert.equal(await text(page, '[aria-current="step"] .step-label'), 'pause 2m');
  assert.match(await text(page, '.traffic-caption'), /canary 10%/);
  assert.equal(await text(page, 'g.state.active text'), 'progressing');
  await page.screenshot({ path: join(RESULTS, `canary-bad-version-${theme}-scrubbed-back.png`), fullPage: true });

  await page.getByRole('slider', { name: 'Time' }).focus();
  await page.keyboard.press('End');
  await page.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor();
  assert.deepEqual(problems, [], 'no script errors and no CSP violations');
}

/**
 * One p99 latency sample of the canary spikes to 5 s under a 400 ms threshold: the chart clips its
 * axis near the threshold, marks the spike at the top edge with its real value, and says so.
 */
async function spikeIsClipped(browser: Browser): Promise<void> {
  const report = writeExampleReport(ROOT, 'canary', 'good-version', RESULTS, {
    name: 'latency-spike',
    run: (run) => {
      const withCandidate = run.snapshots.filter((snapshot) => snapshot.metrics.candidate.rps > 0);
      const sample = withCandidate[Math.floor(withCandidate.length / 2)];
      if (sample) sample.metrics.candidate.latencyP99 = 5_000;
    },
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(pathToFileURL(report).href);
  await page.locator('.outcome-banner[data-outcome="promoted"]').waitFor();
  const chart = page.locator('figure.chart-latencyP99');
  assert.match(await text(page, 'figure.chart-latencyP99 .clip-note'), /^axis clipped at \d+ ms: ▲ 1 sample above$/);
  assert.match((await chart.locator('.clip-mark title').textContent()) ?? '', /^canary 5000 ms at \d+m \d\ds, above the clipped axis$/);
  const plot = await chart.locator('svg').boundingBox();
  const threshold = await chart.locator('.threshold line').first().boundingBox();
  assert.ok(plot && threshold, 'the chart and its threshold are drawn');
  // Unclipped, 400 ms on an axis to 5 s sits in the bottom tenth of the plot; clipped, in its upper half.
  assert.ok(threshold.y - plot.y < plot.height / 2, `the 400 ms threshold is readable (${Math.round(threshold.y - plot.y)} px from the top of ${plot.height})`);
  await chart.screenshot({ path: join(RESULTS, 'latency-spike-clipped.png') });
  await page.close();
}

/** Above the canvas threshold the cells are painted, not drawn as SVG: check that pixels actually land. */
async function canvasLayerPaints(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const file = writeBenchPage(ROOT, join(ROOT, 'out', 'bench'), 'rolling-5000', loadExample(ROOT, 'rolling', 5000), 'good-version');
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('window.switchyardBench !== undefined');
  const painted = (await page.evaluate('window.switchyardBench.canvasPixels()')) as { canvases: number; pixels: number };
  assert.ok(painted.canvases >= 1, 'the 5,000 stable instances are on a canvas');
  assert.equal(await page.locator('.role-stable svg.cells').isHidden(), true, 'and not in SVG');
  // 5,000 cells of 3 × 3 px at least (device pixels may be more).
  assert.ok(painted.pixels >= 5000 * 9, `the canvas shows the cells (${painted.pixels} pixels painted)`);
  await page.close();
}

async function main(): Promise<void> {
  assert.ok(existsSync(join(ROOT, 'dist', 'webview.js')), 'run npm run build first');
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run bash scripts/setup.sh or set CHROMIUM_PATH`);
  const report = writeExampleReport(ROOT, 'canary', 'bad-version', RESULTS);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    for (const theme of ['dark', 'light'] as const) {
      const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1400, height: 1000 } });
      await scenarioInTheme(await context.newPage(), theme, report);
      await context.close();
      console.log(`ok - bad canary replayed, rolled back, scrubbed back (${theme})`);
    }
    await spikeIsClipped(browser);
    console.log('ok - a latency spike is clipped and marked, its threshold readable');
    await canvasLayerPaints(browser);
    console.log('ok - the canvas layer paints a 5,000-instance fleet');
  } finally {
    await browser.close();
  }
  console.log(`screenshots and report in ${RESULTS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
