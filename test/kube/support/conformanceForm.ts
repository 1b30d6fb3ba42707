/**
 * The canonical form a rolling update is compared in, the same for the real Deployment controller
 * and for the simulator.
 *
 * A trace is the ordered list of distinct states `(new, old, available)`:
 * - `new`: the new ReplicaSet's spec.replicas (0 before it exists);
 * - `old`: the sum of spec.replicas over the old ReplicaSets;
 * - `available`: the new ReplicaSet's status.availableReplicas (pods Ready for at least
 *   minReadySeconds). This is the availability the controller's next move depends on: the old
 *   pods are all healthy, so the old side's availability only follows its own spec as pods are
 *   deleted, while each new pod becoming available is what lets the controller scale old down and
 *   new up again. The Deployment's status.availableReplicas (old and new together) also moves with
 *   every old pod's termination, in an order that depends on the timing of two controllers, so it
 *   is not deterministic.
 *
 * The controller reacts to each new pod turning available, and pods started in the same wave turn
 * available within milliseconds of each other, in one ReplicaSet status update or in several
 * depending on timing. The steps it takes in between differ from run to run; the state it settles
 * in once all of them are available does not (it depends only on how many new pods are
 * available). So the canonical form is:
 *
 * 1. `sync new=N old=O`: every distinct (new, old) spec state from the template change until the
 *    first new pod becomes available: the controller's syncs in reply to the template change,
 *    each of which changes one side, in order. No pod is ready yet, so this part is deterministic
 *    and shows the order in which the controller moves the two sides.
 * 2. `wave new=N old=O available=A`: wave 0 ends in the last state of part 1. Wave k+1 ends in the
 *    last state seen while no more new pods are available than wave k's end asked for: the state
 *    the controller settles in once every pod it had asked for is available, before any pod it
 *    created after that can be. The waves end with the rollout's last state (complete, or the
 *    state a bad version stalls in).
 *
 * Nothing about the controller's arithmetic is hidden: every wave end is a spec state the
 * controller wrote and waited in. What is left out is only the order of the writes between two
 * wave ends, which on the real cluster depends on how the pod readiness events were batched.
 *
 * @example
 * // 10 replicas, maxSurge 25% (3), maxUnavailable 25% (2):
 * canonicalForm([{ new: 0, old: 10, available: 0 }, { new: 3, old: 10, available: 0 }, { new: 3, old: 8, available: 0 },
 *   { new: 5, old: 8, available: 0 }, { new: 5, old: 3, available: 5 }, { new: 10, old: 3, available: 5 }, ...]);
 * // ['sync new=0 old=10', 'sync new=3 old=10', 'sync new=3 old=8', 'sync new=5 old=8',
 * //  'wave new=5 old=8 available=0', 'wave new=10 old=3 available=5', 'wave new=10 old=0 available=10']
 */
export interface RolloutState {
  readonly new: number;
  readonly old: number;
  readonly available: number;
}

export function canonicalForm(states: readonly RolloutState[]): string[] {
  const distinct = dedupe(states);
  const form: string[] = [];
  for (const state of distinct) {
    if (state.available > 0) break;
    const line = `sync new=${state.new} old=${state.old}`;
    if (form.at(-1) !== line) form.push(line);
  }
  let bound = 0;
  let index = 0;
  while (index < distinct.length) {
    let end = index;
    while (end < distinct.length && (distinct[end] as RolloutState).available <= bound) end++;
    if (end === index) {
      // More pods became available at once than the last wave asked for: start the next wave there, so the difference shows.
      bound = (distinct[index] as RolloutState).available;
      continue;
    }
    const last = distinct[end - 1] as RolloutState;
    form.push(`wave new=${last.new} old=${last.old} available=${last.available}`);
    index = end;
    bound = Math.max(last.new, bound);
  }
  return form;
}

function dedupe(states: readonly RolloutState[]): RolloutState[] {
  const result: RolloutState[] = [];
  for (const state of states) {
    const last = result.at(-1);
    if (!last || last.new !== state.new || last.old !== state.old || last.available !== state.available) result.push(state);
  }
  return result;
}

export interface Divergence {
  readonly index: number;
  readonly real: string;
  readonly simulated: string;
}

/** Where two canonical forms first differ, or undefined when they are identical. */
export function firstDivergence(real: readonly string[], simulated: readonly string[]): Divergence | undefined {
  const length = Math.max(real.length, simulated.length);
  for (let index = 0; index < length; index++) {
    if (real[index] !== simulated[index]) return { index, real: real[index] ?? '(end)', simulated: simulated[index] ?? '(end)' };
  }
  return undefined;
}
