// Types only: the extension's light half reads this before the engine is loaded.
import type { Hook, Plan } from '../plan/schema';

/** A secret's name as `${secret:NAME}` writes it (src/adapters/hooks/references.ts resolves it). */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_REFERENCE = /\$\{secret:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The secrets a plan's hooks name in their urls and headers, each once, in the plan's order:
 * what a real run needs in SWITCHYARD_HOOK_SECRETS, and no more.
 *
 * @example
 * // hooks: { confirm-promotion: [{ url: https://deploys.example.com/approve, headers: { Authorization: "Bearer ${secret:DEPLOYS_TOKEN}" } }] }
 * hookSecretNames(plan); // ['DEPLOYS_TOKEN']
 */
export function hookSecretNames(plan: Plan): string[] {
  const hooks = plan.hooks;
  if (!hooks) return [];
  const all: Hook[] = Object.values(hooks).flatMap((entry: Hook | readonly Hook[] | undefined) => (entry === undefined ? [] : Array.isArray(entry) ? entry : [entry as Hook]));
  const names = new Set<string>();
  for (const hook of all) {
    for (const text of [hook.url ?? '', ...Object.values(hook.headers ?? {})]) {
      for (const match of text.matchAll(SECRET_REFERENCE)) if (match[1] !== undefined) names.add(match[1]);
    }
  }
  return [...names];
}
