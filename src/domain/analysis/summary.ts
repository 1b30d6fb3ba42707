import { formatDuration } from '../strategies/describe';
import type { AnalysisCheck, AnalysisPhase, Measurement } from '../strategies/effects';
import type { GateLimits, GateTally } from './gateTally';

/**
 * One line that tells an operator why a gate ended as it did.
 *
 * @example
 * summarizeGate('error-rate', 'failed', { count: 3, failed: 3, ... }, last, 'failure when result >= 0.05');
 * // "error-rate: 3 of 3 measurements failed (last 0.12, failure when result >= 0.05)"
 * summarizeGate('error-rate', 'inconclusive', { count: 0, errors: 3, ... }, last, undefined, limits);
 * // "error-rate: no successful measurement (3 measurement errors; last: Prometheus unreachable ...)"
 */
export function summarizeGate(
  name: string,
  phase: AnalysisPhase,
  tally: GateTally,
  last: Measurement | undefined,
  condition: string | undefined,
  limits?: GateLimits,
): string {
  const lastText = last?.message !== undefined ? (last.value != null ? last.message : `last: ${last.message}`) : last?.value != null ? `last ${formatValue(last.value)}` : undefined;
  const detail = [lastText, condition].filter((part) => part).join(', ');
  const suffix = detail ? ` (${detail})` : '';
  switch (phase) {
    case 'successful':
      return `${name}: ${tally.successful} of ${tally.count} measurements successful${withinLimit(tally, limits)}${suffix}`;
    case 'failed':
      return `${name}: ${tally.failed} of ${tally.count} measurements failed${limits && limits.failureLimit > 0 ? `, more than failureLimit ${limits.failureLimit}` : ''}${suffix}`;
    case 'inconclusive':
      if (limits && tally.inconclusive > limits.inconclusiveLimit) return `${name}: ${tally.inconclusive} of ${tally.count} measurements inconclusive${limits.inconclusiveLimit > 0 ? `, more than inconclusiveLimit ${limits.inconclusiveLimit}` : ''}${suffix}`;
      return `${name}: no successful measurement (${withoutData(tally, lastText)})`;
    case 'error':
      return `${name}: ${tally.consecutiveErrors} measurement errors in a row${limits ? `, more than consecutiveErrorLimit ${limits.consecutiveErrorLimit}` : ''}${suffix}`;
  }
}

/** A gate that passed despite failed measurements says its failureLimit allowed them. */
function withinLimit(tally: GateTally, limits: GateLimits | undefined): string {
  if (!limits || tally.failed === 0) return '';
  return `, ${tally.failed} failed within failureLimit ${limits.failureLimit}`;
}

/**
 * Why a gate measures again after a measurement that did not succeed: what its limits allow, in
 * the plan's own terms. Undefined for a successful measurement.
 *
 * @example
 * toleratedWords({ ...EMPTY_TALLY, count: 1, failed: 1 }, { failureLimit: 1, inconclusiveLimit: 0, consecutiveErrorLimit: 4 }, 'failed');
 * // "1 of 1 failed measurements allowed (failureLimit 1)"
 * toleratedWords({ ...EMPTY_TALLY, errors: 2, consecutiveErrors: 2 }, limits, 'error');
 * // "2 of 4 measurement errors in a row allowed (consecutiveErrorLimit 4)"
 */
export function toleratedWords(tally: GateTally, limits: GateLimits, phase: Measurement['phase']): string | undefined {
  switch (phase) {
    case 'successful':
      return undefined;
    case 'failed':
      return `${tally.failed} of ${limits.failureLimit} failed measurements allowed (failureLimit ${limits.failureLimit})`;
    case 'inconclusive':
      return `${tally.inconclusive} of ${limits.inconclusiveLimit} inconclusive measurements allowed (inconclusiveLimit ${limits.inconclusiveLimit})`;
    case 'error':
      return `${tally.consecutiveErrors} of ${limits.consecutiveErrorLimit} measurement errors in a row allowed (consecutiveErrorLimit ${limits.consecutiveErrorLimit})`;
  }
}

/**
 * Where a Flagger-style loop stands after a check that did not pass: the failed checks so far
 * against the loop's `threshold`, and whether it checks again. Flagger's `threshold` counts the
 * failed checks that end the analysis, so a threshold of 2 carries on after the first.
 *
 * @example
 * checkWords({ failedChecks: 0, threshold: 2, intervalMs: 60_000 }); // "1 of 2 failed checks (threshold 2): next check after 1m"
 * checkWords({ failedChecks: 1, threshold: 2, intervalMs: 60_000 }); // "2 of 2 failed checks (threshold 2 reached)"
 */
export function checkWords(check: AnalysisCheck): string {
  const failed = check.failedChecks + 1;
  const count = `${failed} of ${check.threshold} failed check${check.threshold === 1 ? '' : 's'}`;
  if (failed >= check.threshold) return `${count} (threshold ${check.threshold} reached)`;
  return `${count} (threshold ${check.threshold}): next check after ${formatDuration(check.intervalMs, ' ')}`;
}

function withoutData(tally: GateTally, lastText: string | undefined): string {
  const parts: string[] = [];
  if (tally.count > 0) parts.push(`${tally.count} measured, ${tally.inconclusive} inconclusive`);
  if (tally.errors > 0) parts.push(`${tally.errors} measurement error${tally.errors === 1 ? '' : 's'}`);
  if (parts.length === 0) parts.push('stopped before its first measurement');
  if (lastText) parts.push(lastText);
  return parts.join('; ');
}

/**
 * A metric value short enough for a timeline: 4 significant digits, no exponent for rates.
 *
 * @example
 * formatValue(0.0012346); // "0.001235"
 * formatValue(212.4);     // "212.4"
 */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return value.toFixed(0);
  return Number(value.toPrecision(4)).toString();
}
