import type * as vscode from 'vscode';
import type { Plan } from '../domain/plan/schema';
import type { MonteCarloSummary, RunSample } from '../domain/simulator/monteCarlo';
import { engine } from './lazyEngine';

/** Seeds per slice: a few milliseconds of simulation each, so the extension host answers between them. */
const CHUNK = 5;

/**
 * A Monte Carlo in this thread, in small slices that yield to the event loop, so it can report
 * progress and stop when cancelled. (The CLI's worker pool is faster on many cores but cannot be
 * cancelled half-way, and would ship a second 1.3 MB bundle in the VSIX.) Undefined when cancelled.
 */
export async function runManySeeds(
  plan: Plan,
  scenario: string,
  baseSeed: number,
  runs: number,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<MonteCarloSummary | undefined> {
  const { chooseScenario, candidateVerdict, runShare, seedChunks, summarizeRuns } = engine();
  const chosen = chooseScenario(plan, scenario);
  if (!chosen.ok) throw new Error(chosen.error);
  const samples: RunSample[] = [];
  for (const seeds of seedChunks(baseSeed, runs, CHUNK)) {
    if (token.isCancellationRequested) return undefined;
    samples.push(...runShare(plan, chosen.name, seeds));
    progress.report({ message: `${samples.length} of ${runs} runs`, increment: (100 * seeds.length) / runs });
    await new Promise((resolve) => setImmediate(resolve));
  }
  return summarizeRuns(samples, candidateVerdict(chosen.scenario));
}

/** The seed a scenario starts from: the setting, else the scenario's own, else 1 (as the CLI). */
export function baseSeedOf(plan: Plan, scenario: string, setting: number | undefined): number {
  if (setting !== undefined) return setting;
  const chosen = engine().chooseScenario(plan, scenario);
  return (chosen.ok ? chosen.scenario.seed : undefined) ?? 1;
}
