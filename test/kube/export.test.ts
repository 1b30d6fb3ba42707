import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { stringify } from 'yaml';
import { EXPORT_TARGETS, exportPlan } from '../../src/domain/export';
import { parsePlan } from '../../src/domain/plan/parse';
import { namespaceFor, testClient } from './support/workloads';

const ROOT = resolve(__dirname, '../..');
const KUBE = join(ROOT, 'scripts', 'kube');
const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/go/bin` };
const script = (name: string, ...args: string[]): string => execFileSync('bash', [join(KUBE, name), ...args], { env, encoding: 'utf8' }).trim();
const KUBECTL = join(script('build.sh', '--print-bin'), 'kubectl');

/** kubectl against the suite's cluster; what it printed, or its error output when it failed. */
function kubectl(args: string[], input?: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync(KUBECTL, ['--kubeconfig', inject('kubeconfig'), ...args], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }) };
  } catch (error) {
    const failed = error as { stderr?: string; stdout?: string };
    return { ok: false, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const client = testClient();
let namespace = '';
let remove = async (): Promise<void> => undefined;

beforeAll(async () => {
  // The controllers' own CRDs, from their Go modules (scripts/kube/controller-crds.sh): the API server validates against their schemas.
  const crds = script('controller-crds.sh');
  const installed = kubectl(['apply', '--server-side', '--field-manager', 'switchyard-test', '-f', crds]);
  expect(installed.ok, installed.out).toBe(true);
  // A CRD just created may have no conditions yet, which `kubectl wait` reports as an error: ask again.
  let established = { ok: false, out: '' };
  for (let attempt = 0; attempt < 60 && !established.ok; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    established = kubectl(['wait', '--for', 'condition=established', '--timeout', '30s', 'crd/rollouts.argoproj.io', 'crd/analysistemplates.argoproj.io', 'crd/canaries.flagger.app', 'crd/metrictemplates.flagger.app']);
  }
  expect(established.ok, established.out).toBe(true);
  ({ namespace, remove } = await namespaceFor(client, 'export'));
});
afterAll(async () => remove());

const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.release.yaml'));
const planOf = (example: string) => {
  const parsed = parsePlan(readFileSync(join(ROOT, 'examples', example), 'utf8'), example);
  if (!parsed.ok) throw new Error(`${example} does not parse`);
  return parsed.plan;
};
const pairs = examples.flatMap((example) => EXPORT_TARGETS.map((target) => ({ example, target, ok: exportPlan(planOf(example), target).ok })));
const cases = pairs.filter((pair) => pair.ok);

/** The exported documents in the test's namespace, as `switchyard export` prints them. */
function exported(example: string, target: (typeof EXPORT_TARGETS)[number]): { yaml: string; kinds: string[] } | undefined {
  const result = exportPlan(planOf(example), target);
  if (!result.ok) return undefined;
  const documents = result.documents.map((document) => ({ ...document, metadata: { ...(document.metadata as object), namespace } }));
  return { yaml: documents.map((document) => `---\n${stringify(document, { aliasDuplicateObjects: false })}`).join(''), kinds: result.documents.map((document) => String(document.kind)) };
}

describe('switchyard export, against the real API server and the controllers\' CRDs', () => {
  it.each(cases)('should export $example for $target as manifests the API server accepts under strict field validation', ({ example, target }) => {
    const manifests = exported(example, target);
    expect(manifests).toBeDefined();
    if (!manifests) return;
    const applied = kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '--field-manager', 'switchyard-export', '-f', '-'], manifests.yaml);
    expect(applied.ok, applied.out).toBe(true);
    expect(applied.out.trim().split('\n')).toHaveLength(manifests.kinds.length);
    expect(applied.out).not.toMatch(/warning/i);
  });

  it('should export each strategy for the targets that have its form, and only those', () => {
    expect(cases.map(({ example, target }) => `${example.replace('.release.yaml', '')} → ${target}`)).toEqual([
      'ab-test → flagger',
      'argo-basic-canary → argo-rollouts',
      'argo-basic-canary → flagger',
      'blue-green → argo-rollouts',
      'blue-green → flagger',
      'canary-webhooks → argo-rollouts',
      'canary-webhooks → flagger',
      'canary → argo-rollouts',
      'canary → flagger',
      'recreate → kubernetes',
      'rolling → kubernetes',
      'shadow → flagger',
    ]);
  });

  it('should be a validation that can fail: a field the Rollout CRD does not have is refused', () => {
    const manifests = exported('canary.release.yaml', 'argo-rollouts');
    const broken = manifests?.yaml.replace('      steps:\n', '      stepz: 1\n      steps:\n') ?? '';
    expect(broken).toContain('stepz');
    const applied = kubectl(['apply', '--server-side', '--dry-run=server', '--validate=strict', '-f', '-'], broken);
    expect(applied.ok).toBe(false);
    expect(applied.out).toMatch(/\.spec\.strategy\.canary\.stepz: field not declared in schema/);
  });
});
