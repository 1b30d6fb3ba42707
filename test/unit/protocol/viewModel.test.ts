import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { buildPanelView, replayOf } from '../../../src/panel/viewModel';
import { statechartOf } from '../../../src/panel/statechart';
import { thresholdsOf, describeMatch } from '../../../src/panel/replayParts';
import { frameAt, nextStop } from '../../../src/protocol/replay';
import { viewAt } from '../../../src/protocol/viewAt';
import { isPanelView, isReplay } from '../../../src/protocol/guards';
import { examplePlan } from './helpers';

const canary = examplePlan('canary');
const badRun = simulate(canary, { scenario: 'bad-version' });
const replay = replayOf(canary, badRun);
const playback = { playing: false, speed: 60 };

describe('panel view of the bad canary', () => {
  it('should start with all traffic and ten ready instances on stable', () => {
    const view = viewAt(replay, 0, playback);
    expect(view.traffic.weights).toEqual({ stable: 100, candidate: 0 });
    expect(view.environments.map((environment) => [environment.label, environment.version, environment.counts.ready])).toEqual([
      ['stable', 'v2.3.1', 10],
      ['canary', 'v2.4.0', 0],
    ]);
    expect(view.outcome.outcome).toBeNull();
  });

  it('should show 10% on the canary and a pause counting down during step 2', () => {
    const view = viewAt(replay, 60_000, playback);
    expect(view.traffic.weights.candidate).toBe(10);
    const current = view.track.steps.find((step) => step.status === 'current');
    expect(current?.label).toBe('pause 2m');
    // The pause began when traffic moved (18.973 s), so 78.973 s of 120 s remain at 60 s.
    expect(current?.remainingMs).toBe(120_000 - (60_000 - 18_973));
    expect(view.track.steps[0]?.status).toBe('done');
    expect(view.statechart.active).toBe('progressing');
  });

  it('should show the error-rate gate measuring, then failing with the moment it fired', () => {
    const measuring = viewAt(replay, 170_000, playback).gates.find((gate) => gate.name === 'error-rate');
    expect(measuring?.phase).toBe('running');
    expect(measuring?.measurements).toHaveLength(1);
    const end = viewAt(replay, replay.endMs, playback);
    const failed = end.gates.find((gate) => gate.name === 'error-rate');
    expect(failed?.phase).toBe('failed');
    expect(failed?.firedAt).toBe(198_973);
    const chart = end.metrics.find((metric) => metric.metric === 'errorRate');
    expect(chart?.firings).toEqual([{ gate: 'error-rate', t: 198_973 }]);
    expect(chart?.thresholds.map((threshold) => `${threshold.kind} ${threshold.op} ${threshold.value}`)).toEqual(['success < 0.01', 'failure >= 0.05']);
  });

  it('should end rolled back with traffic back on stable and the figures told', () => {
    const view = viewAt(replay, replay.endMs, playback);
    expect(view.outcome.outcome).toBe('rolledBack');
    expect(view.traffic.weights).toEqual({ stable: 100, candidate: 0 });
    expect(view.statechart.active).toBe('rolledBack');
    expect(view.track.steps[2]?.status).toBe('failed');
    expect(view.outcome.figures.find((figure) => figure.key === 'timeToDetect')?.value).toBe('3m');
  });

  it('should grow metric series only up to the instant shown', () => {
    const early = viewAt(replay, 60_000, playback).metrics[0]?.series.find((series) => series.role === 'candidate');
    expect(early?.points.every((point) => point.t <= 60_000)).toBe(true);
    expect(early?.points.length).toBeGreaterThan(0);
  });

  it('should list only the journal up to t, with failures marked as errors', () => {
    expect(viewAt(replay, 0, playback).events.every((event) => event.t === 0)).toBe(true);
    const end = viewAt(replay, replay.endMs, playback);
    expect(end.events).toHaveLength(badRun.events.length);
    expect(end.events.find((event) => event.kind === 'gate.result')?.level).toBe('error');
  });

  it('should give the same view for the same instant, whichever way playback got there', () => {
    expect(viewAt(replay, 150_000, playback)).toEqual(buildPanelView(canary, badRun, 150_000, playback));
  });

  it('should be a valid view and a valid replay by the protocol guards', () => {
    expect(isPanelView(viewAt(replay, 100_000, playback))).toBe(true);
    expect(isReplay(JSON.parse(JSON.stringify(replay)))).toBe(true);
  });

  it('should clamp t to the run and find the frame in effect', () => {
    expect(viewAt(replay, -5, playback).time.t).toBe(0);
    expect(viewAt(replay, 10 * replay.endMs, playback).time.t).toBe(replay.endMs);
    expect(frameAt(replay, 18_973)?.weights.candidate).toBe(10);
  });

  it('should step from event to event, forwards and back', () => {
    expect(nextStop(replay, 0, 1)).toBe(8_473);
    expect(nextStop(replay, 18_973, -1)).toBe(18_473);
    expect(nextStop(replay, replay.endMs, 1)).toBe(replay.endMs);
    expect(nextStop(replay, 0, -1)).toBe(0);
  });
});

describe('view model parts', () => {
  it('should read thresholds from simple conditions only', () => {
    expect(thresholdsOf({ successCondition: 'result < 400', failureCondition: undefined })).toEqual([{ kind: 'success', op: '<', value: 400 }]);
    expect(thresholdsOf({ successCondition: 'result < 1 && result > 0', failureCondition: 'result >= 5e-2' })).toEqual([{ kind: 'failure', op: '>=', value: 0.05 }]);
    expect(thresholdsOf({ metric: 'latencyP99', unit: 's', successCondition: undefined, failureCondition: 'result >= 0.5' })).toEqual([{ kind: 'failure', op: '>=', value: 500 }]);
    expect(thresholdsOf({ metric: 'errorRate', unit: 'percent', successCondition: 'result < 1', failureCondition: undefined })).toEqual([{ kind: 'success', op: '<', value: 0.01 }]);
  });

  it('should describe header matches in words', () => {
    expect(describeMatch([{ headers: { 'x-variant': { exact: 'b' } } }, { cookie: { beta: { regex: '^1$' } } }])).toBe('header x-variant = b or cookie beta ~ ^1$');
  });

  it('should lift nested transitions to top-level states', () => {
    const chart = statechartOf('canary');
    expect(chart.initial).toBe('provisioning');
    expect(chart.states.filter((state) => state.final).map((state) => state.id)).toEqual(['promoted', 'rolledBack', 'aborted', 'failed']);
    const rollback = chart.transitions.find((edge) => edge.from === 'progressing' && edge.to === 'rollingBack');
    expect(rollback?.events).toContain('operator.abort');
    expect(chart.transitions.some((edge) => edge.from === edge.to)).toBe(false);
  });

  it('should show the A/B header route once the test routes by header', () => {
    const plan = examplePlan('ab-test');
    const abReplay = replayOf(plan, simulate(plan, { scenario: 'good-version' }));
    expect(abReplay.headerRoutes).toHaveLength(1);
    const later = viewAt(abReplay, abReplay.endMs / 2, playback);
    expect(later.traffic.headerRoutes.map((route) => route.name)).toEqual(['ab-test']);
    expect(later.environments.map((environment) => environment.label)).toEqual(['A (control)', 'B (variant)']);
  });

  it('should show mirrored traffic for a shadow release', () => {
    const plan = examplePlan('shadow');
    const shadowReplay = replayOf(plan, simulate(plan, { scenario: 'good-version' }));
    expect(viewAt(shadowReplay, shadowReplay.endMs / 2, playback).traffic.mirrorPercent).toBeGreaterThan(0);
  });
});
