import { EXIT } from '../exitCodes';
import { formatDistribution } from '../format/distribution';
import type { CliIO } from '../io';
import { runMonteCarlo } from './pool';
import type { PreparedPlan } from './prepare';
import { progressReporter } from './progress';

export interface MonteCarloCommandOptions {
  runs: number;
  workers?: number | undefined;
  json: boolean;
}

/**
 * `switchyard simulate PLAN --runs N`: runs the Monte Carlo with a progress bar on a terminal's
 * stderr, prints the distribution table (or JSON) and exits 0.
 *
 * @example
 * await simulateRuns(prepared, { runs: 1000, json: false }, io); // prints the table, returns 0
 */
export async function simulateRuns(prepared: PreparedPlan, options: MonteCarloCommandOptions, io: CliIO): Promise<number> {
  const bar = progressReporter(io, prepared.scenario);
  const result = await runMonteCarlo({
    source: prepared.source,
    fileName: prepared.file,
    plan: prepared.plan,
    scenario: prepared.scenario,
    baseSeed: prepared.baseSeed,
    runs: options.runs,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    onProgress: bar.update,
  }).finally(bar.finish);
  if (options.json) {
    io.out(JSON.stringify({ file: prepared.file, service: prepared.plan.service, scenario: prepared.scenario, ...result.summary }, null, 2));
  } else {
    io.out(formatDistribution(result.summary, { fileName: prepared.file, scenario: prepared.scenario, wallMs: result.wallMs, workers: result.workers }, io.outStyle));
  }
  return EXIT.promoted;
}
