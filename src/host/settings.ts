import * as vscode from 'vscode';

/** The user's defaults under `switchyard.*` (contributes.configuration in package.json). */
export interface Settings {
  /** undefined: the scenario's own seed. */
  seed: number | undefined;
  monteCarloRuns: number;
  /** Virtual seconds per real second when the panel replays a run. */
  simulationSpeed: number;
  /** Seeded runs per scenario behind the live risk lens; 0 turns it off. */
  riskRuns: number;
}

export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration('switchyard', scope);
  const seed = config.get<number | null>('simulation.seed', null);
  return {
    seed: typeof seed === 'number' ? seed : undefined,
    monteCarloRuns: config.get<number>('simulation.monteCarloRuns', 200),
    simulationSpeed: config.get<number>('simulation.speed', 60),
    riskRuns: config.get<number>('simulation.riskRuns', 1000),
  };
}
