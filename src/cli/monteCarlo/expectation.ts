import type { MonteCarloSummary } from '../../domain/simulator/monteCarlo';
import type { Outcome } from '../../domain/strategies/effects';
import { fractionOption, stringOption, UsageError, type ParsedArgs } from '../args';
import { outcomeWords } from '../../text/run';
import { formatCount, formatPercent } from '../../text/units';

/** `--expect OUTCOME --at-least P` with `--runs`: at least that share of runs must end so. */
export interface RunsExpectation {
  outcome: Outcome;
  atLeast: number;
}

const OUTCOMES: readonly Outcome[] = ['promoted', 'rolledBack', 'aborted', 'paused', 'failed'];

/**
 * The expectation of a Monte Carlo, or undefined when none is set. `--expect` alone describes one
 * run and `--at-least` alone has no outcome to count, so each needs the other.
 *
 * @example
 * runsExpectation(parseArgs(['--expect', 'rolledBack', '--at-least', '0.95'], ['expect', 'at-least']));
 * // { outcome: 'rolledBack', atLeast: 0.95 }
 */
export function runsExpectation(args: ParsedArgs): RunsExpectation | undefined {
  const outcome = stringOption(args, 'expect');
  const atLeast = fractionOption(args, 'at-least');
  if (outcome === undefined && atLeast === undefined) return undefined;
  if (outcome === undefined) throw new UsageError('--at-least needs --expect OUTCOME: the outcome that share of the runs must end with');
  const known = OUTCOMES.find((candidate) => candidate === outcome);
  if (known === undefined) throw new UsageError(`--expect must be one of ${OUTCOMES.join(', ')}, got "${outcome}"`);
  if (atLeast === undefined) throw new UsageError(`--expect describes one run; with --runs add --at-least P, the share of runs (0..1) that must end ${outcomeWords(known)}`);
  return { outcome: known, atLeast };
}

/**
 * Whether the runs met the expectation, and if not the line that says by how much.
 *
 * @example
 * expectationShortfall(summary, { outcome: 'rolledBack', atLeast: 0.95 });
 * // 'expected at least 95% of runs to end rolled back, but 18 of 20 (90.0%) did'
 */
export function expectationShortfall(summary: MonteCarloSummary, expectation: RunsExpectation): string | undefined {
  const { count, probability } = summary.outcomes[expectation.outcome];
  if (probability >= expectation.atLeast) return undefined;
  return `expected at least ${Number((expectation.atLeast * 100).toFixed(4))}% of runs to end ${outcomeWords(expectation.outcome)}, but ${formatCount(count)} of ${formatCount(summary.runs)} (${formatPercent(probability)}) did`;
}
