/** Appends its second argument and a newline to the file named by its first: what each target command does. */
const APPEND = "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')";

/** Four canary steps with short pauses: a release of a few seconds that logs a line at every turn. */
const STEPS = [20, 40, 60, 80].flatMap((weight) => [{ setWeight: weight }, { pause: { duration: '300ms' } }]);

/**
 * A plan whose router and instances are the `command` targets only: a real run with no HAProxy
 * and no processes to start. Every call the runner makes (weights set, replicas scaled) is a
 * line in `calls`, so a test sees what was done to the "fleet".
 *
 * @example
 * writeFileSync(file, commandTargetPlan({ calls: join(dir, 'calls.log') }));
 * // calls.log after a promoted run ends with "weights 0/100" and "scale stable 0"
 */
export function commandTargetPlan(options: { calls: string; service?: string }): string {
  const node = process.execPath;
  const plan = {
    service: options.service ?? 'pipes',
    version: 'v2',
    stableVersion: 'v1',
    replicas: 2,
    strategy: { canary: { steps: STEPS } },
    targets: {
      router: { command: { setWeights: [node, '-e', APPEND, options.calls, 'weights {{stable}}/{{candidate}}'] } },
      instances: { command: { scale: [node, '-e', APPEND, options.calls, 'scale {{role}} {{replicas}}'] } },
    },
  };
  // JSON is YAML: the plan needs no serializer.
  return JSON.stringify(plan, null, 2);
}
