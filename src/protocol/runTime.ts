/**
 * A moment or a span of a run as a person reads it: the CLI's timeline and summary, the panel and
 * the standalone report all print run times with this one function, so they agree to the second.
 * Whole seconds, rounded to the nearest, as hours, minutes and seconds with the zero units left
 * out; a span under a second keeps its milliseconds (a router switch takes 500ms); zero is 0s.
 * It lives in the protocol because the webview may import nothing else of ours.
 *
 * @example
 * formatRunTime(270_600);   // "4m 31s"
 * formatRunTime(60_000);    // "1m"
 * formatRunTime(3_630_000); // "1h 30s"
 * formatRunTime(500);       // "500ms"
 * formatRunTime(0);         // "0s"
 */
export function formatRunTime(ms: number): string {
  if (!(ms > 0)) return '0s';
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.join(' ');
}
