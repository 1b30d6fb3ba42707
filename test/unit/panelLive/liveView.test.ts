import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import type { Plan } from '../../../src/domain/plan/schema';
import { buildLiveView, verbsFor } from '../../../src/panel/liveView';
import { isPanelView } from '../../../src/protocol/guards';
import type { JournalEntry } from '../../../src/runner/journal';
import { readJournal } from '../../../src/runner/journal';
import { lastOf } from '../../../src/domain/run/events';

// Recorded from a real run: `switchyard playground --dir /tmp/x --port 32000`, then
// `switchyard run /tmp/x/canary-bad.release.yaml --yes` (the bad v2 rolled back by its error-rate gate).
const FIXTURES = join(__dirname, '../../fixtures/journals');
const entries = readJournal(join(FIXTURES, 'canary-bad.journal.jsonl'));
const plan = ((): Plan => {
  const parsed = parsePlan(readFileSync(join(FIXTURES, 'canary-bad.release.yaml'), 'utf8'), 'canary-bad.release.yaml');
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
  return parsed.plan;
})();

/** The journal as it stood just after the entry with this seq. */
const upTo = (seq: number): JournalEntry[] => entries.filter((entry) => entry.seq <= seq);
const live = (list: readonly JournalEntry[], state: 'running' | 'ended' = 'running') => buildLiveView(plan, list, { runDir: '/runs/demo', planUri: 'file:///tmp/x/canary-bad.release.yaml', state });

describe('buildLiveView on a recorded canary-bad journal', () => {
  it('is a valid live view at every length of the journal', () => {
    for (let seq = 1; seq <= entries.length; seq += 1) {
      const view = live(upTo(seq), seq === entries.length ? 'ended' : 'running');
      expect(isPanelView(view), `after seq ${seq}`).toBe(true);
      expect(view.session.mode).toBe('live');
      expect(view.session.faultKinds).toEqual([]);
      expect(view.time.playing).toBe(false);
      expect(view.time.t).toBe(view.time.endMs);
      expect(view.events).toHaveLength(seq + view.events.filter((event) => event.kind === 'gate.result').length);
    }
  });

  it('starts all on stable, with no outcome', () => {
    const view = live(upTo(3));
    expect(view.traffic.weights).toEqual({ stable: 100, candidate: 0 });
    expect(view.track.phase).toBe('provisioning');
    expect(view.outcome.outcome).toBeNull();
    expect(view.live).toMatchObject({ runDir: '/runs/demo', state: 'running', startedAt: entries[0]?.at });
    expect(view.live?.verbs).toContain('abort');
  });

  it('shows the candidate starting, then ready, then 20% of traffic once the router confirmed it', () => {
    expect(live(upTo(8)).environments.find((env) => env.role === 'candidate')?.counts).toMatchObject({ starting: 1, ready: 0 });
    expect(live(upTo(9)).environments.find((env) => env.role === 'candidate')?.counts).toMatchObject({ starting: 0, ready: 1 });
    // seq 15 is the intent, 16 the router's answer.
    expect(live(upTo(15)).traffic.weights.candidate).toBe(0);
    expect(live(upTo(16)).traffic.weights).toEqual({ stable: 80, candidate: 20 });
    expect(live(upTo(16)).track.steps[0]?.status).toBe('current');
  });

  it('shows gates measuring during the analysis step, then the error-rate gate firing', () => {
    const measuring = live(upTo(20));
    expect(measuring.track.steps.map((step) => step.status)).toEqual(['done', 'current', 'pending', 'pending']);
    const errorRate = measuring.gates.find((gate) => gate.name === 'error-rate');
    expect(errorRate?.phase).toBe('running');
    expect(errorRate?.measurements).toEqual([expect.objectContaining({ value: expect.closeTo(0.157, 3), phase: 'failed' })]);

    const decided = live(upTo(21));
    const fired = decided.gates.find((gate) => gate.name === 'error-rate');
    expect(fired?.phase).toBe('failed');
    expect(fired?.firedAt).not.toBeNull();
    expect(fired?.message).toMatch(/^error-rate: 1 of 1 measurements failed/);
    expect(decided.gates.find((gate) => gate.name === 'latency')?.phase).toBe('successful');
    expect(decided.events.some((event) => event.kind === 'gate.result' && event.level === 'error')).toBe(true);
  });

  it('charts the gates\' measurements, not simulated metrics', () => {
    const view = live(entries, 'ended');
    expect(view.metrics.map((chart) => chart.metric).sort()).toEqual(['errorRate', 'latencyP99']);
    const errorRate = view.metrics.find((chart) => chart.metric === 'errorRate');
    expect(errorRate?.series[0]?.points).toHaveLength(1);
    expect(errorRate?.thresholds).toEqual([expect.objectContaining({ gate: 'error-rate', kind: 'failure', op: '>=', value: 0.05 })]);
    expect(errorRate?.firings).toHaveLength(1);
  });

  it('offers only Abort for a run that failed before its rollback completed, which abort finishes', () => {
    const ended = lastOf(entries, 'outcome');
    if (!ended) throw new Error('fixture has no end');
    const failed: JournalEntry[] = [...entries.filter((entry) => entry !== ended), { ...ended, data: { outcome: 'failed', reason: 'rollback failed: HAProxy unreachable' } }];
    expect(live(failed, 'ended').live?.verbs).toEqual(['abort']);
  });

  it('ends rolled back: traffic on stable, the candidate gone, the outcome told, no verbs left', () => {
    const view = live(entries, 'ended');
    expect(view.traffic.weights).toEqual({ stable: 100, candidate: 0 });
    expect(view.environments.find((env) => env.role === 'candidate')?.counts.ready).toBe(0);
    expect(view.statechart.active).toBe('rolledBack');
    expect(view.outcome.outcome).toBe('rolledBack');
    expect(view.outcome.reason).toMatch(/error-rate/);
    expect(view.outcome.figures.find((figure) => figure.key === 'peakCandidateWeight')?.value).toBe('20%');
    expect(view.events.at(-1)).toMatchObject({ kind: 'outcome', level: 'error' });
    expect(view.live?.verbs).toEqual([]);
    expect(view.time.endMs).toBe(Date.parse(entries.at(-1)?.at ?? '') - Date.parse(entries[0]?.at ?? ''));
  });

  it('says paused when the runner stopped by policy', () => {
    const paused = [...upTo(21), { seq: 22, at: entries[21]?.at ?? '', t: entries[21]?.t ?? 0, kind: 'run.paused', message: 'paused: gate failed; policy pauses', data: { reason: 'gate failed; policy pauses' } } satisfies JournalEntry];
    const view = buildLiveView(plan, paused, { runDir: '/runs/demo', state: 'paused', waiting: true });
    expect(view.outcome).toMatchObject({ outcome: 'paused', reason: 'gate failed; policy pauses' });
    expect(view.live?.verbs).toEqual(expect.arrayContaining(['resume', 'retry', 'abort']));
  });

  it('offers pause while running and resume while waiting', () => {
    expect(verbsFor('running', false)).toContain('pause');
    expect(verbsFor('running', true)).toContain('resume');
    expect(verbsFor('ended', false)).toEqual([]);
  });
});
