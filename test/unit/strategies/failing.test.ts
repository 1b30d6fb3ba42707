import { describe, expect, it } from 'vitest';
import { awaitsOperator, isFailing, isUndone } from '../../../src/domain/strategies/failing';
import { simulate } from '../../../src/domain/simulator/simulate';
import { eventLevel } from '../../../src/protocol/viewParts';
import { canaryPlan } from '../simulator/fixtures';

describe('failure is a typed fact of the run', () => {
  it.each([
    { name: 'rolling back', value: { rollingBack: 'switchingTraffic' }, failing: true },
    { name: 'rolled back', value: 'rolledBack', failing: true },
    { name: 'aborted', value: 'aborted', failing: true },
    { name: 'progressing, whatever its substates are called', value: { progressing: { steps: 'failedChecks', background: 'watching' } }, failing: false },
    { name: 'paused', value: 'paused', failing: false },
    { name: 'promoted', value: 'promoted', failing: false },
  ])('should read $name from the state value as failing: $failing', ({ value, failing }) => {
    expect(isFailing(value)).toBe(failing);
  });

  it.each([
    { name: 'paused by policy', value: 'paused', waits: true },
    { name: 'at an indefinite pause step', value: { progressing: { steps: { pausing: 'indefinite' }, background: 'watching' } }, waits: true },
    { name: 'held by operator.pause', value: { progressing: { steps: 'holding', background: 'idle' } }, waits: true },
    { name: 'awaiting a blue-green promotion', value: { awaitingPromotion: 'manual' }, waits: true },
    { name: 'at a timed pause', value: { progressing: { steps: { pausing: 'timed' }, background: 'idle' } }, waits: false },
    { name: 'rolling back', value: { rollingBack: 'switchingTraffic' }, waits: false },
  ])('should read $name as waiting for an operator: $waits', ({ value, waits }) => {
    expect(awaitsOperator(value)).toBe(waits);
  });

  it('should call rolled back, aborted and failed outcomes undone, and no other', () => {
    expect(['promoted', 'rolledBack', 'aborted', 'paused', 'failed'].filter(isUndone)).toEqual(['rolledBack', 'aborted', 'failed']);
  });

  it('should mark the machine states of a rollback as failing in the simulation journal', () => {
    const run = simulate(canaryPlan({ candidate: { errorRate: 0.3 } }), { scenario: 'main', seed: 1 });
    const states = run.events.filter((event) => event.kind === 'machine.state');
    expect(states.filter((event) => event.data?.failing === true).map((event) => event.message.split(' ')[0])).toEqual(['rollingBack.switchingTraffic', 'rollingBack.scalingCandidateDown', 'rolledBack']);
  });

  it('should grade journal lines by the fact, not by the words in the message', () => {
    expect(eventLevel({ t: 0, kind: 'outcome', message: 'rolledBack: words only', failing: false })).toBe('info');
    expect(eventLevel({ t: 0, kind: 'machine.state', message: 'somewhere', failing: true })).toBe('error');
  });
});
