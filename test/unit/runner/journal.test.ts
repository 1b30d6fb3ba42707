import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../../src/runner/journal';
import { runStatus } from '../../../src/runner/status';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the journal: run events with a stamp', () => {
  it('should write each entry as a run event with seq, wall time, time since the first line and the runner\'s words', () => {
    const path = join(dir, 'run', 'journal.jsonl');
    const journal = Journal.open(path);
    journal.append('run.started', { planFile: 'p.release.yaml', service: 'demo', strategy: 'canary', version: 'v2', pid: 1, lockKeys: [], dryRun: false });
    journal.append('action.result', { id: 3, ok: false, ms: 12, error: 'HAProxy refused' });
    journal.close();
    const entries = readJournal(path);
    expect(entries.map((entry) => [entry.seq, entry.kind, entry.message])).toEqual([
      [1, 'run.started', 'run started: demo v2 (canary), runner pid 1'],
      [2, 'action.result', '✗ #3 (12 ms): HAProxy refused'],
    ]);
    expect(entries[0]?.t).toBe(0);
    expect((entries[1]?.t ?? -1) >= 0).toBe(true);
    expect(Date.parse(entries[1]?.at ?? '') - Date.parse(entries[0]?.at ?? '')).toBe(entries[1]?.t);
  });

  it('should keep one time axis and one sequence when a later runner appends to the same journal', () => {
    const path = join(dir, 'journal.jsonl');
    const first = Journal.open(path);
    first.append('operator', { event: 'operator.pause' });
    first.close();
    const second = Journal.open(path);
    const entry = second.append('operator', { event: 'operator.resume' });
    second.close();
    expect(entry.seq).toBe(2);
    expect(entry.t).toBe(Date.parse(entry.at) - Date.parse(readJournal(path)[0]?.at ?? ''));
  });

  it('should read a journal written in the earlier format as the same events, so its run can still be resumed or aborted', () => {
    const path = join(dir, 'journal.jsonl');
    const lines = [
      { seq: 1, at: '2026-01-01T00:00:00.000Z', type: 'run.started', planFile: 'p.release.yaml', service: 'demo', strategy: 'canary', version: 'v2', pid: 1, lockKeys: [], dryRun: false },
      { seq: 2, at: '2026-01-01T00:00:01.000Z', type: 'state', value: { progressing: 'pausing' }, stepIndex: 1, snapshot: { context: {} }, timers: [] },
      { seq: 3, at: '2026-01-01T00:00:02.500Z', type: 'measurement', gate: 'error-rate', version: 'v2', value: 0.2, phase: 'failed' },
      { seq: 4, at: '2026-01-01T00:00:03.000Z', type: 'run.ended', outcome: 'rolledBack', reason: 'error-rate failed' },
    ];
    appendFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n{"seq":5,"at":"2026-01-01T00:00:0`);
    const entries = readJournal(path);
    expect(entries.map((entry) => [entry.kind, entry.t])).toEqual([['run.started', 0], ['machine.state', 1000], ['gate.measure', 2500], ['outcome', 3000]]);
    expect(entries[1]).toMatchObject({ data: { state: 'progressing.pausing', failing: false, stepIndex: 1, persisted: { value: { progressing: 'pausing' }, timers: [] } } });
    expect(entries[2]).toMatchObject({ data: { gate: 'error-rate', version: 'v2', value: 0.2, phase: 'failed' } });
    const status = runStatus({ runDir: dir, entries, livePid: undefined, finished: true });
    expect(status).toMatchObject({ state: 'ended', outcome: 'rolledBack', reason: 'error-rate failed', machineState: { progressing: 'pausing' }, stepIndex: 1, measurements: 1, failedMeasurements: 1 });
  });
});
