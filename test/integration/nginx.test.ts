import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nginxRouter } from '../../src/adapters/nginx/router';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { resultTime } from './support/journal';
import { firstSeen, underLoad } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startNginx } from './support/targets';

const processes = new Processes();
let base: number;
const lines: string[] = [];
const log = (line: string): void => void lines.push(line);

beforeAll(async () => {
  base = await freePortRange(10);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(() => processes.stopAll());

describe('releases on nginx', () => {
  it('should walk canary steps with reloads and lose no request for a client that retries once', async () => {
    await processes.demo(base, 'v1');
    const nginx = await startNginx(processes, base);
    const { file, plan } = writePlan(processes.tempDir('plans'), 'nginx-canary', {
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: '1s' } }, { setWeight: 50 }, { pause: { duration: '1s' } }] } },
      router: { nginx: { prefix: nginx.prefix, upstreamFile: nginx.upstreamFile } },
      candidateBasePort: base + 2,
      stablePort: base,
    });
    const { result: report, seen, startedAt: loadStart } = await underLoad(nginx.url, { rps: 150, retryOnce: true }, () => executeRun({ planFile: file, plan, log }), 500);

    expect(report.outcome, lines.join('\n')).toBe('promoted');
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    expect(seen.timeline.slice(-20).every(([, version]) => version === 'v2')).toBe(true);
    const entries = journalOf(report.runDir ?? '');
    const switched = resultTime(entries, /traffic 20% → candidate/);
    const intent = entries.find((entry) => entry.kind === 'action.intent' && /traffic 20%/.test(entry.data.description));
    const served = firstSeen(seen, 'v2', (intent ? Date.parse(intent.at) : 0) - loadStart);
    console.log(`nginx canary: ${seen.sent} requests, ${seen.failed} failed, ${seen.retried} retried; switch call ${switched && intent ? switched - Date.parse(intent.at) : '?'} ms, v2 served ${served} ms after the switch started`);
  });

  it('should keep the old upstream file and routing when nginx -t fails', async () => {
    await processes.demo(base + 5, 'v1');
    const nginx = await startNginx(processes, base + 5);
    const before = readFileSync(nginx.upstreamFile, 'utf8');
    // A config nginx rejects: the upstream name clashes with a second definition in the main file.
    const conf = `${nginx.prefix}/conf/nginx.conf`;
    writeFileSync(conf, readFileSync(conf, 'utf8').replace('http {', 'http {\n  upstream app { server 127.0.0.1:1; }'));
    const router = nginxRouter({ prefix: nginx.prefix, upstreamFile: nginx.upstreamFile, config: 'conf/nginx.conf', upstream: 'app', stableServers: [], candidateServers: [], timeout: 10_000 });
    const result = await router.setWeights({ stable: 100, candidate: 0 });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/nginx -t[\s\S]*previous .* is back in place/);
    expect(readFileSync(nginx.upstreamFile, 'utf8')).toBe(before);
  });
});
