import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import { replayOf } from '../../../src/panel/viewModel';
import { stateInWords } from '../../../src/text/run';

const step = { stepIndex: 0, stepCount: 8, stepLabel: 'setWeight 10% → canary 1, stable 10' };

describe('machine states in words, as the panel and the report list them', () => {
  it.each([
    { state: 'progressing.steps.setting.routing, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: moving traffic' },
    { state: 'progressing.steps.setting.awaitingCandidate, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: waiting for the new version to be ready' },
    { state: 'provisioning.creating', words: 'provisioning the new version: starting the new version' },
    { state: 'rollingBack.awaitingStable', words: 'rolling back: waiting for the old version to be ready' },
    { state: 'rollingBack.scalingCandidateDown', words: 'rolling back: stopping the new version' },
    { state: 'awaitingPromotion.waiting', words: 'awaiting promotion: waiting' },
    { state: 'rolledBack', words: 'rolled back' },
    { state: 'stoppingStable', words: 'stopping the old version' },
    { state: 'provisioning.confirmingRollout', words: 'provisioning the new version: waiting for confirm-rollout' },
    { state: 'progressing.steps.confirmingIncrease, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: waiting for confirm-traffic-increase' },
    { state: 'progressing.steps.preRollingOutBeforeTraffic.calling, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: running the pre-rollout hooks' },
    { state: 'progressing.steps.preRollingOut.retrying, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: waiting to run the pre-rollout hooks again' },
    { state: 'progressing.steps.checking.hooking, background.idle', words: 'step 1/8 · setWeight 10% → canary 1, stable 10: calling the rollback and rollout hooks' },
    { state: 'promoting.confirmingPromotion', words: 'promoting: waiting for confirm-promotion' },
    { state: 'promoting.runningPostRolloutHook', words: 'promoting: running the post-rollout hooks' },
    { state: 'rollingBack.runningHook', words: 'rolling back: running the onRollback hook' },
  ])('should say $state as "$words"', ({ state, words }) => {
    expect(stateInWords({ ...step, state })).toBe(words);
  });

  it('should list no state path among the events of a replayed run', () => {
    const parsed = parsePlan(readFileSync(join(__dirname, '../../../examples/canary.release.yaml'), 'utf8'), 'canary.release.yaml');
    if (!parsed.ok) throw new Error('the example does not parse');
    const run = simulate(parsed.plan, { scenario: 'bad-version' });
    const replay = replayOf(parsed.plan, run, { mode: 'simulation' });
    const states = replay.events.filter((event) => event.kind === 'machine.state').map((event) => event.message);
    expect(states.length).toBeGreaterThan(3);
    for (const message of states) expect(message).not.toMatch(/\w\.\w|background\.|, background/);
    expect(states).toContain('rolling back: moving traffic');
  });

  it('should say which lifecycle hook a release is waiting for or running, never the bare phase (examples/canary-webhooks)', () => {
    const parsed = parsePlan(readFileSync(join(__dirname, '../../../examples/canary-webhooks.release.yaml'), 'utf8'), 'canary-webhooks.release.yaml');
    if (!parsed.ok) throw new Error('the example does not parse');
    const statesOf = (scenario: string) => {
      const run = simulate(parsed.plan, { scenario });
      return replayOf(parsed.plan, run, { mode: 'simulation' }).events.filter((event) => event.kind === 'machine.state').map((event) => event.message);
    };
    const late = statesOf('approval-late');
    expect(late).toEqual(expect.arrayContaining(['provisioning the new version: waiting for confirm-rollout', 'promoting: waiting for confirm-promotion']));
    expect(late).toContainEqual(expect.stringMatching(/^step 3\/8 · .*: running the pre-rollout hooks$/));
    expect(late).toContainEqual(expect.stringMatching(/^step 4\/8 · check 1\/3 .*: calling the rollback and rollout hooks$/));
    expect(late.indexOf('promoting: waiting for confirm-promotion')).toBeLessThan(late.indexOf('promoting: moving traffic'));
    expect(statesOf('smoke-test-fails')).toContainEqual(expect.stringMatching(/^step 3\/8 · .*: waiting to run the pre-rollout hooks again$/));
  });
});
