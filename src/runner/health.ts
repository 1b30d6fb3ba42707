import type { PortResult } from '../domain/ports';
import type { EffectInputs } from '../domain/strategies/effects';
import type { RunnerContext } from './context';

const POLL_MS = 250;

/**
 * Waits until the role has `replicas` ready instances that stay ready for `minReadyMs`, or fails
 * at the progress deadline with how many were ready. An instance whose process exited fails the
 * wait at once, with what the adapter knows of why (its exit code, its last stderr lines): it
 * will not become ready by waiting.
 */
export async function waitForHealth(context: RunnerContext, input: EffectInputs['checkHealth'], signal: AbortSignal): Promise<PortResult> {
  const { instances } = context.ports;
  if (instances.awaitAvailable) return instances.awaitAvailable(input.role, input.replicas, input.deadlineMs, signal);
  const deadline = Date.now() + input.deadlineMs;
  let readySince: number | null = null;
  let last = 'no answer';
  while (!signal.aborted) {
    const health = await context.ports.instances.health(input.role);
    if (health.ok && health.value.lost?.length) return { ok: false, error: health.value.lost.join('; ') };
    if (health.ok) {
      last = `${health.value.ready}/${input.replicas} ${input.role} ready`;
      if (health.value.ready >= input.replicas) {
        readySince ??= Date.now();
        if (Date.now() - readySince >= input.minReadyMs) return { ok: true, value: undefined };
      } else readySince = null;
    } else last = health.error;
    if (Date.now() >= deadline) return { ok: false, error: `${last} after ${Math.round(input.deadlineMs / 1000)} s (progress deadline)` };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { ok: false, error: 'stopped' };
}
