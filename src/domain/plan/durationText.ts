/**
 * A duration in ms as a plan writes it, in its largest whole unit: "2m", "90s", "250ms". Go's
 * time.ParseDuration reads the same text, so Kubernetes controllers' manifests take it as it is.
 *
 * @example
 * durationText(90_000);  // "90s"
 * durationText(120_000); // "2m"
 */
export function durationText(ms: number): string {
  if (ms > 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
