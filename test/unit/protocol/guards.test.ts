import { describe, expect, it } from 'vitest';
import { hostMessageProblem, isHostMessage, isPanelIntent, panelIntentProblem } from '../../../src/protocol/guards';

describe('panel intent guard', () => {
  it.each([
    ['ready', { type: 'panel/ready' }],
    ['play', { type: 'playback/play' }],
    ['step back', { type: 'playback/step', direction: -1 }],
    ['seek', { type: 'playback/seek', t: 120_000 }],
    ['speed', { type: 'playback/speed', speed: 60 }],
    ['scenario', { type: 'scenario/choose', name: 'bad-version' }],
    ['seed', { type: 'seed/set', seed: 7 }],
    ['fault with role', { type: 'fault/inject', kind: 'instanceLoss', role: 'stable' }],
    ['fault with default role', { type: 'fault/inject', kind: 'metricsOutage', role: null }],
    ['operator', { type: 'operator/promote' }],
    ['export', { type: 'report/export' }],
  ])('should accept %s', (_, message) => {
    expect(panelIntentProblem(message)).toBeNull();
    expect(isPanelIntent(message)).toBe(true);
  });

  it.each([
    ['a string', 'playback/play', 'message: expected an object'],
    ['an unknown type', { type: 'playback/rewind' }, 'message.type: unknown type "playback/rewind"'],
    ['no type', { t: 5 }, 'message.type: unknown type undefined'],
    ['a negative seek', { type: 'playback/seek', t: -1 }, 'message.t: expected a time >= 0'],
    ['a NaN seek', { type: 'playback/seek', t: Number.NaN }, 'message.t: expected a finite number'],
    ['a step of 2', { type: 'playback/step', direction: 2 }, 'message.direction: expected one of 1, -1'],
    ['speed 0', { type: 'playback/speed', speed: 0 }, 'message.speed: expected 1..3600'],
    ['a fractional seed', { type: 'seed/set', seed: 1.5 }, 'message.seed: expected a whole number >= 0'],
    ['a fault on a third role', { type: 'fault/inject', kind: 'instanceLoss', role: 'preview' }, 'message.role: expected one of stable, candidate'],
    ['an inherited type', { type: 'toString' }, 'message.type: unknown type "toString"'],
  ])('should reject %s and say why', (_, message, problem) => {
    expect(panelIntentProblem(message)).toBe(problem);
    expect(isPanelIntent(message)).toBe(false);
  });
});

describe('host message guard', () => {
  it('should accept an error and reject a snapshot without a view', () => {
    expect(isHostMessage({ type: 'view/error', seq: 2, message: 'bad plan' })).toBe(true);
    expect(hostMessageProblem({ type: 'view/snapshot', seq: 1 })).toBe('message.view: expected an object');
  });

  it('should point at the first wrong field deep inside a view', () => {
    const problem = hostMessageProblem({ type: 'view/snapshot', seq: 1, view: { session: { mode: 'recording' } } });
    expect(problem).toBe('message.view.session.mode: expected one of simulation, report, live');
  });
});
