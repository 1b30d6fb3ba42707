import type { SeriesPoint } from '../../src/protocol/view';

/** How far above the thresholds and the bulk of the data a sample may reach before the axis clips it. */
const SPIKE_FACTOR = 3;
/** Headroom above the highest value when nothing is clipped, and above the reference when something is. */
const HEADROOM = 1.15;
const CLIPPED_HEADROOM = 1.5;

/** The top of a chart's y axis, before d3's `nice()`, and whether samples above it are clipped. */
export interface ChartRange {
  top: number;
  clipped: boolean;
}

/**
 * The top of a metric chart's y axis. It normally holds every sample and threshold. When a sample
 * spikes more than three times above both the highest threshold and the bulk of each series (its
 * 90th percentile), one spike would squash the thresholds into the bottom pixels, so the axis
 * stops at 1.5 times the higher of those and the samples above it are clipped (drawn at the top
 * edge and marked). A bad version whose whole series is high is its bulk, so it is never clipped.
 *
 * @example
 * chartRange([[60, 62, 5000, 61]], [400], 1); // { top: 600, clipped: true }
 * chartRange([[0.002, 0.2, 0.19]], [0.01, 0.05], 0.01); // { top: 0.23, clipped: false }
 */
export function chartRange(series: readonly (readonly number[])[], thresholds: readonly number[], floor: number): ChartRange {
  let highest = floor;
  let reference = floor;
  for (const values of series) {
    for (const value of values) if (value > highest) highest = value;
    reference = Math.max(reference, bulkOf(values));
  }
  for (const threshold of thresholds) {
    highest = Math.max(highest, threshold);
    reference = Math.max(reference, threshold);
  }
  if (highest <= reference * SPIKE_FACTOR) return { top: highest * HEADROOM, clipped: false };
  return { top: reference * CLIPPED_HEADROOM, clipped: true };
}

/** The 90th percentile by nearest lower rank, so one spike among a handful of samples is not the bulk. */
function bulkOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0;
}

/** A run of consecutive samples above the axis, marked once at its peak. */
export interface ClippedPeak {
  t: number;
  value: number;
  samples: number;
}

/**
 * The samples of one series above `top`, one peak per run of consecutive ones.
 *
 * @example
 * clippedPeaks([{ t: 0, value: 60 }, { t: 1, value: 900 }, { t: 2, value: 5000 }, { t: 3, value: 61 }], 600);
 * // [{ t: 2, value: 5000, samples: 2 }]
 */
export function clippedPeaks(points: readonly SeriesPoint[], top: number): ClippedPeak[] {
  const peaks: ClippedPeak[] = [];
  let current: ClippedPeak | undefined;
  for (const point of points) {
    if (point.value <= top) {
      current = undefined;
      continue;
    }
    if (!current) {
      current = { t: point.t, value: point.value, samples: 0 };
      peaks.push(current);
    }
    current.samples += 1;
    if (point.value > current.value) {
      current.value = point.value;
      current.t = point.t;
    }
  }
  return peaks;
}
