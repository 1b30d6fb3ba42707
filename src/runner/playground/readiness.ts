import { httpGet } from '../../adapters/process/httpGet';
import type { PlaygroundPorts } from './files';

/** What `switchyard playground` writes in its folder once it is ready, and removes when it stops. */
export const PLAYGROUND_STATE_FILE = 'playground.json';

export interface PlaygroundState {
  pid: number;
  ports: PlaygroundPorts;
  frontend: string;
  prometheus: string;
  plans: string[];
}

export type Readiness = { ready: true } | { ready: false; waitingFor: string };

/**
 * Ready when the service answers through HAProxy and Prometheus has scraped the stable version
 * once: a gate that runs before the first scrape has nothing to measure.
 */
export async function playgroundReadiness(ports: PlaygroundPorts): Promise<Readiness> {
  const frontend = await httpGet(`http://127.0.0.1:${ports.frontend}/`, 1000);
  if (!frontend.ok || frontend.value.status >= 500) return { ready: false, waitingFor: `the service on :${ports.frontend} (HAProxy)` };
  const query = encodeURIComponent(`up{instance="127.0.0.1:${ports.stable}"}`);
  const scrape = await httpGet(`http://127.0.0.1:${ports.prometheus}/api/v1/query?query=${query}`, 1000);
  const scraped = scrape.ok && /"value":\[[^\]]*"1"\]/.test(scrape.value.body);
  return scraped ? { ready: true } : { ready: false, waitingFor: `Prometheus on :${ports.prometheus} to scrape the stable version` };
}

/** Polls until ready, `stopped()` says to give up, or the timeout passes; returns the last answer. */
export async function waitUntilReady(ports: PlaygroundPorts, timeoutMs: number, stopped: () => boolean): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  let last = await playgroundReadiness(ports);
  while (!last.ready && !stopped() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await playgroundReadiness(ports);
  }
  return last;
}
