import type { HookName, HookPort, PortResult } from '../../domain/ports';
import type { Plan } from '../../domain/plan/schema';
import { execArgv, templateArgs } from './exec';

/** Hooks are the plan's commands, run without a shell and killed at their timeout. */
export function commandHooks(plan: Plan): HookPort {
  return {
    run: async (name: HookName): Promise<PortResult> => {
      const hook = plan.hooks?.[name];
      if (!hook) return { ok: true, value: undefined };
      const argv = templateArgs(hook.command, { service: plan.service, version: plan.version ?? '', stableVersion: plan.stableVersion ?? '' });
      const result = await execArgv(argv, { timeoutMs: hook.timeout });
      return result.ok ? { ok: true, value: undefined } : { ok: false, error: `hook ${name}: ${result.error}` };
    },
  };
}
