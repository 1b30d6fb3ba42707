/**
 * How one measurement of a metric gate is judged, with Argo Rollouts' rules.
 *
 * Argo evaluates the failure condition first, so a value that meets both conditions fails. A
 * missing condition is the negation of the other one, which is what makes a gate with only
 * `successCondition: result < 0.01` fail at 0.02 rather than come back inconclusive.
 */

/** A compiled condition over `result`, as `parseCondition` returns it. */
export interface ConditionEvaluator {
  evaluate(result: number): boolean;
}

/** The phase of one measurement that produced a value. Errors are decided before this point. */
export type ValuePhase = 'successful' | 'failed' | 'inconclusive';

/**
 * Judge one measured value against a gate's conditions.
 *
 * @example
 * // successCondition "result < 0.01", failureCondition "result >= 0.05"
 * classifyMeasurement(0.002, success, failure); // 'successful'
 * classifyMeasurement(0.03, success, failure);  // 'inconclusive' (neither holds)
 * classifyMeasurement(0.08, success, failure);  // 'failed'
 * classifyMeasurement(0.03, success, undefined); // 'failed' (success alone: false means failed)
 */
export function classifyMeasurement(
  value: number,
  success: ConditionEvaluator | undefined,
  failure: ConditionEvaluator | undefined,
): ValuePhase {
  if (!success && !failure) return 'successful';
  let succeeded = success ? success.evaluate(value) : false;
  let failed = failure ? failure.evaluate(value) : false;
  if (success && !failure) failed = !succeeded;
  if (failure && !success) succeeded = !failed;
  if (failed) return 'failed';
  return succeeded ? 'successful' : 'inconclusive';
}
