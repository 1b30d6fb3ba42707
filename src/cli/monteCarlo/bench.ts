import { readFileSync } from 'node:fs';
import { parsePlan } from '../../domain/plan/parse';
import type { Plan } from '../../domain/plan/schema';
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

// One plan object per file, as a command that runs several Monte Carlos of a plan has: the
// workers then keep what they prepared for it between calls.
const plans = new Map<string, { source: string; plan: Plan }>();

function loaded(fileName: string): { source: string; plan: Plan } {
  let entry = plans.get(fileName);
  if (!entry) {
    const source = readFileSync(fileName, 'utf8');
    const parsed = parsePlan(source, fileName);
    if (!parsed.ok) throw new Error(`${fileName} does not parse`);
    entry = { source, plan: parsed.plan };
    plans.set(fileName, entry);
  }
  return entry;
}

/**
 * For `npm run bench`: a Monte Carlo of the example canary (1,000 runs unless told), in the
 * process's worker threads; returns the wall time in ms (worker start-up the first time, runs and
 * aggregation) and the run itself. The threads stay for the next call, as they do for a CLI
 * command that runs several.
 *
 * @example
 * const { wallMs } = await benchMonteCarlo(); // wall ms: worker start-up, 1,000 runs, aggregation
 * const two = await benchMonteCarlo({ runs: 10_000, workers: 2 }); // the same threads, warm
 */
export async function benchMonteCarlo(options: MonteCarloBenchOptions = {}): Promise<{ wallMs: number; run: MonteCarloRun }> {
  const fileName = options.file ?? 'examples/canary.release.yaml';
  const { source, plan } = loaded(fileName);
  const scenario = options.scenario ?? Object.keys(plan.scenarios)[0] ?? 'default';
  const seed = plan.scenarios[scenario]?.seed ?? 1;
  const run = await runMonteCarlo({
    source,
    fileName,
    plan,
    scenario,
    baseSeed: seed,
    runs: options.runs ?? 1000,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.workerScript !== undefined ? { workerScript: options.workerScript } : {}),
  });
  return { wallMs: run.wallMs, run };
}
