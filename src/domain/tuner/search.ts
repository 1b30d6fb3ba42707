import type { Knob } from './knobs';

/** What a plan must reach: the bad version caught at least this often, the good one stopped at most this often. */
export interface Targets {
  minDetection: number;
  maxFalseAlarm: number;
}

/** One candidate's figures over the common seeds: bad-version runs for safety, good-version runs for speed. */
export interface Evaluation {
  /** Bad version: runs that rolled back or aborted, of `badRuns`. */
  detected: number;
  badRuns: number;
  /** Good version: runs that rolled back, aborted or stopped after a failed or inconclusive gate, of `goodRuns`. */
  alarms: number;
  goodRuns: number;
  /** Good version: each run's duration (ms). */
  durations: readonly number[];
  /** Bad version: each run's requests that failed for users. */
  userErrors: readonly number[];
}

export interface Candidate {
  /** 0 is the plan as written; the others in the order they were tried. */
  id: number;
  /** One value per knob. */
  values: readonly number[];
  evaluation: Evaluation;
  detection: number;
  falseAlarm: number;
  meanDurationMs: number;
  meanUserErrors: number;
  /** How far from the targets (0: meets them, and is no less safe than the plan as written). */
  shortfall: number;
}

export interface SearchResult {
  tried: Candidate[];
  original: Candidate;
  /** The fastest candidate that meets the targets (fewest users with errors among equals); undefined when none does. */
  chosen: Candidate | undefined;
  /** Why the search stopped: "no move made it faster", or "budget of N candidates spent". */
  stoppedBecause: string;
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length);

/** Lower is better: first the shortfall, then the duration, then users with errors. */
function better(a: Candidate, b: Candidate): boolean {
  if (a.shortfall !== b.shortfall) return a.shortfall < b.shortfall;
  if (a.meanDurationMs !== b.meanDurationMs) return a.meanDurationMs < b.meanDurationMs;
  return a.meanUserErrors < b.meanUserErrors;
}

/**
 * Searches the knobs' values for the fastest plan that meets the targets, never less safe than
 * the plan as written (its detection on the same seeds is a floor once it meets the targets
 * itself). Hill climbing from the plan as written: each round tries every knob one step either
 * way, then every improving step at once, and moves to the best; it stops when nothing improves
 * or the budget of candidates is spent. `evaluate` runs the common seeds for a set of values, or
 * gives undefined for values that make no valid plan (those are skipped).
 *
 * @example
 * const result = await searchPlans(knobs, { minDetection: 0.99, maxFalseAlarm: 0.01 }, evaluate, { budget: 100 });
 * result.chosen?.meanDurationMs; // the fastest plan that still catches the bad version
 */
export async function searchPlans(knobs: readonly Knob[], targets: Targets, evaluate: (values: readonly number[]) => Promise<Evaluation | undefined>, options: { budget: number; onCandidate?: (candidate: Candidate) => void }): Promise<SearchResult> {
  const tried: Candidate[] = [];
  const seen = new Map<string, Candidate | undefined>();
  let floor = 0;
  const score = (id: number, values: readonly number[], evaluation: Evaluation): Candidate => {
    const detection = evaluation.badRuns === 0 ? 0 : evaluation.detected / evaluation.badRuns;
    const falseAlarm = evaluation.goodRuns === 0 ? 0 : evaluation.alarms / evaluation.goodRuns;
    const shortfall = Math.max(0, targets.minDetection - detection) + Math.max(0, falseAlarm - targets.maxFalseAlarm) + Math.max(0, floor - detection);
    return { id, values, evaluation, detection, falseAlarm, meanDurationMs: mean(evaluation.durations), meanUserErrors: mean(evaluation.userErrors), shortfall };
  };
  const tryValues = async (values: readonly number[]): Promise<Candidate | undefined> => {
    const key = values.join(',');
    if (seen.has(key)) return seen.get(key);
    if (tried.length >= options.budget) return undefined;
    const evaluation = await evaluate(values);
    if (!evaluation) {
      seen.set(key, undefined);
      return undefined;
    }
    const candidate = score(tried.length, values, evaluation);
    tried.push(candidate);
    seen.set(key, candidate);
    options.onCandidate?.(candidate);
    return candidate;
  };

  const first = await tryValues(knobs.map((knob) => knob.current));
  if (!first) throw new Error('a tuning budget of at least one candidate is needed');
  // The plan as written sets the floor once it meets the targets: a tuned plan is never less safe.
  floor = first.shortfall === 0 ? first.detection : 0;
  let current = first;
  let stoppedBecause = 'no single move made it faster or safer';
  for (;;) {
    const moves: { knob: number; candidate: Candidate }[] = [];
    for (const [index, knob] of knobs.entries()) {
      for (const value of knob.neighbours(current.values[index] ?? knob.current)) {
        const candidate = await tryValues(current.values.map((v, i) => (i === index ? value : v)));
        if (candidate) moves.push({ knob: index, candidate });
      }
    }
    const improving = new Map<number, Candidate>();
    for (const { knob, candidate } of moves) {
      const best = improving.get(knob);
      if (better(candidate, current) && (!best || better(candidate, best))) improving.set(knob, candidate);
    }
    let next: Candidate | undefined;
    for (const candidate of improving.values()) if (!next || better(candidate, next)) next = candidate;
    if (improving.size > 1) {
      const combined = await tryValues(current.values.map((v, i) => improving.get(i)?.values[i] ?? v));
      if (combined && next && better(combined, next)) next = combined;
    }
    if (tried.length >= options.budget) stoppedBecause = `the budget of ${options.budget} candidates was spent`;
    if (!next) break;
    current = next;
    if (tried.length >= options.budget) break;
  }
  const feasible = tried.filter((candidate) => candidate.shortfall === 0);
  let chosen: Candidate | undefined;
  for (const candidate of feasible) if (!chosen || better(candidate, chosen)) chosen = candidate;
  return { tried, original: first, chosen, stoppedBecause };
}
