import type { Plan } from '../../domain/plan/schema';
import { chooseScenario } from '../../domain/simulator/scenarioDefaults';
import { EXIT } from '../exitCodes';
import { formatDiagnostics, summarizeDiagnostics } from '../../text/diagnostics';
import type { CliIO } from '../io';
import { loadPlan } from '../loadPlan';

/** A plan ready to simulate: loaded, valid, scenario chosen, base seed decided. */
export interface PreparedPlan {
  file: string;
  source: string;
  plan: Plan;
  scenario: string;
  /** --seed, else the scenario's seed, else 1. */
  baseSeed: number;
}

/**
 * Loads a plan and checks it has the scenario; on a problem prints it to stderr and returns the
 * exit code instead (2 invalid plan, 64 unknown scenario).
 *
 * @example
 * preparePlan('rolling.release.yaml', 'nope', undefined, io);
 * // stderr: rolling.release.yaml: no scenario "nope"; this plan has "good-version", "bad-version"
 * // => 64
 */
export function preparePlan(file: string, scenarioName: string | undefined, seed: number | undefined, io: CliIO): PreparedPlan | number {
  const loaded = loadPlan(file);
  if (!loaded.ok) {
    io.err(loaded.ioError ?? `${formatDiagnostics(file, loaded.source, loaded.diagnostics, io.errStyle)}\n\n${file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing was simulated`);
    return EXIT.invalidPlan;
  }
  const names = Object.keys(loaded.plan.scenarios);
  const chosen = chooseScenario(loaded.plan, scenarioName);
  if (!chosen.ok) {
    io.err(`${file}: no scenario "${scenarioName ?? ''}"; this plan has ${names.length ? names.map((s) => `"${s}"`).join(', ') : 'no scenarios'}`);
    return EXIT.usage;
  }
  return { file, source: loaded.source, plan: loaded.plan, scenario: chosen.name, baseSeed: seed ?? chosen.scenario.seed ?? 1 };
}
