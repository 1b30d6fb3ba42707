import { EXIT } from '../exitCodes';
import { formatDistribution } from '../../text/distribution';
import type { CliIO } from '../io';
import { expectationShortfall, type RunsExpectation } from './expectation';
import { runMonteCarlo } from './pool';
import type { PreparedPlan } from './prepare';
import { progressReporter } from './progress';

export interface MonteCarloCommandOptions {
  runs: number;
  workers?: number | undefined;
  json: boolean;
  /** `--expect OUTCOME --at-least P`: exit 7 unless that share of runs ended so. */
  expect?: RunsExpectation | undefined;
}

/**
 * `switchyard simulate PLAN --runs N`: runs the Monte Carlo with a progress bar on a terminal's
 * stderr, prints the distribution table (or JSON) and exits 0; with an expectation, 7 when too
 * few runs ended as expected (one line on stderr says how many did).
 *
 * @example
 * await simulateRuns(prepared, { runs: 1000, json: false }, io); // prints the table, returns 0
 * await simulateRuns(prepared, { runs: 20, json: false, expect: { outcome: 'rolledBack', atLeast: 0.95 } }, io);
 * // stderr: expected at least 95% of runs to end rolled back, but 18 of 20 (90.0%) did => 7
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
  const shortfall = options.expect && expectationShortfall(result.summary, options.expect);
  if (options.json) {
    const expectation = options.expect && { ...options.expect, measured: result.summary.outcomes[options.expect.outcome].probability, met: shortfall === undefined };
    io.out(JSON.stringify({ file: prepared.file, service: prepared.plan.service, scenario: prepared.scenario, ...result.summary, ...(expectation ? { expectation } : {}) }, null, 2));
  } else {
    io.out(formatDistribution(result.summary, { fileName: prepared.file, scenario: prepared.scenario, wallMs: result.wallMs, workers: result.workers }, io.outStyle));
  }
  if (shortfall === undefined) return EXIT.promoted;
  io.err(shortfall);
  return EXIT.unexpectedOutcome;
}
