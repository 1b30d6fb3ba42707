import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../src/domain/plan/parse';
import type { Plan } from '../src/domain/plan/schema';
import { simulate } from '../src/domain/simulator/simulate';
import { replayOf } from '../src/panel/viewModel';
import { loadReportAssets } from '../src/report/assets';
import { renderReport } from '../src/report/renderReport';

/** Pages the panel bench opens in Chromium, written next to the bench's bundle. */

export function loadExample(root: string, name: string, replicas?: number): Plan {
  const file = join(root, 'examples', `${name}.release.yaml`);
  let source = readFileSync(file, 'utf8');
  if (replicas !== undefined) source = source.replace(/^replicas: \d+$/m, `replicas: ${replicas}`);
  const parsed = parsePlan(source, file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.plan;
}

/** A page with the panel's styles, a run embedded as JSON and the bench's page script (webview/benchPage.ts). */
export function writeBenchPage(root: string, outDir: string, name: string, plan: Plan, scenario: string): string {
  const run = simulate(plan, { scenario });
  const replay = replayOf(plan, run, { mode: 'report' });
  const json = JSON.stringify(replay).replace(/</g, '\\u003c');
  const css = ['panel.css', 'reportTheme.css'].map((file) => `<link rel="stylesheet" href="${join(root, 'media', 'panel', file)}">`).join('\n');
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>${name}</title>${css}</head><body><div id="app" class="panel-app"></div>
<script type="application/json" id="switchyard-replay">${json}</script><script src="${join(outDir, 'panelBenchPage.js')}"></script></body></html>`;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.html`);
  writeFileSync(file, html);
  return file;
}

/** The standalone report a user opens (self-contained, strict CSP), for first paint as shipped. */
export function writeReportPage(outDir: string, name: string, plan: Plan, scenario: string): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.report.html`);
  writeFileSync(file, renderReport(plan, simulate(plan, { scenario }), loadReportAssets()));
  return file;
}
