import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { DEMO_SERVICE } from './processes';

export interface PlanOptions {
  strategy: Record<string, unknown>;
  router: Record<string, unknown>;
  candidateBasePort: number;
  stablePort: number;
  bad?: boolean;
  analysis?: Record<string, unknown>[];
  onFailure?: 'rollback' | 'pause';
  hooks?: Record<string, unknown>;
  /** Extra arguments for every instance the runner starts (e.g. a slow boot). */
  instanceArgs?: string[];
  replicas?: number;
  /** Stable instances already running; default [stablePort]. */
  stablePorts?: number[];
}

/** Error rate per version that reads 0 (not "no data") before the first error. */
export const ERROR_RATE_QUERY =
  '(sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[5s])) or vector(0)) / sum(rate(http_requests_total{version="{{version}}"}[5s]))';

export function errorRateGate(address: string, count = 4): Record<string, unknown> {
  return {
    name: 'error-rate',
    metric: 'errorRate',
    interval: '1s',
    initialDelay: '1s',
    count,
    failureCondition: 'result >= 0.1',
    failureLimit: 0,
    consecutiveErrorLimit: 6,
    provider: { prometheus: { address, query: ERROR_RATE_QUERY } },
  };
}

/** A demo-service plan as YAML on disk, parsed back so the test holds what the CLI would. */
export function writePlan(dir: string, name: string, options: PlanOptions): { file: string; plan: Plan } {
  const command = [process.execPath, DEMO_SERVICE, '--port', '{{port}}', '--version', '{{version}}', ...(options.bad ? ['--bad'] : []), ...(options.instanceArgs ?? [])];
  const document = {
    service: 'demo',
    version: 'v2',
    stableVersion: 'v1',
    replicas: options.replicas ?? 1,
    strategy: options.strategy,
    analysis: options.analysis ?? [],
    policy: { onFailure: options.onFailure ?? 'rollback', progressDeadlineSeconds: 30 },
    ...(options.hooks ? { hooks: options.hooks } : {}),
    targets: {
      router: options.router,
      instances: { process: { command, basePort: options.candidateBasePort, stablePorts: options.stablePorts ?? [options.stablePort], startTimeout: '10s', stopTimeout: '2s' } },
    },
  };
  const file = join(dir, `${name}.release.yaml`);
  const text = stringify(document);
  writeFileSync(file, text);
  const parsed = parsePlan(text, file);
  if (!parsed.ok) throw new Error(`test plan ${name} is invalid: ${JSON.stringify(parsed.diagnostics.map((d) => d.message))}`);
  return { file, plan: parsed.plan };
}
