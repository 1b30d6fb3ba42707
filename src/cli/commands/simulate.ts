import { writeFileSync } from 'node:fs';
import { junitXml } from '../../text/junit';
import type { Plan } from '../../domain/plan/schema';
import { simulate } from '../../domain/simulator/simulate';
import type { RunResult } from '../../domain/simulator/types';
import { loadReportAssets } from '../../report/assets';
import { renderReport } from '../../report/renderReport';
import type { Outcome } from '../../domain/strategies/effects';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT, exitCodeForOutcome } from '../exitCodes';
import { formatHeader, formatSummary, formatTimeline, outcomeWords } from '../../text/run';
import { formatNotes } from '../../text/diagnostics';
import type { CliIO } from '../io';
import { notesOf } from '../loadPlan';
import { simulateRuns } from '../monteCarlo/command';
import { runsExpectation } from '../monteCarlo/expectation';
import { preparePlan } from '../monteCarlo/prepare';

export const SIMULATE_OPTIONS = ['scenario', 'seed', 'json', 'expect', 'verbose', 'quiet', 'runs', 'workers', 'report', 'at-least', 'junit'] as const;
const OUTCOMES: readonly Outcome[] = ['promoted', 'rolledBack', 'aborted', 'paused', 'failed'];

/**
 * `switchyard simulate PLAN [--scenario S] [--seed N] [--json] [--expect OUTCOME] [--report FILE]`; with
 * `--runs N` a Monte Carlo over seeds (asynchronous: it runs worker threads).
 */
export function runSimulate(args: ParsedArgs, io: CliIO): number | Promise<number> {
  rejectUnknownOptions(args, SIMULATE_OPTIONS);
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('simulate needs a plan file: switchyard simulate PLAN [--scenario S] [--seed N]');
  const runs = integerOption(args, 'runs');
  if (runs !== undefined) return monteCarlo(args, file, runs, io);
  if (args.options.has('at-least')) throw new UsageError('--at-least needs --runs N: it is the share of N runs that must end as --expect says');
  const expected = stringOption(args, 'expect');
  if (expected !== undefined && !OUTCOMES.includes(expected as Outcome)) {
    throw new UsageError(`--expect must be one of ${OUTCOMES.join(', ')}, got "${expected}"`);
  }

  const prepared = preparePlan(file, stringOption(args, 'scenario'), integerOption(args, 'seed'), io);
  if (typeof prepared === 'number') return prepared;
  printNotes(file, prepared.plan, flag(args, 'json'), io);
  const run = simulate(prepared.plan, { scenario: prepared.scenario, seed: prepared.baseSeed });
  const report = stringOption(args, 'report');
  if (report !== undefined) writeReport(report, prepared.plan, run, io);
  const junit = stringOption(args, 'junit');
  if (junit !== undefined) writeJunit(junit, file, prepared, run, expected as Outcome | undefined, io);
  if (flag(args, 'json')) {
    io.out(JSON.stringify(run, null, 2));
  } else {
    const style = io.outStyle;
    io.out(formatHeader(run, file, style));
    if (!flag(args, 'quiet')) io.out(`\n${formatTimeline(run.events, style, flag(args, 'verbose'))}`);
    io.out(`\n${formatSummary(run, style)}`);
  }

  if (expected === undefined) return exitCodeForOutcome(run.outcome);
  if (run.outcome === expected) return EXIT.promoted;
  io.err(`expected the run to end ${outcomeWords(expected as Outcome)}, but it ${outcomeWords(run.outcome)}: ${run.reason}`);
  return EXIT.unexpectedOutcome;
}

function monteCarlo(args: ParsedArgs, file: string, runs: number, io: CliIO): number | Promise<number> {
  if (runs < 1) throw new UsageError('--runs must be at least 1');
  for (const single of ['verbose', 'quiet'] as const) {
    if (args.options.has(single)) throw new UsageError(`--${single} describes one run; it cannot be combined with --runs`);
  }
  if (args.options.has('junit')) throw new UsageError('--junit reports one run; with --runs use --json, or --expect OUTCOME --at-least P for the exit code');
  const expect = runsExpectation(args);
  const prepared = preparePlan(file, stringOption(args, 'scenario'), integerOption(args, 'seed'), io);
  if (typeof prepared === 'number') return prepared;
  printNotes(file, prepared.plan, flag(args, 'json'), io);
  return simulateRuns(prepared, { runs, workers: integerOption(args, 'workers'), json: flag(args, 'json'), expect }, io);
}

/**
 * A rehearsal of Kubernetes manifests first says what it does not model exactly: on stdout
 * before the run, on stderr when stdout is JSON. A plan file has nothing to say here.
 */
function printNotes(file: string, plan: Plan, json: boolean, io: CliIO): void {
  const notes = notesOf(plan);
  if (notes.length === 0) return;
  if (json) io.err(`${formatNotes(file, notes, io.errStyle)}\n`);
  else io.out(`${formatNotes(file, notes, io.outStyle)}\n`);
}

/** The run as a JUnit test case, failed when it did not end as `--expect` says. */
function writeJunit(target: string, file: string, prepared: { scenario: string; baseSeed: number }, run: RunResult, expected: Outcome | undefined, io: CliIO): void {
  const ended = outcomeWords(run.outcome);
  const missed = expected !== undefined && run.outcome !== expected;
  const name = `${prepared.scenario}, seed ${prepared.baseSeed}: ${expected === undefined ? `ended ${ended}` : `ends ${outcomeWords(expected)}`}`;
  const failure = missed ? { message: `expected the run to end ${outcomeWords(expected)}, but it ${ended}`, details: run.reason } : undefined;
  const xml = junitXml(`switchyard simulate ${file}`, [{ className: file, name, seconds: run.figures.durationMs / 1000, output: `${ended}: ${run.reason}`, ...(failure ? { failure } : {}) }]);
  try {
    writeFileSync(target, xml);
    io.err(`JUnit report written to ${target}`);
  } catch (error) {
    throw new UsageError(`cannot write the JUnit report to ${target}: ${(error as Error).message}`);
  }
}

/** One self-contained HTML file that replays the run offline, to attach to a change request. */
function writeReport(file: string, plan: Plan, run: RunResult, io: CliIO): void {
  try {
    writeFileSync(file, renderReport(plan, run, loadReportAssets()));
    io.err(`report written to ${file}`);
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${(error as Error).message}`);
  }
}
