import { performance } from 'node:perf_hooks';
import { httpGet } from '../src/adapters/process/httpGet';
import type { PortResult, RouterPort } from '../src/domain/ports';
import type { Weights } from '../src/domain/strategies/effects';
import type { LoadReport } from '../test/integration/support/loadClient';

/** Which version a fresh connection gets now (x-version is not read by httpGet: the body says it). */
async function versionNow(url: string): Promise<string> {
  const reply = await httpGet(url, 1000);
  return reply.ok ? reply.value.body.trim() : 'error';
}

export interface SwitchTiming {
  /** The router call (write, test, reload or runtime API) returned. */
  callMs: number;
  /** A new connection got the new version. */
  visibleMs: number;
}

/** Switches all traffic to `weights` and probes on fresh connections until `version` answers. */
export async function timedSwitch(router: RouterPort, weights: Weights, url: string, version: string): Promise<SwitchTiming> {
  const started = performance.now();
  const result: PortResult = await router.setWeights(weights);
  if (!result.ok) throw new Error(result.error);
  const callMs = performance.now() - started;
  for (;;) {
    if ((await versionNow(url)) === version) return { callMs, visibleMs: performance.now() - started };
    if (performance.now() - started > 5000) throw new Error(`${version} not visible 5 s after the switch`);
  }
}

export function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms (${sorted.length} switches)`;
}

export function verdict(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

export function loadLine(seen: LoadReport): string {
  return `${seen.sent} requests, ${seen.failed} failed${seen.retried ? `, ${seen.retried} retried` : ''}${seen.failures.length ? ` (${[...new Set(seen.failures)].join(', ')})` : ''}`;
}
