import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isRunning, processStat } from '../../src/adapters/procfs';
import { stopRunInstances } from '../../src/runner/playground/runInstances';
import { Processes } from './support/processes';

const processes = new Processes();
const stateDir = process.env.SWITCHYARD_STATE_DIR;
afterEach(() => {
  if (stateDir === undefined) delete process.env.SWITCHYARD_STATE_DIR;
  else process.env.SWITCHYARD_STATE_DIR = stateDir;
});
afterAll(() => processes.stopAll());

/** A run's journal as the runner writes it, with the instance records given. */
function writeRun(runsRoot: string, name: string, planFile: string, members: Record<string, unknown>[]): void {
  const dir = join(runsRoot, name);
  mkdirSync(dir, { recursive: true });
  const entries = [
    { type: 'run.started', planFile, service: 'demo', strategy: 'canary', version: 'v2', pid: 1, lockKeys: [], dryRun: false },
    ...members.map((member) => ({ type: 'instance.started', member: { role: 'candidate', host: '127.0.0.1', ...member } })),
  ];
  writeFileSync(join(dir, 'journal.jsonl'), entries.map((entry, index) => `${JSON.stringify({ seq: index + 1, at: new Date().toISOString(), ...entry })}\n`).join(''));
}

/** A process whose command line carries `port` as an argument, as an instance's does. */
function instanceLike(port: number): number {
  return processes.start('sleep', [String(port)]).pid ?? 0;
}

describe('the instances a playground stops when it exits', () => {
  it('should stop a journaled instance only when its command line and recorded start time prove it is one', async () => {
    delete process.env.SWITCHYARD_STATE_DIR;
    const dir = processes.tempDir('playground-runs');
    const proven = instanceLike(20001);
    const provenByTicks = instanceLike(20002);
    const otherCommand = instanceLike(29999);
    const otherTicks = instanceLike(20004);
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const ticks = (pid: number): number => processStat(pid)?.startTicks ?? 0;
    writeRun(join(dir, '.switchyard', 'runs'), 'demo-1', join(dir, 'canary.release.yaml'), [
      { id: 'candidate-0', pid: proven, port: 20001 },
      { id: 'candidate-1', pid: provenByTicks, port: 20002, identity: { bootId, startTicks: ticks(provenByTicks) } },
      // The pid now belongs to a process that was not started for this port.
      { id: 'candidate-2', pid: otherCommand, port: 20003 },
      // The pid was reused by a process that started later than the instance did.
      { id: 'candidate-3', pid: otherTicks, port: 20004, identity: { bootId, startTicks: ticks(otherTicks) - 1 } },
    ]);

    const said = await stopRunInstances(dir, 500);

    expect(said.sort()).toEqual([expect.stringMatching(/^stopped candidate-0 \(pid \d+, port 20001\)/), expect.stringMatching(/^stopped candidate-1 \(pid \d+, port 20002\)/)]);
    expect([proven, provenByTicks].filter(isRunning)).toEqual([]);
    expect([otherCommand, otherTicks].filter(isRunning)).toEqual([otherCommand, otherTicks]);
  });

  it("should leave alone, in a state folder shared with other plans, the runs of plans outside the playground's folder", async () => {
    const shared = processes.tempDir('shared-runs');
    process.env.SWITCHYARD_STATE_DIR = shared;
    const dir = processes.tempDir('playground-shared');
    const ours = instanceLike(20011);
    const theirs = instanceLike(20012);
    writeRun(shared, 'demo-ours', join(dir, 'canary.release.yaml'), [{ id: 'candidate-0', pid: ours, port: 20011 }]);
    writeRun(shared, 'demo-theirs', join(processes.tempDir('elsewhere'), 'canary.release.yaml'), [{ id: 'candidate-0', pid: theirs, port: 20012 }]);

    const said = await stopRunInstances(dir, 500);

    expect(said).toEqual([expect.stringMatching(/^stopped candidate-0 \(pid \d+, port 20011\)/)]);
    expect(isRunning(ours)).toBe(false);
    expect(isRunning(theirs)).toBe(true);
  });
});
