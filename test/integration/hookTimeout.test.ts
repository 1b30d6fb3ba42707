import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haproxyRouter } from '../../src/adapters/haproxy/router';
import { executeRun } from '../../src/runner/execute';
import { writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy } from './support/targets';

const processes = new Processes();
let base: number;
/** A sleep duration nobody else on the machine uses, so its processes can be told apart. */
const marker = `100.${process.pid}${Date.now() % 1000}`;

beforeAll(async () => {
  base = await freePortRange(2);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(async () => {
  // Whatever the outcome, nothing of the hook may outlive the suite.
  for (const pid of sleepers()) process.kill(pid, 'SIGKILL');
  await processes.stopAll();
});

/** Pids of `sleep <marker>` processes still on the machine. */
function sleepers(): number[] {
  return readdirSync('/proc').flatMap((name) => {
    if (!/^\d+$/.test(name)) return [];
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      return argv[0]?.endsWith('sleep') && argv[1] === marker ? [Number(name)] : [];
    } catch {
      return [];
    }
  });
}

describe('a hook that overruns its timeout', () => {
  it('should be killed with everything it started, and the release rolled back on HAProxy', async () => {
    await processes.demo(base, 'v1');
    const haproxy = await startHaproxy(processes, base, base + 1);
    const { file, plan } = writePlan(processes.tempDir('plans'), 'hook', {
      strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '300ms' } }] } },
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '200ms' } },
      candidateBasePort: base + 1,
      stablePort: base,
      hooks: { prePromotion: { command: ['sh', '-c', `sleep ${marker} & sleep ${marker}`], timeout: '500ms' } },
    });
    const lines: string[] = [];
    const report = await executeRun({ planFile: file, plan, log: (line) => lines.push(line) });

    expect(report.outcome, lines.join('\n')).toBe('rolledBack');
    expect(report.reason).toMatch(/^prePromotion hook sh -c .* timed out: sh did not finish within 500 ms/);
    const routing = await haproxyRouter({ socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: 0, timeout: 2000 }).snapshot();
    expect(routing.ok && routing.value.weights).toEqual({ stable: 100, candidate: 0 });
    // SIGKILL is delivered at once; give the kernel a moment to reap before looking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sleepers(), 'sleep processes left behind by the hook').toEqual([]);
  });
});
