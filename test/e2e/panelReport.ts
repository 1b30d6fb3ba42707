import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '../../src/domain/plan/parse';
import { simulate } from '../../src/domain/simulator/simulate';
import { renderReport } from '../../src/report/renderReport';

/** Writes the standalone report of a bundled example and scenario, as `switchyard simulate --report` would. */
export function writeExampleReport(root: string, example: string, scenario: string, outDir: string): string {
  const file = join(root, 'examples', `${example}.release.yaml`);
  const parsed = parsePlan(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  const run = simulate(parsed.plan, { scenario });
  mkdirSync(outDir, { recursive: true });
  const out = resolve(outDir, `${example}-${scenario}.report.html`);
  writeFileSync(out, renderReport(parsed.plan, run));
  return out;
}
