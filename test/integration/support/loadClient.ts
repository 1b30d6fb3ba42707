import { Agent, request } from 'node:http';

/** What a counting client saw. `failed`: the proxy or the network failed the request (not the app). */
export interface LoadReport {
  sent: number;
  ok: number;
  /** 5xx answered by the application itself (it sets x-version), e.g. a bad version. */
  appErrors: number;
  failed: number;
  retried: number;
  failures: string[];
  byVersion: Record<string, number>;
  /** [ms since start, version] of every answer, to see when a split changed. */
  timeline: [number, string][];
}

/**
 * A bounded, counting HTTP client on loopback: `rps` requests a second over a few keep-alive
 * connections until stopped. It does not hide failures (autocannon reconnects and resends);
 * `retryOnce` retries a failed request once on a fresh connection, as a browser does after a
 * reset on an idle pooled socket, which is what an nginx reload causes.
 */
export function startLoad(url: string, options: { rps: number; retryOnce?: boolean; connections?: number; headers?: Record<string, string> }): { stop: () => Promise<LoadReport>; report: LoadReport } {
  const connections = options.connections ?? 4;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const report: LoadReport = { sent: 0, ok: 0, appErrors: 0, failed: 0, retried: 0, failures: [], byVersion: {}, timeline: [] };
  const started = Date.now();
  let running = true;
  const once = (fresh: boolean): Promise<{ status: number; version: string | undefined } | { error: string }> =>
    new Promise((resolve) => {
      const req = request(url, { agent: fresh ? false : agent, timeout: 5000, ...(options.headers ? { headers: options.headers } : {}) }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, version: res.headers['x-version'] as string | undefined }));
        res.on('error', (error) => resolve({ error: error.message }));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      req.end();
    });
  const one = async (): Promise<void> => {
    report.sent += 1;
    let result = await once(false);
    const proxyFailure = (r: typeof result): boolean => 'error' in r || (r.status >= 500 && r.version === undefined);
    if (options.retryOnce && proxyFailure(result)) {
      report.retried += 1;
      result = await once(true);
    }
    if ('error' in result) {
      report.failed += 1;
      report.failures.push(result.error);
      return;
    }
    const version = result.version ?? 'none';
    report.byVersion[version] = (report.byVersion[version] ?? 0) + 1;
    report.timeline.push([Date.now() - started, version]);
    if (result.status >= 200 && result.status < 300) report.ok += 1;
    else if (result.version !== undefined) report.appErrors += 1;
    else {
      report.failed += 1;
      report.failures.push(`HTTP ${result.status}`);
    }
  };
  const perLoopGapMs = (1000 * connections) / options.rps;
  const loops = Array.from({ length: connections }, async () => {
    while (running) {
      const began = Date.now();
      await one();
      const wait = perLoopGapMs - (Date.now() - began);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  });
  return {
    report,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return report;
    },
  };
}

/**
 * Runs `action` with a counting client on `url` throughout, then lets the client go on for
 * `settleMs` (to see where traffic ended up) and stops it. `startedAt`: when the client began.
 */
export async function underLoad<T>(url: string, options: Parameters<typeof startLoad>[1], action: () => Promise<T>, settleMs = 0): Promise<{ result: T; seen: LoadReport; startedAt: number }> {
  const load = startLoad(url, options);
  const startedAt = Date.now();
  const result = await action();
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  return { result, seen: await load.stop(), startedAt };
}

/** Milliseconds from `since` until `version` answered `share` of a sliding window of answers. */
export function firstSeen(report: LoadReport, version: string, since: number): number | null {
  const hit = report.timeline.find(([at, v]) => at >= since && v === version);
  return hit ? hit[0] - since : null;
}
