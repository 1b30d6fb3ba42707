import type * as vscode from 'vscode';
import type { Plan } from '../domain/plan/schema';
import type { MonteCarloSummary } from '../domain/simulator/monteCarlo';
import { engine } from '../bundles/loadEngine';

/** Seeds per slice: a few milliseconds of simulation each, so the extension host answers between them. */
export const SEEDS_PER_SLICE = 5;

/** A turn of the extension host's event loop between slices (a timer where there is no setImmediate: a web worker). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * A Monte Carlo in this thread (runSeeds, from engine.js), in small slices that yield to the
 * event loop, so it reports progress and stops when cancelled. (The CLI's worker pool is faster
 * on many cores but would ship a second 1.3 MB bundle in the VSIX.) Undefined when cancelled.
 */
export async function runManySeeds(
  plan: Plan,
  scenario: string,
  baseSeed: number,
  runs: number,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<MonteCarloSummary | undefined> {
  let reported = 0;
  const result = await engine().runSeeds(plan, scenario, {
    baseSeed,
    runs,
    chunk: SEEDS_PER_SLICE,
    signal: token,
    yieldNow: nextTurn,
    onProgress: (done, total) => {
      progress.report({ message: `${done} of ${total} runs`, increment: (100 * (done - reported)) / total });
      reported = done;
    },
  });
  return result?.summary;
}

/** The seed a scenario starts from: the setting, else the scenario's own, else 1 (as the CLI). */
export function baseSeedOf(plan: Plan, scenario: string, setting: number | undefined): number {
  if (setting !== undefined) return setting;
  const chosen = engine().chooseScenario(plan, scenario);
  return (chosen.ok ? chosen.scenario.seed : undefined) ?? 1;
}
