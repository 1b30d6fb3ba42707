/**
 * The heavy half of the extension (the plan schema with zod, YAML, XState machines, the
 * simulator and the release panel that drives it), bundled on its own as dist/engine.js and
 * loaded by `engine()` on first use, so activation reads a small bundle. Only modules that reach
 * the schema, the parser, a machine or the simulator belong here; src/text, which reaches only
 * domain modules without dependencies, stays in extension.js. The release panel comes with it.
 * This folder is the extension's bundle split: only src/host imports it.
 */
export { parsePlan } from '../domain/plan/parse';
export { engineSemantics, STRATEGY_KINDS } from '../domain/plan/schema';
export { strategyKindOf } from '../domain/strategies';
export { simulate } from '../domain/simulator/simulate';
export { estimateTimeline as estimateTimelineDetail } from '../domain/simulator/estimate';
export { chooseScenario } from '../domain/simulator/scenarioDefaults';
export { runSeeds } from '../domain/simulator/runSeeds';
export { compareOnce, compareOverSeeds, setUpComparison } from '../domain/simulator/comparison';
export { ReleasePanel } from '../host/panel/releasePanel';
export { candidateVerdict, summarizeRuns } from '../domain/simulator/monteCarlo';
export { riskScenarios } from '../domain/simulator/riskScenarios';
export { detectManifests } from '../domain/manifests/detect';
export { planFromManifests } from '../domain/manifests/convert';
