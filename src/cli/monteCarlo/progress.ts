import { formatDuration } from '../../domain/strategies/describe';

/**
 * One line of progress for a terminal: a bar, runs done, percent and the estimated time left
 * (elapsed time per finished run × runs left).
 *
 * @example
 * progressLine(250, 1000, 500, 20); // "[#####               ] 250/1000  25%  ETA 2s"
 */
export function progressLine(done: number, total: number, elapsedMs: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(ratio * width);
  const bar = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}]`;
  const left = done > 0 && done < total ? (elapsedMs / done) * (total - done) : undefined;
  const eta = left === undefined ? '' : `  ETA ${left < 1000 ? '<1s' : formatDuration(left, ' ')}`;
  return `${bar} ${done}/${total}  ${Math.floor(ratio * 100)}%${eta}`;
}

/**
 * A progress callback that redraws `io.progress` at most every 100 ms (nothing when stderr is
 * not a terminal), and `finish` to clear the line.
 *
 * @example
 * const bar = progressReporter(io, 'bad-version');
 * await runMonteCarlo({ ...options, onProgress: bar.update });
 * bar.finish();
 */
export function progressReporter(io: { progress?: (line: string | null) => void }, label: string): { update: (done: number, total: number) => void; finish: () => void } {
  const started = performance.now();
  let last = -Infinity;
  return {
    update(done, total) {
      const now = performance.now();
      if (!io.progress || (now - last < 100 && done < total)) return;
      last = now;
      io.progress(`${label} ${progressLine(done, total, now - started)}`);
    },
    finish() {
      io.progress?.(null);
    },
  };
}
