import type { HistogramBinView } from '../protocol/risk';

/**
 * Equal-width bars from the smallest to the largest value, at most `bars` of them (fewer when the
 * values are whole numbers spanning less), so a plot of the runs shows their shape.
 *
 * @example
 * histogram([1, 2, 2, 3], 2); // [{ from: 1, to: 2, count: 1 }, { from: 2, to: 3, count: 3 }]
 */
export function histogram(values: readonly number[], bars = 24): HistogramBinView[] {
  if (values.length === 0) return [];
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (low === high) return [{ from: low, to: high, count: values.length }];
  const whole = values.every((value) => Number.isInteger(value));
  const count = whole ? Math.min(bars, high - low + 1) : bars;
  const width = (high - low) / count;
  const bins = Array.from({ length: count }, (_, index) => ({ from: low + index * width, to: index === count - 1 ? high : low + (index + 1) * width, count: 0 }));
  for (const value of values) {
    const index = Math.min(count - 1, Math.floor((value - low) / width));
    const bin = bins[index];
    if (bin) bin.count += 1;
  }
  return bins;
}
