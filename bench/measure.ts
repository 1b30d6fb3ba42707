import { performance } from 'node:perf_hooks';

export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Runs `fn` `runs` times after `warmup` untimed runs and reports median and 95th percentile. */
export function time(fn: () => unknown, runs: number, warmup = Math.min(10, runs)): Timing {
  return timeBatches(fn, runs, 1, warmup);
}

/**
 * `time` for work of a few microseconds, where one call is too short to time alone: each sample
 * times `batch` calls and counts their mean, so the timer's own cost and resolution vanish.
 */
export function timeBatches(fn: () => unknown, samples: number, batch: number, warmup = Math.min(10, samples)): Timing {
  for (let i = 0; i < warmup * batch; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    for (let j = 0; j < batch; j++) fn();
    times.push((performance.now() - start) / batch);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), runs: samples * batch };
}

/** A measured time to the microsecond: formatDuration's whole milliseconds would round a benchmark away. */
export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(ms < 0.01 ? 1 : 0)} µs` : ms < 100 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
