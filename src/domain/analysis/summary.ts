import type { AnalysisPhase, Measurement } from '../strategies/effects';
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
      return `${name}: ${tally.successful} of ${tally.count} measurements successful${suffix}`;
    case 'failed':
      return `${name}: ${tally.failed} of ${tally.count} measurements failed${suffix}`;
    case 'inconclusive':
      if (limits && tally.inconclusive > limits.inconclusiveLimit) return `${name}: ${tally.inconclusive} of ${tally.count} measurements inconclusive${suffix}`;
      return `${name}: no successful measurement (${withoutData(tally, lastText)})`;
    case 'error':
      return `${name}: ${tally.consecutiveErrors} measurement errors in a row${suffix}`;
  }
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
