/**
 * How big a plan and its numbers may be. Each bound is far above what a real release needs and
 * low enough that lint (on every edit), the timeline estimate and a simulation stay quick: the
 * simulator models every instance, step and measurement, so a number that is only a typo (a
 * billion replicas, a million iterations) would otherwise run for minutes and gigabytes.
 */

/** A plan is a few kilobytes; the editor and lint read the whole file on every edit. */
export const MAX_PLAN_CHARACTERS = 1_000_000;
/** Lists and maps inside each other: a plan needs fewer than ten levels; reading deeper ones takes deep recursion. */
export const MAX_NESTING = 64;
/** Lint and the editor check every scenario on every edit. */
export const MAX_SCENARIOS = 10_000;
/** Replicas, preview and canary counts: a simulation models each instance. */
export const MAX_INSTANCES = 100_000;
/** Surge, unavailability and batch sizes as a share of the replicas. */
export const MAX_PERCENT_OF_REPLICAS = 1000;
/** Any duration: a release step longer than a week is a typo. */
export const MAX_DURATION_MS = 7 * 24 * 3_600_000;
/** Any duration written as whole seconds (progressDeadlineSeconds, ...). */
export const MAX_SECONDS = MAX_DURATION_MS / 1000;
/** Iterations, measurements per gate, failure limits, thresholds: each one is simulated. */
export const MAX_REPEATS = 1000;
/** Steps, gates, faults, matches and other lists: each entry is checked and simulated. */
export const MAX_LIST_ITEMS = 1000;
/** Steps a strategy resolves to (rolling batches, Argo Rollouts waves): each one is simulated. */
export const MAX_RESOLVED_STEPS = 10_000;
/** Measurements of the gates without count that watch a canary: each one is simulated. */
export const MAX_BACKGROUND_MEASUREMENTS = 20_000;
/** A simulation stops after this much virtual time (the simulator's DEFAULT_MAX_DURATION_MS). */
export const SIMULATION_HORIZON_MS = 24 * 3_600_000;
/** Requests per second of one service (the simulator's figures are counts of requests). */
export const MAX_RPS = 1_000_000;
/** A request slower than this has long timed out. */
export const MAX_LATENCY_MS = 600_000;
/** A crash every second of every instance. */
export const MAX_CRASHES_PER_HOUR = 3600;
/** How much slower a slowBoot fault makes booting. */
export const MAX_BOOT_FACTOR = 100;
/** The simulator's random generator takes 32-bit seeds. */
export const MAX_SEED = 4_294_967_295;
/** Linear canary increments: 100 / stepWeight steps, at most MAX_LIST_ITEMS of them. */
export const MIN_STEP_WEIGHT = 100 / MAX_LIST_ITEMS;

/**
 * A bound's message as zod carries it (a string: zod rewrites a `{ message }` object it is
 * given) and a diagnostic shows it after the value:
 * "replicas: 1000000000 is too large; at most 100,000 (a simulation models each instance)".
 *
 * @example
 *   atMost(100_000, 'a simulation models each instance'); // 'at most 100,000 (a simulation models each instance)'
 */
export function atMost(limit: number, why: string, unit = ''): string {
  return `at most ${formatCount(limit)}${unit} (${why})`;
}

/** The lower bound's message: "at least 0.1 (...)". */
export function atLeast(limit: number, why: string): string {
  return `at least ${formatCount(limit)} (${why})`;
}

/** 100000 as "100,000", as a person reads a limit. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** "12,000 scenarios; at most 10,000 (...)", said at the first scenario past the limit. */
export function tooManyScenarios(count: number): string {
  return `${formatCount(count)} scenarios; ${atMost(MAX_SCENARIOS, 'lint and the editor check every scenario on every edit')}`;
}
