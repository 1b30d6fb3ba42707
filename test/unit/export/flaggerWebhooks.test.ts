import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { exportPlan } from '../../../src/domain/export';
import { parsePlan } from '../../../src/domain/plan/parse';
import { cli, EXAMPLES } from '../cli/helpers';

const WEBHOOKS_EXAMPLE = join(EXAMPLES, 'canary-webhooks.release.yaml');

function planOf(text: string) {
  const parsed = parsePlan(text, 'webhooks.release.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
}

/** The Canary's analysis and the notes of a plan exported to Flagger. */
function flaggerExport(text: string) {
  const result = exportPlan(planOf(text), 'flagger');
  if (!result.ok) throw new Error(result.error);
  const canary = result.documents.find((document) => document.kind === 'Canary') as { spec: { analysis: { webhooks?: Record<string, unknown>[] } } };
  return { webhooks: canary.spec.analysis.webhooks, notes: result.notes };
}

/**
 * The fields of a webhook in Flagger's Canary CRD (v1.44.0, artifacts/flagger/crd.yaml,
 * spec.analysis.webhooks.items; scripts/kube/controller-crds.sh fetches it): the API server's
 * strict field validation refuses any other, and `timeout` must match its pattern.
 */
const CRD_WEBHOOK_FIELDS = ['name', 'type', 'muteAlert', 'url', 'timeout', 'retries', 'disableTLS', 'metadata'];
const CRD_WEBHOOK_TYPES = ['', 'confirm-rollout', 'pre-rollout', 'rollout', 'confirm-promotion', 'post-rollout', 'event', 'rollback', 'confirm-traffic-increase'];
const CRD_TIMEOUT_PATTERN = /^[0-9]+(m|s)/;

const plan = (hooks: string[]) =>
  [
    'service: checkout',
    'engine: flagger',
    'replicas: 4',
    'strategy:',
    '  canary: { stepWeight: 20, maxWeight: 60, interval: 1m, threshold: 2 }',
    'hooks:',
    ...hooks.map((line) => `  ${line}`),
    'scenarios:',
    '  good-version: { candidate: { errorRate: 0.001 } }',
  ].join('\n');

describe('export --to flagger, hooks as webhooks', () => {
  it("should write each of the example's url hooks as a webhook of its point, in the CRD's field names", () => {
    const { webhooks } = flaggerExport(readFileSync(WEBHOOKS_EXAMPLE, 'utf8'));
    expect(webhooks).toEqual([
      { name: 'change-freeze', type: 'confirm-rollout', url: 'https://deploys.example.com/freeze/checkout', timeout: '5s' },
      { name: 'acceptance', type: 'rollout', url: 'https://tester.example.com/acceptance', timeout: '30s', retries: 2, metadata: { suite: 'checkout' } },
      { name: 'release-manager', type: 'confirm-promotion', url: 'https://deploys.example.com/approve/checkout', timeout: '5s' },
      { name: 'manual-rollback', type: 'rollback', url: 'https://deploys.example.com/rollback/checkout', timeout: '5s' },
      { name: 'chat', type: 'event', url: '${env:CHAT_WEBHOOK_URL}', timeout: '5s' },
    ]);
    for (const webhook of webhooks ?? []) {
      expect(CRD_WEBHOOK_FIELDS).toEqual(expect.arrayContaining(Object.keys(webhook)));
      expect(CRD_WEBHOOK_TYPES).toContain(webhook.type);
      if (webhook.timeout !== undefined) expect(webhook.timeout).toMatch(CRD_TIMEOUT_PATTERN);
    }
  });

  it('should say, one line per hook, each thing Flagger cannot do, and leave out a command hook with a note', () => {
    const { notes } = flaggerExport(readFileSync(WEBHOOKS_EXAMPLE, 'utf8'));
    const hookNotes = notes.filter((note) => note.startsWith('hooks.'));
    expect(hookNotes).toEqual([
      'hooks.confirm-rollout[0] (change-freeze): Flagger always POSTs its payload; method GET has no webhook form',
      'hooks.confirm-rollout[0] (change-freeze): Flagger asks it again at every analysis interval (1m), not every 10s',
      'hooks.confirm-rollout[0] (change-freeze): Flagger waits for its yes without a deadline; deadline 30m has no webhook form',
      "hooks.pre-rollout[0] (smoke-test) is left out: it runs a command, and a Flagger webhook is a url Flagger POSTs to (a command can run behind flagger-loadtester's url)",
      'hooks.confirm-promotion[0] (release-manager): a Flagger webhook sends no headers of its own: Authorization left out',
      'hooks.confirm-promotion[0] (release-manager): Flagger asks it again at every analysis interval (1m), not every 30s',
      'hooks.confirm-promotion[0] (release-manager): Flagger waits for its yes without a deadline; deadline 20m has no webhook form',
      'hooks.event[0] (chat): Flagger does not expand ${env:} or ${secret:}: the url is written as it is, replace the reference by hand',
    ]);
    expect(notes.join('\n')).not.toContain('${secret:DEPLOYS_TOKEN}');
  });

  it('should name a hook without a name after its point, write an hour of timeout in minutes, and note the legacy points it leaves out', () => {
    const { webhooks, notes } = flaggerExport(
      plan([
        'post-rollout: [{ url: "https://chat.example.com/done", timeout: 1h }]',
        'prePromotion: { url: "https://ci.example.com/smoke" }',
      ]),
    );
    expect(webhooks).toEqual([{ name: 'post-rollout-1', type: 'post-rollout', url: 'https://chat.example.com/done', timeout: '60m' }]);
    expect(notes).toContain('hooks.prePromotion (POST https://ci.example.com/smoke) is left out: it runs once before promotion and fails the release: Flagger has no such webhook; move it to pre-rollout or confirm-promotion');
  });

  it('should write no webhooks and no hook notes for a plan without hooks', () => {
    const result = exportPlan(planOf(readFileSync(join(EXAMPLES, 'canary.release.yaml'), 'utf8')), 'flagger');
    const canary = result.ok ? (result.documents.find((document) => document.kind === 'Canary') as { spec: { analysis: Record<string, unknown> } }) : undefined;
    expect(canary?.spec.analysis).not.toHaveProperty('webhooks');
    expect(result.ok && result.notes.filter((note) => note.startsWith('hooks'))).toEqual([]);
  });

  it('should print the webhooks in the Canary and the notes on stderr from the CLI', async () => {
    const { code, out, err } = await cli('export', WEBHOOKS_EXAMPLE, '--to', 'flagger');
    expect(code).toBe(0);
    const canary = parseAllDocuments(out).map((document) => document.toJSON() as { kind: string; spec: { analysis: { webhooks: { name: string; type: string }[] } } }).find((d) => d.kind === 'Canary');
    expect(canary?.spec.analysis.webhooks.map((webhook) => `${webhook.type}/${webhook.name}`)).toEqual(['confirm-rollout/change-freeze', 'rollout/acceptance', 'confirm-promotion/release-manager', 'rollback/manual-rollback', 'event/chat']);
    expect(err).toContain('note: hooks.pre-rollout[0] (smoke-test) is left out: it runs a command');
  });
});
