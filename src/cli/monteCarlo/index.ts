export { runMonteCarlo, defaultWorkerScript } from './pool';
export type { MonteCarloOptions, MonteCarloRun } from './pool';
export { benchMonteCarlo } from './bench';
export type { MonteCarloBenchOptions } from './bench';
export { progressLine } from './progress';
