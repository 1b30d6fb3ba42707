// npm run bench:panel: the release panel in Chromium (playwright-core, Debian's /usr/bin/chromium).
// Prints first paint, frame times while playing 1,000 and 10,000-instance rolling updates, whether
// the canvas layer paints, and the webview bundle's size. Figures only: nothing is asserted.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { loadExample, writeBenchPage, writeReportPage } from './panelPages';

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, 'out', 'bench');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FRAMES = 600;
const GOALS = { firstPaintMs: 300, p95Ms1k: 1000 / 60, fps10k: 30, bundleKb: 250 };

interface FrameRun {
  frameMs: number[];
  viewMs: number[];
  drawMs: number[];
  layoutMs?: number[];
  parts?: Record<string, number[]>;
}

function p(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mark = (ok: boolean): string => (ok ? 'meets goal' : 'MISSES goal');

function isFrameRun(value: unknown): value is FrameRun {
  return typeof value === 'object' && value !== null && ['frameMs', 'viewMs', 'drawMs'].every((key) => Array.isArray((value as Record<string, unknown>)[key]));
}

async function openBench(browser: Browser, file: string): Promise<{ page: Awaited<ReturnType<Browser['newPage']>>; firstPaintMs: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction('window.switchyardBench !== undefined');
  if (errors.length > 0) throw new Error(`${file}: ${errors.join('; ')}`);
  return { page, firstPaintMs: Number(await page.evaluate('window.switchyardBench.firstPaintMs')) };
}

async function playback(browser: Browser, label: string, file: string, goal: (run: FrameRun) => string): Promise<void> {
  const { page, firstPaintMs } = await openBench(browser, file);
  const run: unknown = await page.evaluate(`window.switchyardBench.play(${FRAMES})`);
  if (!isFrameRun(run)) throw new Error('the bench page returned no frame run');
  const total = run.frameMs.reduce((sum, value) => sum + value, 0);
  const canvas = (await page.evaluate('window.switchyardBench.canvasPixels()')) as { canvases: number; pixels: number };
  console.log(`${label}: first paint ${ms(firstPaintMs)}; ${FRAMES} frames, a new view each`);
  console.log(`  frame time p50 ${ms(p(run.frameMs, 0.5))}, p95 ${ms(p(run.frameMs, 0.95))}, max ${ms(Math.max(...run.frameMs))}; ${(FRAMES / (total / 1000)).toFixed(1)} fps — ${goal(run)}`);
  console.log(`  per frame: view p95 ${ms(p(run.viewMs, 0.95))}, draw + style + layout p95 ${ms(p(run.drawMs, 0.95))}`);
  const parts = Object.entries(run.parts ?? {}).map(([name, times]) => ({ name, p95: p(times, 0.95), mean: times.reduce((sum, value) => sum + value, 0) / Math.max(1, times.length) }));
  parts.sort((a, b) => b.p95 - a.p95);
  console.log(`  per view update (script), p95 / mean: ${parts.map((part) => `${part.name} ${part.p95.toFixed(2)}/${part.mean.toFixed(2)}`).join(', ')}; style + layout p95 ${ms(p(run.layoutMs ?? [], 0.95))}`);
  console.log(`  canvas layer: ${canvas.canvases} canvas(es) shown, ${canvas.pixels.toLocaleString('en-US')} pixels painted`);
  await page.close();
}

/** First contentful paint, and when the app had drawn its first view (its one performance mark). */
async function firstPaint(browser: Browser, file: string): Promise<{ fcp: number; drawn: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(pathToFileURL(file).href);
  await page.locator('.outcome-banner').waitFor();
  // First contentful paint is reported after the frame is presented: wait for it (buffered), not just one frame.
  const times = (await page.evaluate(`new Promise((resolve) => {
    const drawn = (performance.getEntriesByName('switchyard.firstRender')[0] || { startTime: NaN }).startTime;
    const done = (fcp) => resolve({ fcp, drawn });
    new PerformanceObserver((list) => { const hit = list.getEntriesByName('first-contentful-paint')[0]; if (hit) done(hit.startTime); }).observe({ type: 'paint', buffered: true });
    setTimeout(() => done(NaN), 3000);
  })`)) as { fcp: number; drawn: number };
  await page.close();
  return times;
}

async function bundleSize(): Promise<void> {
  const shipped = statSync(join(ROOT, 'dist', 'webview.js')).size;
  const minified = await build({ entryPoints: [join(ROOT, 'webview', 'main.ts')], bundle: true, minify: true, write: false, platform: 'browser', format: 'iife', target: 'es2022', legalComments: 'none' });
  const code = minified.outputFiles[0]?.contents ?? new Uint8Array();
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const css = statSync(join(ROOT, 'media', 'panel', 'panel.css')).size;
  console.log(`bundle: dist/webview.js ${kb(shipped)} as built; minified ${kb(code.length)} (${kb(gzipSync(code).length)} gzip) — ${mark(code.length / 1024 <= GOALS.bundleKb && shipped / 1024 <= GOALS.bundleKb)} (≤ ${GOALS.bundleKb} KB); panel.css ${kb(css)}`);
}

async function main(): Promise<void> {
  readFileSync(join(OUT, 'panelBenchPage.js'));
  const pages = join(OUT, 'panel');
  const canary = loadExample(ROOT, 'canary');
  const report = writeReportPage(pages, 'canary-bad-version', canary, 'bad-version');
  const rolling1k = writeBenchPage(ROOT, OUT, 'rolling-1000', loadExample(ROOT, 'rolling', 1000), 'good-version');
  const rolling10k = writeBenchPage(ROOT, OUT, 'rolling-10000', loadExample(ROOT, 'rolling', 10000), 'good-version');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const paints = [];
    for (let index = 0; index < 5; index++) paints.push(await firstPaint(browser, report));
    const fcp = p(paints.map((paint) => paint.fcp), 0.5);
    const drawn = p(paints.map((paint) => paint.drawn), 0.5);
    console.log(`first paint (standalone report of the canary, after navigation, median of 5): first view drawn ${ms(drawn)}, first contentful paint ${ms(fcp)} — ${mark(fcp <= GOALS.firstPaintMs)} (≤ ${GOALS.firstPaintMs} ms)`);
    await playback(browser, 'rolling update, 1,000 instances', rolling1k, (run) => `${mark(p(run.frameMs, 0.95) <= GOALS.p95Ms1k + 0.5)} (p95 ≤ 16.7 ms)`);
    await playback(browser, 'rolling update, 10,000 instances', rolling10k, (run) => `${mark(FRAMES / (run.frameMs.reduce((a, b) => a + b, 0) / 1000) >= GOALS.fps10k)} (≥ ${GOALS.fps10k} fps)`);
  } finally {
    await browser.close();
  }
  await bundleSize();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
