import { performance } from 'node:perf_hooks';

export interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Runs `fn` `runs` times after `warmup` untimed runs and reports median and 95th percentile. */
export function time(fn: () => unknown, runs: number, warmup = Math.min(10, runs)): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), runs };
}

/** A measured time to the microsecond: formatDuration's whole milliseconds would round a benchmark away. */
export function formatMs(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 100 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}
