import { lastOf } from '../../src/domain/run/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRun } from '../../src/runner/control';
import { sendOperatorCommand } from '../../src/runner/operator';
import { cli, startCli, waitWithOutput } from './support/cli';
import { startLoad } from './support/loadClient';
import { writePlan } from './support/plans';
import { freePortRange } from './support/ports';
import { Processes } from './support/processes';
import { startHaproxy } from './support/targets';

const processes = new Processes();
let base: number;

beforeAll(async () => {
  base = await freePortRange(6);
  process.env.SWITCHYARD_STATE_DIR = processes.tempDir('runs');
  process.env.SWITCHYARD_LOCK_DIR = processes.tempDir('locks');
});
afterAll(() => processes.stopAll());

const inState = (file: string, pattern: RegExp) => (): boolean => {
  const entries = findRun(file, 'demo')?.entries ?? [];
  const last = lastOf(entries, 'machine.state');
  return last !== undefined && pattern.test(JSON.stringify(last.data.persisted?.value));
};

describe('the live operator channel', () => {
  it('should hold a canary at an indefinite pause, take pause/resume/promote live, and promote with no failed request', async () => {
    await processes.demo(base, 'v1');
    const haproxy = await startHaproxy(processes, base, base + 2);
    const { file } = writePlan(processes.tempDir('plans'), 'operator', {
      strategy: { canary: { steps: [{ setWeight: 30 }, { pause: {} }, { setWeight: 60 }, { pause: { duration: '500ms' } }] } },
      router: { haproxy: { socket: haproxy.socket, backend: 'app', stableServer: 'stable', candidateServer: 'candidate', drainTime: '300ms' } },
      candidateBasePort: base + 2,
      stablePort: base,
    });
    const load = startLoad(haproxy.url, { rps: 120 });
    const run = startCli(['run', file, '--yes', '--wait']);
    await waitWithOutput(run, inState(file, /indefinite/), 30_000, 'the indefinite pause');
    // Still there after a while: the runner waits for an operator instead of stopping as paused.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.child.exitCode, run.output()).toBeNull();
    expect((await cli(['status', file])).out).toMatch(/running/);

    const paused = await cli(['pause', file]);
    expect(paused.code, paused.out + run.output()).toBe(0);
    const resumed = await sendOperatorCommand(file, 'resume');
    expect(resumed.ok, JSON.stringify(resumed)).toBe(true);
    const promoted = await cli(['promote', file]);
    expect(promoted.code, promoted.out + run.output()).toBe(0);
    expect(promoted.out).toMatch(/promote taken by the runner/);

    const code = await run.exited;
    const seen = await load.stop();
    expect(code, run.output()).toBe(0);
    expect(run.output()).toMatch(/operator: promote[\s\S]*traffic 60% → candidate[\s\S]*promoted/);
    expect(seen.failed, seen.failures.join(', ')).toBe(0);
    const entries = findRun(file, 'demo')?.entries ?? [];
    const operator = entries.flatMap((entry) => (entry.kind === 'operator' ? [entry.data.event] : []));
    expect(operator).toEqual(['operator.pause', 'operator.resume', 'operator.promote']);
    expect(entries.every((entry) => entry.kind !== 'operator' || entry.data.commandId !== undefined)).toBe(true);

    // The run is over: a late command is refused with a reason, not queued.
    const late = await sendOperatorCommand(file, 'promote');
    expect(late.ok ? '' : late.error).toMatch(/already ended/);
  });
});
