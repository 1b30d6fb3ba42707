export { parseCondition, type ConditionParse } from './condition';
export { classifyMeasurement, type ConditionEvaluator, type ValuePhase } from './measurementPhase';
export { addMeasurement, assessGate, stoppedGatePhase, passedWithoutData, worstPhase, EMPTY_TALLY, type GateTally, type GateLimits, type GateStatus, type GateJudge } from './gateTally';
export { compileGate, type CompiledGate, type GateCompilation, type GateReading } from './compileGate';
export { summarizeGate, formatValue, toleratedWords, checkWords } from './summary';
export { conditionInWords, inconclusiveReason } from './conditionWords';
export { UNITS_OF_METRIC, unitOf, toGateUnit, toModelUnit, implausibleThreshold, withUnit, type MetricUnit } from './units';
export { gateProgress, checkGateProgress, recordMeasurement, everyGateMeasured, analysisEndAfter, summarizeProgress, measurementLine, measurementAllowance, analysisOutput, type GateProgress } from './gateSet';
