export { parseCondition, type ConditionParse } from './condition';
export { classifyMeasurement, type ConditionEvaluator, type ValuePhase } from './measurementPhase';
export { addMeasurement, assessGate, worstPhase, EMPTY_TALLY, type GateTally, type GateLimits, type GateStatus } from './gateTally';
export { compileGate, type CompiledGate, type GateCompilation } from './compileGate';
export { summarizeGate, formatValue } from './summary';
