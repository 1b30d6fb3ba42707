import type { PortResult } from '../domain/ports';
import type { RunEventData } from '../domain/run/events';
import { actionKey, type RunnerContext } from './context';

/**
 * One journaled action: intent on disk (fsync) before anything is touched, result after. A dry
 * run prints the intent and touches nothing. An action the journal shows as completed before a
 * crash, but whose result the machine never received, is answered from the journal instead of
 * being done twice. A routing action names the routing it `confirms`: once the router has it, the
 * journal says so as a simulation does (`traffic.set`).
 *
 * @example
 * await act(context, 'setTraffic', input, 'traffic 20% → candidate', () => router.setWeights(weights));
 */
export async function act(
  context: RunnerContext,
  effect: string,
  input: unknown,
  description: string,
  work: () => Promise<PortResult>,
  options: { exclusive?: boolean; cancelled?: () => boolean; confirms?: RunEventData['traffic.set'] } = {},
): Promise<PortResult> {
  const key = actionKey(effect, input);
  const replayed = context.replay.get(key);
  if (replayed !== undefined) {
    context.replay.delete(key);
    context.log(`  ✓ ${description} (done before the restart, action ${replayed})`);
    return { ok: true, value: undefined };
  }
  const run = async (): Promise<PortResult> => {
    // The machine left the state that asked for this while it queued (an abort): do nothing.
    if (options.cancelled?.()) return { ok: false, error: 'cancelled' };
    const id = context.nextActionId++;
    if (context.dryRun) {
      context.log(`  would ${description}`);
      return { ok: true, value: undefined };
    }
    context.journal.append('action.intent', { id, effect, input, description });
    const started = performance.now();
    let result: PortResult;
    try {
      result = await work();
    } catch (error) {
      // Adapters return errors as values; a throw is a bug, but it still must not leave traffic unknown.
      result = { ok: false, error: `internal error in ${effect}: ${(error as Error).message}` };
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    context.journal.append('action.result', { id, ok: result.ok, ms, ...(result.ok ? {} : { error: result.error }) });
    if (result.ok && options.confirms) context.journal.append('traffic.set', options.confirms);
    context.log(result.ok ? `  ✓ ${description} (${ms} ms)` : `  ✗ ${description}: ${result.error}`);
    return result;
  };
  return options.exclusive === false ? run() : context.mutex.run(run);
}
