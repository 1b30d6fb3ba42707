import type { Fault, FaultKind } from '../schema';
import { problem, withArticle } from './context';
import type { Rule } from './context';

type FaultField = 'role' | 'for' | 'count' | 'factor' | 'errorRate' | 'hook';

/** Which optional fields each fault kind reads; `for` is required where it is listed. */
const FAULT_FIELDS: Record<FaultKind, readonly FaultField[]> = {
  instanceLoss: ['role', 'count'],
  metricsOutage: ['for'],
  routerFault: ['for'],
  slowBoot: ['role', 'for', 'factor'],
  badVersion: ['role', 'errorRate'],
  crashLoop: ['role'],
  hookFailure: ['hook', 'for'],
  hookTimeout: ['hook', 'for'],
  hookRefusal: ['hook', 'for'],
  hookApproval: ['hook', 'for'],
};
const NEEDS_DURATION: readonly FaultKind[] = ['metricsOutage', 'routerFault', 'slowBoot'];

function eachFault(context: Parameters<Rule>[0], check: (fault: Fault, path: (string | number)[]) => ReturnType<Rule>): ReturnType<Rule> {
  return Object.entries(context.plan.scenarios).flatMap(([name, scenario]) =>
    scenario.faults.flatMap((fault, index) => check(fault, ['scenarios', name, 'faults', index])),
  );
}

export const faultsLastSomeTime: Rule = (context) =>
  eachFault(context, (fault, path) =>
    NEEDS_DURATION.includes(fault.kind) && fault.for === undefined
      ? [
          problem(context, 'error', 'plan.faultDuration', path, `${withArticle(fault.kind)} fault needs "for", how long it lasts`, {
            fix: { message: 'Make it last one minute', replacement: 'for: 1m' },
          }),
        ]
      : [],
  );

/**
 * A role on a fault that hits the whole system (metrics, router) is an error: the user expects it
 * to affect one side only. Other misplaced fields are ignored by the simulator, hence warnings.
 */
export const faultFieldsFitKind: Rule = (context) =>
  eachFault(context, (fault, path) => {
    const allowed = FAULT_FIELDS[fault.kind];
    return (['role', 'for', 'count', 'factor', 'errorRate', 'hook'] as const)
      .filter((field) => fault[field] !== undefined && !allowed.includes(field))
      .map((field) => {
        const users = (Object.keys(FAULT_FIELDS) as FaultKind[]).filter((kind) => FAULT_FIELDS[kind].includes(field));
        const detail =
          field === 'role'
            ? `${withArticle(fault.kind)} fault affects both stable and candidate; remove role`
            : `${field} has no effect on ${withArticle(fault.kind)} fault; it is read by ${users.join(', ')}`;
        return problem(context, field === 'role' ? 'error' : 'warning', 'plan.faultField', [...path, field], detail, {
          target: 'key',
          fix: { message: `Remove ${field}` },
        });
      });
  });
