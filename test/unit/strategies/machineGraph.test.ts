import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import type { Plan } from '../../../src/domain/plan/schema';
import type { StrategyEvent } from '../../../src/domain/strategies/effects';
import { machineFor } from '../../../src/domain/strategies/index';
import type { StrategyMachine } from '../../../src/domain/strategies/index';
import { analysis, planFixture } from './driver';

/**
 * Model-based checks over the whole state graph: every state a strategy documents is reachable,
 * and from every reachable state some sequence of events reaches a final state (no dead ends).
 */

const gates = [{ name: 'error-rate', metric: 'errorRate' as const, count: 1 }];
const hooks = { prePromotion: { command: ['pre'] }, postPromotion: { command: ['post'] }, onRollback: { command: ['undo'] } };
const hook = [{ command: ['hook'] }];
/** A hook at every point, beside the earlier three: each hook state is reached too. */
const everyHook = { ...hooks, 'confirm-rollout': hook, 'pre-rollout': hook, rollout: hook, 'confirm-traffic-increase': hook, 'confirm-promotion': hook, 'post-rollout': hook, rollback: hook };
const pause = { replicas: 2, analysis: gates, hooks: everyHook, policy: { onFailure: 'pause' as const } };
const tiny = { ...pause, policy: { onFailure: 'rollback' as const } };
/** The earlier hooks only, for a plan whose graph is large already. */
const tinyEarlierHooks = { ...tiny, hooks };
/** The steps scale a canary or a rolling batch: its pre-rollout hooks run before its first route, not as the steps begin. */
const scaledBySteps = ['progressing.steps.preRollingOut'];
/** No weight step: nothing to confirm or to run pre-rollout hooks before. */
const noWeightSteps = ['progressing.steps.preRollingOutBeforeTraffic', 'progressing.steps.confirmingIncrease'];
/** A Flagger-style loop runs its rollout hooks at each check. */
const hooksAtChecks = ['progressing.steps.rollingOut'];
const rollback = tiny;
const scaledByStepsOnly = ['provisioning.verifying', 'promoting.analysing'];
/** Only a rolling batch retires stable instances before its candidates start. */
const noRollingBatches = ['progressing.steps.setting.makingRoom'];
/** Only an engine's stable-first move (Argo, weight going down) grows the stable before the canary moves. */
const noStableFirstGrowth = ['progressing.steps.setting.awaitingRoom'];
/** Only engine kubernetes' rolling batch surges the candidate before the stable moves (the controller's reply to a new template). */
const noSurgeFirst = ['progressing.steps.setting.surging'];
/**
 * Only engine argo-rollouts' abort steps down under dynamicStableScale or keeps the new version up
 * for abortScaleDownDelaySeconds; these plans are fleet ones (test/unit/simulator/argoAbort.test.ts runs them whole).
 */
const noArgoAbort = ['rollingBack.steppingDown', 'rollingBack.steppingDown.scalingStable', 'rollingBack.steppingDown.awaitingStable', 'rollingBack.steppingDown.routing', 'rollingBack.steppingDown.scalingCandidate', 'rollingBack.delayingScaleDown'];
/** Strategies that provision the candidate at full size never scale it up again when promoting. */
const provisionedFull = ['promoting.scalingCandidate', 'promoting.awaitingCandidate', 'promoting.analysing', 'promoting.delayingScaleDown'];

/** One event of each kind a driver or operator can send, with every analysis phase. */
function eventsOf(machine: StrategyMachine): StrategyEvent[] {
  return machine.events.flatMap((type): StrategyEvent[] => {
    if (type === 'runAnalysis.done') return (['successful', 'failed', 'inconclusive'] as const).map((phase) => ({ type, output: analysis(phase) }));
    if (type === 'watchAnalysis.failed') return [{ type, output: analysis('failed') }];
    if (type.endsWith('.failed')) return [{ type, reason: 'boom' } as StrategyEvent];
    if (type.startsWith('xstate.done')) return [];
    return [{ type } as StrategyEvent];
  });
}

function statePaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [`${prefix}${value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => [`${prefix}${key}`, ...statePaths(child, `${prefix}${key}.`)]);
}

/** States a snapshot can rest in: transient (always) states and inner `done` states are passed through. */
function restingStates(node: AnyStateNode, prefix = ''): string[] {
  return Object.entries(node.states).flatMap(([key, child]) => {
    const path = `${prefix}${key}`;
    const transient = child.always !== undefined && child.always.length > 0;
    const innerFinal = child.type === 'final' && prefix !== '';
    return [...(transient || innerFinal ? [] : [path]), ...restingStates(child, `${path}.`)];
  });
}

function keyOf(snapshot: { value: unknown; context: object }): string {
  return JSON.stringify({ value: snapshot.value, context: { ...snapshot.context, plan: undefined, steps: undefined } });
}

function explore(machine: StrategyMachine, plan: Plan) {
  const adjacency = getAdjacencyMap(machine, { input: { plan }, events: eventsOf(machine), serializeState: keyOf });
  const nodes = new Map(Object.entries(adjacency));
  const finals = new Set([...nodes].filter(([, node]) => node.state.status === 'done').map(([key]) => key));
  // Walk backwards from the final states: whatever cannot get there is a dead end.
  const canFinish = new Set(finals);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [key, node] of nodes) {
      if (canFinish.has(key)) continue;
      // The adjacency map brands its keys, which hides the edge type from Object.values.
      const edges = Object.values(node.transitions as Record<string, { state: { value: unknown; context: object } }>);
      if (edges.some((edge) => canFinish.has(keyOf(edge.state)))) {
        canFinish.add(key);
        grew = true;
      }
    }
  }
  const visited = new Set([...nodes.values()].flatMap((node) => statePaths(node.state.value)));
  const deadEnds = [...nodes.keys()].filter((key) => !canFinish.has(key));
  const outcomes = new Set([...finals].map((key) => String(nodes.get(key)?.state.output?.outcome)));
  return { visited, deadEnds, outcomes };
}

const cases: { kind: Parameters<typeof machineFor>[0]; plans: Plan[]; unreachable: string[] }[] = [
  {
    kind: 'canary',
    plans: [
      planFixture({
        ...pause,
        strategy: {
          canary: {
            analysis: { templates: ['error-rate'] },
            steps: [{ setWeight: 50 }, { pause: { duration: 10 } }, { pause: {} }, { analysis: { templates: ['error-rate'] } }, { setCanaryScale: { replicas: 1 } }, { setHeaderRoute: { name: 'h' } }],
          },
        },
      }),
      planFixture({ ...rollback, strategy: { canary: { stepWeight: 50, interval: 10, threshold: 2, analysis: { templates: ['error-rate'] } } } }),
    ],
    unreachable: [...noArgoAbort, ...noRollingBatches, ...noStableFirstGrowth, ...noSurgeFirst, 'progressing.background.idle', 'promoting.delayingScaleDown', ...scaledByStepsOnly, ...scaledBySteps],
  },
  {
    kind: 'rolling',
    plans: [
      planFixture({ ...tiny, strategy: { rolling: { batchSize: 1, pauseBetweenBatches: 10, analysis: { templates: ['error-rate'] } } } }),
      planFixture({ ...tinyEarlierHooks, replicas: 4, engine: 'kubernetes', strategy: { rolling: { maxSurge: '25%', maxUnavailable: '25%', analysis: { templates: ['error-rate'] } } } }),
    ],
    unreachable: [...noArgoAbort, ...noStableFirstGrowth, 'progressing.background.watching', 'progressing.steps.pausing.indefinite', 'progressing.steps.checking', 'promoting.delayingScaleDown', ...scaledByStepsOnly, ...scaledBySteps],
  },
  {
    kind: 'abTest',
    plans: [planFixture({ ...tiny, strategy: { abTest: { match: [{ headers: { x: { exact: 'y' } } }], iterations: 2, threshold: 2, analysis: { templates: ['error-rate'] } } } })],
    unreachable: [...noArgoAbort, ...noRollingBatches, ...noStableFirstGrowth, ...noSurgeFirst, 'progressing.background.watching', 'progressing.steps.pausing', 'progressing.steps.analysing', 'progressing.steps.setting.scalingCandidate', 'progressing.steps.setting.awaitingCandidate', 'progressing.steps.setting.scalingStable', ...provisionedFull, ...noWeightSteps, ...hooksAtChecks],
  },
  {
    kind: 'shadow',
    plans: [planFixture({ ...tiny, strategy: { shadow: { iterations: 1, analysis: { templates: ['error-rate'] } } } })],
    unreachable: [...noArgoAbort, ...noRollingBatches, ...noStableFirstGrowth, ...noSurgeFirst, 'progressing.background.watching', 'progressing.steps.pausing', 'progressing.steps.analysing', 'progressing.steps.setting.scalingCandidate', 'progressing.steps.setting.awaitingCandidate', 'progressing.steps.setting.scalingStable', ...provisionedFull, ...noWeightSteps, ...hooksAtChecks],
  },
  {
    kind: 'blueGreen',
    plans: [
      planFixture({ ...tiny, strategy: { blueGreen: { autoPromotionSeconds: 10, prePromotionAnalysis: { templates: ['error-rate'] }, postPromotionAnalysis: { templates: ['error-rate'] } } } }),
      planFixture({ ...rollback, strategy: { blueGreen: { autoPromotionEnabled: false, previewReplicaCount: 1 } } }),
    ],
    // Blue-green's only step is the pre-promotion analysis, so a hold requested there meets no next step.
    unreachable: [...noArgoAbort, ...noRollingBatches, ...noStableFirstGrowth, ...noSurgeFirst, 'progressing.background.watching', 'progressing.steps.setting', 'progressing.steps.pausing', 'progressing.steps.checking', 'progressing.steps.holding', ...noWeightSteps],
  },
  {
    kind: 'recreate',
    plans: [planFixture({ ...tiny, strategy: { recreate: { analysis: { templates: ['error-rate'] } } } })],
    unreachable: [...noArgoAbort, ...noRollingBatches, ...noStableFirstGrowth, ...noSurgeFirst, 'progressing.background.watching', 'progressing.steps.pausing', 'progressing.steps.checking', 'progressing.steps.setting.scalingCandidate', 'progressing.steps.setting.awaitingCandidate', 'progressing.steps.setting.scalingStable', 'promoting.scalingStableDown', ...provisionedFull, 'provisioning.confirmingRollout', ...scaledBySteps],
  },
];

describe('strategy machine graphs', () => {
  it.each(cases)('should reach every $kind state and leave no dead ends', ({ kind, plans, unreachable }) => {
    const machine = machineFor(kind);
    const runs = plans.map((plan) => explore(machine, plan));
    const visited = new Set(runs.flatMap((run) => [...run.visited]));
    const expected = restingStates(machine.root).filter((path) => !unreachable.some((skip) => path === skip || path.startsWith(`${skip}.`)));
    expect(expected.filter((path) => !visited.has(path))).toEqual([]);
    expect(runs.flatMap((run) => run.deadEnds)).toEqual([]);
    expect([...new Set(runs.flatMap((run) => [...run.outcomes]))].sort()).toEqual(['aborted', 'failed', 'promoted', 'rolledBack']);
  }, 120_000);
});
