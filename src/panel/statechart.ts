import type { AnyStateNode } from 'xstate';
import type { StrategyKind } from '../domain/plan/schema';
import { machineFor } from '../domain/strategies';
import type { Replay } from '../protocol/replay';

type Chart = Replay['statechart'];

const cache = new Map<StrategyKind, Chart>();

/**
 * A strategy machine's top-level states and the transitions between them, read from the machine
 * definition itself so the drawing cannot drift from what runs. Transitions of nested states are
 * lifted to their top-level ancestors; those that stay inside one top-level state are dropped,
 * because the panel shows where the release is (progressing, rollingBack...), not every substate.
 *
 * @example
 * statechartOf('canary').transitions.find((edge) => edge.from === 'progressing' && edge.to === 'rollingBack');
 * // { from: 'progressing', to: 'rollingBack', events: ['runAnalysis.failed', 'operator.abort', ...] }
 */
export function statechartOf(kind: StrategyKind): Chart {
  const cached = cache.get(kind);
  if (cached) return cached;
  const root = machineFor(kind).root as AnyStateNode;
  const topLevel = Object.values(root.states) as AnyStateNode[];
  const edges = new Map<string, { from: string; to: string; events: string[] }>();
  for (const state of topLevel) {
    for (const { event, target } of transitionsUnder(state)) {
      const to = target.path[0];
      if (to === undefined || to === state.key) continue;
      const key = `${state.key}->${to}`;
      const edge = edges.get(key) ?? { from: state.key, to, events: [] };
      if (!edge.events.includes(event)) edge.events.push(event);
      edges.set(key, edge);
    }
  }
  const chart: Chart = {
    initial: initialOf(root) ?? topLevel[0]?.key ?? '',
    states: topLevel.map((state) => ({ id: state.key, final: state.type === 'final' })),
    transitions: [...edges.values()],
  };
  cache.set(kind, chart);
  return chart;
}

function* transitionsUnder(state: AnyStateNode): Generator<{ event: string; target: AnyStateNode }> {
  for (const [event, definitions] of state.transitions) {
    for (const definition of definitions) {
      for (const target of definition.target ?? []) yield { event: eventLabel(event), target: target as AnyStateNode };
    }
  }
  for (const definition of state.always ?? []) {
    for (const target of definition.target ?? []) yield { event: 'always', target: target as AnyStateNode };
  }
  for (const child of Object.values(state.states) as AnyStateNode[]) yield* transitionsUnder(child);
}

/** XState's internal event names read badly: "xstate.done.state.rollingBack" is "done", "xstate.after.X" is "after". */
function eventLabel(event: string): string {
  if (event.startsWith('xstate.done.')) return 'done';
  if (event.startsWith('xstate.after.')) return 'after delay';
  return event;
}

function initialOf(root: AnyStateNode): string | undefined {
  const target = root.initial?.target[0] as AnyStateNode | undefined;
  return target?.path[0];
}
