import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { exportPlan } from '../../../src/domain/export';
import { planFromManifests } from '../../../src/domain/manifests/convert';
import { parsePlan } from '../../../src/domain/plan/parse';
import { simulate } from '../../../src/domain/simulator/simulate';
import { EXAMPLES } from '../cli/helpers';

/** The plan's text, its Argo Rollouts export (with the scenarios it carries) read back as manifests, and both plans. */
function roundTrip(example: string) {
  const source = readFileSync(join(EXAMPLES, example), 'utf8');
  const parsed = parsePlan(source, example);
  if (!parsed.ok) throw new Error(`${example} does not parse`);
  const scenarios = (parseDocument(source).get('scenarios') as { toJSON(): unknown }).toJSON();
  const exported = exportPlan(parsed.plan, 'argo-rollouts', { scenarios });
  if (!exported.ok) throw new Error(exported.error);
  const manifests = exported.documents.map((document) => `---\n${stringify(document)}`).join('');
  const read = planFromManifests(manifests);
  if (!read.ok) throw new Error(JSON.stringify(read.diagnostics.filter((d) => d.severity === 'error')));
  return { plan: parsed.plan, rehearsed: read.plan, notes: read.diagnostics.map((d) => d.message) };
}

/** A run as a reader compares two: its outcome, reason, duration, and each event's time, kind and message. */
const runOf = (plan: Parameters<typeof simulate>[0], scenario: string) => {
  const run = simulate(plan, { scenario });
  return { outcome: run.outcome, reason: run.reason, durationMs: run.figures.durationMs, events: run.events.map((event) => `${event.t} ${event.kind} ${event.message}`) };
};

describe('export, then rehearse the export', () => {
  it.each(['canary.release.yaml', 'argo-basic-canary.release.yaml', 'blue-green.release.yaml'])('should give the same run as the plan for %s exported to Argo Rollouts, in each of its scenarios', (example) => {
    const { plan, rehearsed, notes } = roundTrip(example);
    expect(notes).toContainEqual(expect.stringMatching(/the scenarios are the exported plan's own \(good-version, bad-version/));
    expect(Object.keys(rehearsed.scenarios)).toEqual(Object.keys(plan.scenarios));
    // Compared with the plan under Argo's semantics: an aborted Rollout keeps the new version up for
    // abortScaleDownDelaySeconds (30 s) after traffic is back on stable, which the fleet engine does not (was the plan as written).
    const underArgo = { ...plan, engine: 'argo-rollouts' as const };
    for (const scenario of Object.keys(plan.scenarios)) expect(runOf(rehearsed, scenario), scenario).toEqual(runOf(underArgo, scenario));
  });

  it('should say where the scenarios annotation cannot be read', () => {
    const { plan } = roundTrip('canary.release.yaml');
    const exported = exportPlan(plan, 'argo-rollouts', { scenarios: 'not scenarios' });
    const manifests = exported.ok ? exported.documents.map((document) => `---\n${stringify(document)}`).join('') : '';
    const read = planFromManifests(manifests);
    expect(read.ok).toBe(false);
    expect(read.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}: ${d.message}`)).toEqual([expect.stringMatching(/^\d+: metadata\.annotations\["switchyard\.dev\/scenarios"\]: switchyard\.dev\/scenarios must hold the scenarios as a JSON object \(as switchyard export writes them\)$/)]);
  });
});

describe('export to Flagger, then read the Canary back', () => {
  // Every point a Flagger webhook has, each a url hook; the confirm hooks are asked at the
  // analysis interval, as Flagger asks them.
  const source = [
    'service: checkout',
    'version: v2',
    'engine: flagger',
    'replicas: 4',
    'strategy:',
    '  canary: { stepWeight: 25, maxWeight: 50, interval: 1m, threshold: 2 }',
    'hooks:',
    '  confirm-rollout: [{ name: freeze, url: "https://deploys.example.com/freeze", timeout: 5s, interval: 1m }]',
    '  pre-rollout: [{ name: smoke, url: "https://tester.example.com/smoke", timeout: 2m, retries: 2, metadata: { suite: smoke } }]',
    '  rollout: [{ name: acceptance, url: "https://tester.example.com/acceptance" }, { name: load, url: "http://flagger-loadtester.test/", metadata: { cmd: "hey -z 1m http://checkout-canary/" } }]',
    '  confirm-traffic-increase: [{ name: step-gate, url: "https://deploys.example.com/step", interval: 1m }]',
    '  confirm-promotion: [{ name: release-manager, url: "https://deploys.example.com/approve", timeout: 30s, interval: 1m }]',
    '  post-rollout: [{ name: done, url: "https://chat.example.com/done" }]',
    '  rollback: [{ name: manual, url: "https://deploys.example.com/rollback", timeout: 5s }]',
    '  event: [{ name: chat, url: "https://chat.example.com/events" }]',
    'scenarios:',
    '  approval-late:',
    '    candidate: { errorRate: 0.001 }',
    '    faults: [{ at: 0s, for: 6m, kind: hookRefusal, hook: confirm-promotion }]',
  ].join('\n');

  function flaggerRoundTrip() {
    const parsed = parsePlan(source, 'hooks.release.yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const scenarios = (parseDocument(source).get('scenarios') as { toJSON(): unknown }).toJSON();
    const exported = exportPlan(parsed.plan, 'flagger', { scenarios });
    if (!exported.ok) throw new Error(exported.error);
    const read = planFromManifests(exported.documents.map((document) => `---\n${stringify(document)}`).join(''));
    if (!read.ok) throw new Error(JSON.stringify(read.diagnostics.filter((d) => d.severity === 'error')));
    return { plan: parsed.plan, exportNotes: exported.notes, rehearsed: read.plan };
  }

  it('should give back the same hooks at the same points, with nothing noted as lost on the way out', () => {
    const { plan, exportNotes, rehearsed } = flaggerRoundTrip();
    expect(exportNotes.filter((note) => note.startsWith('hooks'))).toEqual([]);
    expect(rehearsed.hooks).toEqual(plan.hooks);
  });

  it('should call the hooks the same way in a rehearsal of the read-back Canary as in the plan', () => {
    const { plan, rehearsed } = flaggerRoundTrip();
    const calls = (release: typeof plan) => simulate(release, { scenario: 'approval-late' }).events.filter((event) => event.kind === 'hook.run').map((event) => `${event.t} ${event.message}`);
    const planned = calls(plan);
    expect(planned).toContainEqual(expect.stringMatching(/waiting for confirm-promotion: release-manager said no/));
    expect(calls(rehearsed)).toEqual(planned);
  });
});
