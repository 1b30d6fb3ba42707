import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const folders: string[] = [];
// Registered while the importing test file is collected, so each file removes what it wrote.
afterAll(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Writes a plan file into a fresh temporary folder (removed after the test file) and returns its path. */
export function writePlan(name: string, text: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-cli-'));
  folders.push(folder);
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/**
 * A four-replica canary: 25 %, then `middle` (an analysis or a pause step), then 50 % for a
 * minute; one error-rate gate and one scenario, `good-version` unless `candidateErrorRate` makes
 * it `bad-version`.
 */
export function canaryYaml(options: { middle: string; success?: string; failure: string; onFailure?: 'rollback' | 'pause'; candidateErrorRate?: number }): string {
  const scenario = options.candidateErrorRate === undefined ? 'good-version' : 'bad-version';
  return [
    'service: checkout',
    'replicas: 4',
    'strategy:',
    '  canary:',
    '    steps:',
    '      - setWeight: 25',
    `      - ${options.middle}`,
    '      - setWeight: 50',
    '      - pause: { duration: 1m }',
    'analysis:',
    '  - { name: error-rate, metric: errorRate, interval: 30s, count: 3' +
      (options.success ? `, successCondition: "${options.success}"` : '') +
      `, failureCondition: "${options.failure}" }`,
    'policy:',
    `  onFailure: ${options.onFailure ?? 'rollback'}`,
    'scenarios:',
    `  ${scenario}:`,
    '    seed: 1',
    '    traffic: { rps: 100 }',
    ...(options.candidateErrorRate === undefined ? [] : [`    candidate: { errorRate: ${options.candidateErrorRate} }`]),
    '',
  ].join('\n');
}
