import type { EngineSemantics, StrategyKind } from '../domain/plan/schema';

/** The example plan each strategy starts from (examples/ ships in the extension). */
export const TEMPLATE_FILES: Record<StrategyKind, string> = {
  blueGreen: 'blue-green.release.yaml',
  rolling: 'rolling.release.yaml',
  canary: 'canary.release.yaml',
  abTest: 'ab-test.release.yaml',
  shadow: 'shadow.release.yaml',
  recreate: 'recreate.release.yaml',
};

export interface StarterChoice {
  strategy: StrategyKind;
  engine: EngineSemantics;
  service: string;
}

/** Lower-case DNS-label style, as the service names Kubernetes and most routers accept. */
export const SERVICE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Turns an example plan into the user's starter: their service and engine, and a header that
 * says what to do next. The example's own header describes the example service, so it goes;
 * comments inside the plan explain the settings, so they stay.
 *
 * @example
 * starterPlan(canaryExample, { strategy: 'canary', engine: 'kubernetes', service: 'payments' });
 * // "# payments: a canary release ...\nservice: payments\n...engine: kubernetes\n..."
 */
export function starterPlan(example: string, choice: StarterChoice): string {
  const lines = example.split(/\r?\n/);
  const firstContent = lines.findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const body = lines.slice(Math.max(0, firstContent));
  const serviceAt = body.findIndex((line) => /^service:/.test(line));
  if (serviceAt === -1) body.unshift(`service: ${choice.service}`);
  else body[serviceAt] = `service: ${choice.service}`;
  const engineAt = body.findIndex((line) => /^engine:/.test(line));
  const engineLine = `engine: ${choice.engine}`;
  if (engineAt === -1) body.splice(Math.max(0, serviceAt) + 1, 0, engineLine);
  else body[engineAt] = engineLine;
  const header = [
    `# ${choice.service}: a ${choice.strategy} release with ${choice.engine} semantics, started from Switchyard's example.`,
    '# Simulate it from the CodeLens above (or "Switchyard: Simulate Plan"), then adjust the steps,',
    '# gates and scenarios to your service. Hover a key for its documentation.',
  ];
  return [...header, ...body].join('\n');
}
