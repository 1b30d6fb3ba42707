import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '../../src/domain/plan/parse';
import { simulate } from '../../src/domain/simulator/simulate';
import type { RunResult } from '../../src/domain/simulator/types';
import { loadReportAssets } from '../../src/report/assets';
import { renderReport } from '../../src/report/renderReport';

/**
 * Writes the standalone report of a bundled example and scenario, as `switchyard simulate --report`
 * would; `edit` may change the run first (a spike in one sample).
 */
export function writeExampleReport(root: string, example: string, scenario: string, outDir: string, edit?: { name: string; run: (run: RunResult) => void }): string {
  const file = join(root, 'examples', `${example}.release.yaml`);
  const parsed = parsePlan(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  const run = simulate(parsed.plan, { scenario });
  edit?.run(run);
  mkdirSync(outDir, { recursive: true });
  const out = resolve(outDir, `${example}-${scenario}${edit ? `-${edit.name}` : ''}.report.html`);
  writeFileSync(out, renderReport(parsed.plan, run, loadReportAssets()));
  return out;
}
