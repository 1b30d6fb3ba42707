// Records the README's animation: the release panel replaying a bad canary that its error-rate gate
// catches and rolls back, as an animated GIF (media/readme/panel-rollback.gif). The panel is the
// standalone report the CLI writes, opened in Debian's Chromium and stepped through the run by its
// Time slider, one screenshot per step; the frames share one palette and each keeps only the pixels
// that changed, which keeps the file small. Needs `npm run build` first.
//
// Run: npm run build && node scripts/readmeAnimation.mjs [--out FILE] [--frames N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import gifenc from 'gifenc';
import { chromium } from 'playwright-core';

const { GIFEncoder, quantize, applyPalette } = gifenc;
const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
};
const OUT = resolve(option('--out', join(ROOT, 'media/readme/panel-rollback.gif')));
const FRAMES = Number(option('--frames', '40'));
const VIEWPORT = { width: 1200, height: 690 };
/** The GIF is drawn at this share of the screenshot's size. */
const SCALE = 0.75;
const FRAME_MS = 140;
const HOLD_END_MS = 3000;
/** Palette entries for the picture; the one after them marks a pixel unchanged since the last frame. */
const COLOURS = 255;
const UNCHANGED = COLOURS;
const LIMIT_BYTES = 1.5 * 1024 * 1024;

function writeReport(dir) {
  const report = join(dir, 'canary-bad-version.report.html');
  // --expect: the animation shows a rollback, so the example must still end in one.
  const cli = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'simulate', join(ROOT, 'examples/canary.release.yaml'), '--scenario', 'bad-version', '--expect', 'rolledBack', '--quiet', '--report', report], { encoding: 'utf8' });
  if (cli.status !== 0) throw new Error(`switchyard simulate failed (exit ${cli.status}): ${cli.stderr || cli.stdout}; run npm run build first`);
  return report;
}

/** Moves playback to t as a user dragging the Time slider does, and waits for the panel to draw it. */
async function seek(page, t) {
  await page.getByRole('slider', { name: 'Time' }).evaluate((slider, value) => {
    slider.value = String(value);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  }, t);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** A PNG as RGBA pixels at SCALE, decoded by the browser's own image decoder. */
async function pixelsOf(decoder, png) {
  const { width, height, data } = await decoder.evaluate(
    async ({ base64, scale }) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let binary = '';
      for (let i = 0; i < rgba.length; i += 0x8000) binary += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
      return { width: canvas.width, height: canvas.height, data: btoa(binary) };
    },
    { base64: png.toString('base64'), scale: SCALE },
  );
  return { width, height, rgba: new Uint8Array(Buffer.from(data, 'base64')) };
}

async function record(report) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark', reducedMotion: 'reduce', deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`file://${report}`);
    await page.locator('.outcome-banner[data-outcome="rolledBack"]').waitFor();
    const endMs = Number(await page.getByRole('slider', { name: 'Time' }).getAttribute('max'));
    const decoder = await context.newPage();
    const frames = [];
    for (let i = 0; i < FRAMES; i++) {
      await seek(page, Math.round((endMs * i) / (FRAMES - 1)));
      frames.push(await pixelsOf(decoder, await page.screenshot({ type: 'png' })));
    }
    return frames;
  } finally {
    await browser.close();
  }
}

/** One palette for every frame, from pixels sampled across the run (the first frames lack the rollback's colours). */
function sharedPalette(frames) {
  const picks = [0, Math.floor(frames.length / 3), Math.floor((2 * frames.length) / 3), frames.length - 1].map((index) => frames[index].rgba);
  const sample = new Uint8Array(picks.reduce((sum, rgba) => sum + rgba.length, 0));
  let offset = 0;
  for (const rgba of picks) {
    sample.set(rgba, offset);
    offset += rgba.length;
  }
  const palette = quantize(sample, COLOURS);
  while (palette.length < COLOURS) palette.push([0, 0, 0]);
  return [...palette, [255, 0, 255]];
}

function encode(frames) {
  const palette = sharedPalette(frames);
  const gif = GIFEncoder();
  let previous;
  frames.forEach(({ width, height, rgba }, index) => {
    const indexed = applyPalette(rgba, palette.slice(0, COLOURS));
    const drawn = indexed.slice();
    if (previous) for (let i = 0; i < indexed.length; i++) if (indexed[i] === previous[i]) drawn[i] = UNCHANGED;
    previous = indexed;
    const last = index === frames.length - 1;
    gif.writeFrame(drawn, width, height, {
      ...(index === 0 ? { palette, repeat: 0 } : {}),
      delay: last ? HOLD_END_MS : FRAME_MS,
      transparent: index > 0,
      transparentIndex: UNCHANGED,
      dispose: 1,
    });
  });
  gif.finish();
  return gif.bytes();
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-readme-'));
try {
  const frames = await record(writeReport(dir));
  writeFileSync(OUT, encode(frames));
  const bytes = statSync(OUT).size;
  console.log(`${OUT}: ${frames.length} frames, ${frames[0].width}×${frames[0].height}, ${(bytes / 1024).toFixed(0)} KiB`);
  if (bytes > LIMIT_BYTES) {
    console.error(`larger than ${LIMIT_BYTES / 1024 / 1024} MB: use fewer --frames`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
