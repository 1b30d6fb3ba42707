export { simulate } from './simulate';
export { runSimulation, routingModeOf, statePath, DEFAULT_INTERVAL_MS, DEFAULT_MAX_DURATION_MS } from './engine';
export type { SimulateOptions, MachineDriver, StepStatus } from './engine';
export { chooseScenario, DEFAULT_SCENARIO_NAME } from './scenarioDefaults';
export { createRandom } from './random';
export type { Random } from './random';
export type { Figures, InstanceCounts, JournalEvent, RoleMetrics, RunResult, Snapshot } from './types';
