import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parsePlan } from '../../domain/plan/parse';
import type { Plan } from '../../domain/plan/schema';
import { candidateVerdict } from '../../domain/simulator/monteCarlo';
import { runSeeds } from '../../domain/simulator/runSeeds';
import { chooseScenario } from '../../domain/simulator/scenarioDefaults';
import { DEFAULT_BOUNDS, withBound, type TuneBounds } from '../../domain/tuner/bounds';
import { knobsOf } from '../../domain/tuner/knobs';
import { searchPlans, type Evaluation, type Targets } from '../../domain/tuner/search';
import { changesOf, tunedSource } from '../../domain/tuner/tunedSource';
import { formatTuneReport } from '../../text/tune';
import { formatPercent } from '../../text/units';
import { flag, integerOption, rejectUnknownOptions, stringOption, UsageError, type ParsedArgs } from '../args';
import { EXIT } from '../exitCodes';
import type { CliIO } from '../io';
import { nextTurn } from '../monteCarlo/pool';
import { preparePlan } from '../monteCarlo/prepare';
import { isFromManifests, manifestsRefused } from '../loadPlan';

const OPTIONS = ['scenario', 'good', 'min-detection', 'max-false-alarm', 'runs', 'seed', 'budget', 'bound', 'out', 'json'] as const;
const DEFAULT_RUNS = 200;
const DEFAULT_BUDGET = 120;

/** "99%", "99.5%" or "0.99" as a share from 0 to 1. */
function shareOption(args: ParsedArgs, name: string, fallback: number): number {
  const text = stringOption(args, name);
  if (text === undefined) return fallback;
  const match = /^(\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!(value >= 0 && value <= 1)) throw new UsageError(`--${name} must be a percentage such as 99% (or a share such as 0.99), got "${text}"`);
  return value;
}

function boundsOption(args: ParsedArgs): TuneBounds {
  let bounds = DEFAULT_BOUNDS;
  for (const part of (stringOption(args, 'bound') ?? '').split(',').filter(Boolean)) {
    const next = withBound(bounds, part.trim());
    if (!next.ok) throw new UsageError(`--bound ${next.error}`);
    bounds = next.bounds;
  }
  return bounds;
}

/** Beside the plan: checkout.release.yaml → checkout.tuned.release.yaml. */
export function tunedFileName(file: string): string {
  const name = basename(file);
  const tuned = name.endsWith('.release.yaml') ? name.replace(/\.release\.yaml$/, '.tuned.release.yaml') : name.replace(/(\.ya?ml)?$/, '.tuned$1');
  return join(dirname(file), tuned);
}

/** Runs the common seeds of both scenarios for one candidate plan; undefined when its text is no valid plan. */
function evaluator(fileName: string, scenarios: { bad: string; good: string }, seeds: { baseSeed: number; runs: number }) {
  return async (text: string): Promise<Evaluation | undefined> => {
    const parsed = parsePlan(text, fileName);
    if (!parsed.ok || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    const plan: Plan = parsed.plan;
    const bad = await runSeeds(plan, scenarios.bad, { ...seeds, yieldNow: nextTurn });
    const good = await runSeeds(plan, scenarios.good, { ...seeds, yieldNow: nextTurn });
    if (!bad || !good) return undefined;
    return {
      detected: bad.samples.filter((s) => s.outcome === 'rolledBack' || s.outcome === 'aborted').length,
      badRuns: bad.samples.length,
      alarms: good.samples.filter((s) => s.outcome !== 'promoted').length,
      goodRuns: good.samples.length,
      durations: good.samples.map((s) => s.figures.durationMs),
      userErrors: bad.samples.map((s) => s.figures.userErrors),
    };
  };
}

/**
 * `switchyard tune PLAN --scenario bad-version [--good good-version] [--min-detection 99%]
 * [--max-false-alarm 1%] [--runs N] [--seed N] [--budget N] [--bound NAME=MIN..MAX,...] [--out FILE]`:
 * searches the plan's gates (interval, count, failure limit, thresholds) and timing (pauses,
 * promotion delay, iterations) for the fastest plan that still catches the bad version and
 * leaves the good one alone, on seeds common to every candidate; prints the Pareto front and a
 * plot, and writes the chosen plan beside the original with its comments kept.
 *
 * @example
 * switchyard tune examples/canary.release.yaml --scenario bad-version
 */
export async function runTune(args: ParsedArgs, io: CliIO): Promise<number> {
  rejectUnknownOptions(args, OPTIONS);
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('tune needs one plan: switchyard tune PLAN --scenario bad-version [--good good-version]');
  const badName = stringOption(args, 'scenario');
  if (badName === undefined) throw new UsageError('tune needs --scenario S, the scenario with the bad version the plan must catch');
  const targets: Targets = { minDetection: shareOption(args, 'min-detection', 0.99), maxFalseAlarm: shareOption(args, 'max-false-alarm', 0.01) };
  const runs = integerOption(args, 'runs') ?? DEFAULT_RUNS;
  const budget = integerOption(args, 'budget') ?? DEFAULT_BUDGET;
  if (runs < 1 || budget < 1) throw new UsageError('--runs and --budget must be at least 1');
  const bounds = boundsOption(args);

  const prepared = preparePlan(file, badName, integerOption(args, 'seed'), io);
  if (typeof prepared === 'number') return prepared;
  // tune rewrites the plan's own text, which a manifest is not.
  if (isFromManifests(prepared.plan)) throw new UsageError(manifestsRefused(file, 'tune'));
  const goodName = stringOption(args, 'good') ?? 'good-version';
  const good = chooseScenario(prepared.plan, goodName);
  if (!good.ok) throw new UsageError(`${file}: no scenario "${goodName}" for the good version; name one with --good`);
  const bad = chooseScenario(prepared.plan, prepared.scenario);
  if (bad.ok && !candidateVerdict(bad.scenario).bad) io.err(`${file}: note: in "${prepared.scenario}" the candidate is not bad by Switchyard's measure (${candidateVerdict(bad.scenario).why}): detection there means little`);
  if (candidateVerdict(good.scenario).bad) io.err(`${file}: note: in "${good.name}" the candidate is bad (${candidateVerdict(good.scenario).why}): its alarms are not false`);

  const knobs = knobsOf(prepared.plan, bounds);
  const evaluate = evaluator(file, { bad: prepared.scenario, good: good.name }, { baseSeed: prepared.baseSeed, runs });
  let tried = 0;
  const result = await searchPlans(knobs, targets, (values) => evaluate(tunedSource(prepared.source, knobs, values)), {
    budget,
    onCandidate: () => {
      tried += 1;
      if (tried % 10 === 0) io.err(`tune: ${tried} candidates tried`);
    },
  });
  const context = { file, bad: prepared.scenario, good: good.name, runs, baseSeed: prepared.baseSeed, targets, knobs };
  const chosen = result.chosen;
  let written: string | undefined;
  if (chosen && chosen !== result.original) {
    written = stringOption(args, 'out') ?? tunedFileName(file);
    const header = [
      ` Tuned by \`switchyard tune\` from ${basename(file)}: the fastest plan found that catches "${prepared.scenario}"`,
      ` in ${formatPercent(chosen.detection)} of ${runs} seeded runs and stops "${good.name}" in ${formatPercent(chosen.falseAlarm)} of them.`,
      ` Changed: ${changesOf(knobs, chosen.values).join(', ')}.`,
    ].join('\n');
    writeFileSync(written, tunedSource(prepared.source, knobs, chosen.values, header));
  }
  if (flag(args, 'json')) {
    io.out(JSON.stringify({ ...context, knobs: knobs.map((knob) => ({ label: knob.label, path: knob.path, current: knob.current, min: knob.min, max: knob.max })), tried: result.tried.map(({ evaluation: _e, ...candidate }) => candidate), chosen: chosen?.id ?? null, written: written ?? null, stoppedBecause: result.stoppedBecause }, null, 2));
  } else {
    io.out(formatTuneReport(result, context).join('\n'));
    if (written) io.out(`wrote ${written}`);
  }
  return chosen ? EXIT.promoted : EXIT.failed;
}
