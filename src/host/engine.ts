/**
 * The heavy half of the extension (the plan schema with zod, YAML, XState machines, the
 * simulator and the release panel that drives it), bundled on its own as dist/engine.js and
 * loaded by `engine()` on first use, so activation reads a small bundle. Only modules that reach
 * src/domain at run time belong here; formatting helpers without it stay in extension.js.
 */
export { parsePlan } from '../domain/plan/parse';
export { engineSemantics, STRATEGY_KINDS } from '../domain/plan/schema';
export { describeSteps, strategyKindOf } from '../domain/strategies';
export { simulate } from '../domain/simulator/simulate';
export { estimateTimeline as estimateTimelineDetail } from '../domain/simulator/estimate';
export { chooseScenario } from '../domain/simulator/scenarioDefaults';
export { candidateVerdict, summarizeRuns } from '../domain/simulator/monteCarlo';
export { runShare, seedChunks } from '../cli/monteCarlo/share';
export { formatEstimate } from '../cli/commands/lint';
export { ReleasePanel } from './panel/releasePanel';
