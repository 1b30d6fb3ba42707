import { fromCallback, type AnyEventObject, type EventObject } from 'xstate';
import { routerCan, type PortResult } from '../domain/ports';
import type { RunEventData } from '../domain/run/events';
import type { EffectInputs, RouteSpec } from '../domain/strategies/effects';
import type { EffectActors } from '../domain/simulator/actors';
import { describeRoute } from '../domain/simulator/actors';
import { act } from './act';
import type { RunnerContext } from './context';
import { scaleRole } from './fleet';
import { startRealGates } from './gates';
import { waitForHealth } from './health';
import { runHooks } from './hooks';

type SendBack = (event: AnyEventObject) => void;

/**
 * The runner's implementations of every effect a strategy machine invokes: the same names and
 * events as the simulator's, acting on real adapters. A failing target becomes `<effect>.failed`
 * with the adapter's message, so the plan's policy decides (rollback or pause); nothing throws.
 * When the machine leaves a state its actor is stopped, and a late result is dropped.
 */
export function realActors(context: RunnerContext): EffectActors {
  const effect = <TInput>(name: string, describe: (input: TInput) => string, work: (input: TInput) => Promise<PortResult>, confirms?: (input: TInput) => RunEventData['traffic.set']) =>
    fromCallback<EventObject, TInput>(({ input, sendBack }) => {
      let stopped = false;
      void act(context, name, input, describe(input), () => work(input), { cancelled: () => stopped, ...(confirms ? { confirms: confirms(input) } : {}) }).then((result) => {
        if (stopped) return;
        if (!result.ok) context.failureAt ??= Date.now();
        sendBack(result.ok ? { type: `${name}.done` } : { type: `${name}.failed`, reason: result.error });
      });
      return () => {
        stopped = true;
      };
    });
  const scaleWork = (input: EffectInputs['scale']) => scaleRole(context, input.role, input.replicas);

  return {
    provision: effect<EffectInputs['provision']>('provision', (input) => `provision ${input.role} with ${input.replicas} instance(s)`, scaleWork),
    scale: effect<EffectInputs['scale']>('scale', (input) => `scale ${input.role} → ${input.replicas}`, scaleWork),
    setTraffic: effect<RouteSpec>('setTraffic', (input) => `${describeRoute(input)} on ${context.ports.router.name}`, (input) => setTraffic(context, input), (input) => ({
      weights: input.weights,
      mirrorPercent: input.mirrorPercent ?? 0,
      headerRoutes: input.headerRoutes?.length ?? 0,
    })),
    checkHealth: fromCallback<EventObject, EffectInputs['checkHealth']>(({ input, sendBack }) => {
      const controller = new AbortController();
      const description = `wait for ${input.replicas} ${input.role} instance(s) healthy`;
      void act(context, 'checkHealth', input, description, () => waitForHealth(context, input, controller.signal), { exclusive: false }).then((result) => {
        if (controller.signal.aborted) return;
        sendBack(result.ok ? { type: 'checkHealth.done' } : { type: 'checkHealth.failed', reason: result.error });
      });
      return () => controller.abort();
    }),
    runAnalysis: analysisActor(context, 'run'),
    watchAnalysis: analysisActor(context, 'watch'),
    awaitApproval: fromCallback<EventObject, EffectInputs['awaitApproval']>(({ input, sendBack }) => {
      if (context.dryRun) {
        context.log(`  would wait for an operator: ${input.reason}`);
        queueMicrotask(() => sendBack({ type: 'awaitApproval.done' }));
        return () => undefined;
      }
      context.waiting.add(input.reason);
      return () => context.waiting.delete(input.reason);
    }),
    runHook: fromCallback<EventObject, EffectInputs['runHook']>(({ input, sendBack }) => {
      // A confirm hook may hold the release for minutes: it waits beside the other effects, never in their queue.
      const controller = new AbortController();
      let rollback = false;
      const work = async (): Promise<PortResult> => {
        const result = await runHooks(context, input, controller.signal);
        rollback = result.rollback === true;
        return result;
      };
      void act(context, 'runHook', input, `call ${input.hook} hooks`, work, { exclusive: false, cancelled: () => controller.signal.aborted }).then((result) => {
        if (controller.signal.aborted) return;
        if (!result.ok) context.failureAt ??= Date.now();
        sendBack(result.ok ? { type: 'runHook.done' } : { type: 'runHook.failed', reason: result.error, ...(rollback ? { rollback } : {}) });
      });
      return () => controller.abort();
    }),
  };
}

async function setTraffic(context: RunnerContext, route: RouteSpec): Promise<PortResult> {
  const { router } = context.ports;
  const routes = route.headerRoutes ?? [];
  const mirror = route.mirrorPercent ?? 0;
  const previous = context.route;
  // Routes and mirroring are set when asked for, and taken off when the next route has none
  // (promotion, rollback): a rollback that left header routes on would keep users on the candidate.
  // What the router can do is what it declares (src/domain/targets/capabilities.ts).
  if (routes.length > 0 || (previous.headerRoutes?.length ?? 0) > 0) {
    if (!routerCan(router, 'headerRoutes')) {
      if (routes.length > 0) return { ok: false, error: `${router.name} cannot route by header; use HAProxy or nginx with header routes` };
    } else if (JSON.stringify(routes) !== JSON.stringify(previous.headerRoutes ?? [])) {
      const result = await router.setHeaderRoutes(routes);
      if (!result.ok) return result;
    }
  }
  if (mirror !== (previous.mirrorPercent ?? 0)) {
    if (!routerCan(router, 'mirror')) {
      if (mirror > 0) return { ok: false, error: `${router.name} cannot mirror traffic; use nginx (the mirror directive)` };
    } else {
      const result = await router.setMirror(mirror);
      if (!result.ok) return result;
    }
  }
  const set = await router.setWeights(route.weights);
  if (!set.ok) return set;
  const verified = await router.verify(route.weights);
  if (!verified.ok) return verified;
  context.route = route;
  return set;
}

function analysisActor(context: RunnerContext, mode: 'run' | 'watch') {
  const name = mode === 'run' ? 'runAnalysis' : 'watchAnalysis';
  return fromCallback<EventObject, EffectInputs['runAnalysis']>(({ input, sendBack }) => {
    const send: SendBack = sendBack;
    const version = input.role === 'candidate' ? (context.plan.version ?? 'candidate') : (context.plan.stableVersion ?? 'stable');
    const description = `${mode === 'run' ? 'measure' : 'watch'} ${input.gates.join(', ')} for ${version}`;
    if (context.dryRun) {
      context.log(`  would ${description}`);
      if (mode === 'run') queueMicrotask(() => send({ type: 'runAnalysis.done', output: { phase: 'successful', measurements: [], message: 'dry run' } }));
      return () => undefined;
    }
    const id = context.nextActionId++;
    context.journal.append('action.intent', { id, effect: name, input, description });
    context.log(`  … ${description}`);
    const started = performance.now();
    return startRealGates({
      plan: context.plan,
      analysis: context.ports.analysis,
      gates: input.gates,
      version,
      mode,
      check: input.check,
      now: context.now,
      onMeasurement: (m, allowed) => {
        context.journal.append('gate.measure', { gate: m.gate, role: input.role, version, value: m.value, phase: m.phase, ...(m.message ? { detail: m.message } : {}), ...(allowed ? { allowed } : {}) });
        context.log(`    ${m.gate} = ${m.value ?? m.message ?? 'no value'} ${m.phase}${allowed ? ` · ${allowed}` : ''}`);
      },
      onGateResult: (gate, phase, message) => context.journal.append('gate.result', { gate, role: input.role, phase }, message),
      onMeasured: () => send({ type: 'watchAnalysis.measured' }),
      onEnd: (output) => {
        const ok = output.phase === 'successful';
        context.journal.append('action.result', { id, ok, ms: Math.round(performance.now() - started), ...(ok ? {} : { error: output.message }) });
        context.log(`  ${ok ? '✓' : '✗'} ${output.message}`);
        if (!ok) context.failureAt ??= Date.now();
        if (mode === 'run') send({ type: 'runAnalysis.done', output });
        else if (!ok) send({ type: 'watchAnalysis.failed', output });
      },
    });
  });
}
