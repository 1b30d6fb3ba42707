import { readFileSync } from 'node:fs';
import { parsePlan } from '../../domain/plan/parse';
import { runMonteCarlo, type MonteCarloRun } from './pool';

export interface MonteCarloBenchOptions {
  /** Default examples/canary.release.yaml (relative to the working directory). */
  file?: string;
  /** Default the plan's first scenario. */
  scenario?: string;
  runs?: number;
  workers?: number;
  workerScript?: string;
}

/**
 * For `npm run bench`: a 1,000-run Monte Carlo of the example canary, in worker threads;
 * returns the wall time in ms (worker start-up, runs and aggregation) and the run itself.
 *
 * @example
 * const { wallMs } = await benchMonteCarlo(); // wall ms: worker start-up, 1,000 runs, aggregation
 */
export async function benchMonteCarlo(options: MonteCarloBenchOptions = {}): Promise<{ wallMs: number; run: MonteCarloRun }> {
  const fileName = options.file ?? 'examples/canary.release.yaml';
  const source = readFileSync(fileName, 'utf8');
  const parsed = parsePlan(source, fileName);
  if (!parsed.ok) throw new Error(`${fileName} does not parse`);
  const scenario = options.scenario ?? Object.keys(parsed.plan.scenarios)[0] ?? 'default';
  const seed = parsed.plan.scenarios[scenario]?.seed ?? 1;
  const run = await runMonteCarlo({
    source,
    fileName,
    plan: parsed.plan,
    scenario,
    baseSeed: seed,
    runs: options.runs ?? 1000,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.workerScript !== undefined ? { workerScript: options.workerScript } : {}),
  });
  return { wallMs: run.wallMs, run };
}
