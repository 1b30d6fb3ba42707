import { formatCount } from './units';
import { STALL_CAUSES, STALL_WORDS, type MonteCarloSummary } from '../domain/simulator/monteCarlo';
import type { CompareReadingView } from '../protocol/comparison';

// No simulator here: Compare Strategies... reads it from extension.js, the panel from engine.js.

/**
 * How each plan's runs read against the scenario's version, the CLI's rows (see
 * formatDistribution): every run in exactly one row, so each column adds up to 100 %. A paused
 * run is stalled, never a detection, a miss or a pass, so a plan whose policy pauses shows
 * "Detection 0 %" next to "Stalled 100 %" and not alone. Failed appears in every column, or in
 * none when no run of any plan failed.
 *
 * @example
 * readingsOf([pausingCanary]);
 * // [[{ key: 'detection', label: 'Detection', share: 0, ... },
 * //   { key: 'stalled', label: 'Stalled', share: 1, detail: '20 after a failed gate or check', ... },
 * //   { key: 'missed', label: 'Missed', share: 0, ... }]]
 */
export function readingsOf(summaries: readonly MonteCarloSummary[]): CompareReadingView[][] {
  const withFailed = summaries.some((summary) => summary.outcomes.failed.count > 0);
  return summaries.map((summary) => {
    const promoted = summary.outcomes.promoted.probability;
    const readings: CompareReadingView[] = [
      summary.candidateBad
        ? { key: 'detection', label: 'Detection', share: summary.detection ?? 0, lowerIsBetter: false, detail: '' }
        : { key: 'falseAlarm', label: 'False alarm', share: summary.falseAlarm ?? 0, lowerIsBetter: true, detail: '' },
      { key: 'stalled', label: 'Stalled', share: summary.stalled, lowerIsBetter: true, detail: stallDetail(summary) },
      summary.candidateBad
        ? { key: 'missed', label: 'Missed', share: summary.missed ?? promoted, lowerIsBetter: true, detail: '' }
        : { key: 'passed', label: 'Passed', share: promoted, lowerIsBetter: false, detail: '' },
    ];
    if (withFailed) readings.push({ key: 'failed', label: 'Failed', share: summary.outcomes.failed.probability, lowerIsBetter: true, detail: '' });
    return readings;
  });
}

function stallDetail(summary: MonteCarloSummary): string {
  return STALL_CAUSES.filter((cause) => summary.stalls[cause] > 0)
    .map((cause) => `${formatCount(summary.stalls[cause])} ${STALL_WORDS[cause]}`)
    .join(', ');
}
