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

/**
 * Whether an outcome undid the release (rolled back, aborted, or failed on the way).
 *
 * @example
 * isUndone('rolledBack'); // true
 */
export function isUndone(outcome: unknown): boolean {
  return outcome === 'rolledBack' || outcome === 'aborted' || outcome === 'failed';
}
