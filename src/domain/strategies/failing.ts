// No imports: the extension, the panel and the CLI read failure from here without loading a machine.

/** The top-level states of a release that failed or is undoing itself. */
export const FAILURE_STATES = ['rollingBack', 'rolledBack', 'aborted', 'failed'] as const;

/**
 * Whether a machine's state value (a snapshot's `value`, or one a journal recorded) is in a
 * failure state: read from the state's structure, never from its name in a message.
 *
 * @example
 * isFailing({ rollingBack: 'switchingTraffic' }); // true
 * isFailing({ progressing: { steps: 'pausing' } }); // false
 */
export function isFailing(value: unknown): boolean {
  const top = typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.keys(value) : [];
  return top.some((state) => (FAILURE_STATES as readonly string[]).includes(state));
}

/** The states in which a live machine waits for a person, wherever they sit in its state value. */
export const OPERATOR_WAIT_STATES = ['paused', 'indefinite', 'holding', 'awaitingPromotion'] as const;

/**
 * Whether a machine's state value waits for an operator: stopped by policy (`paused`), at an
 * indefinite pause step, held by operator.pause, or awaiting a blue-green promotion. Walks the
 * state value's keys and leaves, so a substate's name inside a message never matters.
 *
 * @example
 * awaitsOperator({ progressing: { steps: { pausing: 'indefinite' }, background: 'watching' } }); // true
 */
export function awaitsOperator(value: unknown): boolean {
  if (typeof value === 'string') return (OPERATOR_WAIT_STATES as readonly string[]).includes(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([state, child]) => (OPERATOR_WAIT_STATES as readonly string[]).includes(state) || awaitsOperator(child));
}

/**
 * Whether an outcome undid the release (rolled back, aborted, or failed on the way).
 *
 * @example
 * isUndone('rolledBack'); // true
 */
export function isUndone(outcome: unknown): boolean {
  return outcome === 'rolledBack' || outcome === 'aborted' || outcome === 'failed';
}
