import type { Fields } from './fields';

/** What the rehearsal assumes in place of each kind of Flagger webhook, none of which it calls. */
const ASSUMED: Readonly<Record<string, string>> = {
  'confirm-rollout': 'assumed to approve at once',
  'confirm-traffic-increase': 'assumed to approve every increase at once',
  'confirm-promotion': 'assumed to approve the promotion at once',
  'pre-rollout': 'assumed to pass',
  rollout: 'assumed to pass at every interval',
  'post-rollout': 'nothing runs after the release',
  rollback: 'only the analysis rolls back in the rehearsal',
  event: 'no events are sent',
};

/**
 * One note per webhook of a Canary's analysis, saying what the rehearsal assumes instead: load
 * tests are the scenario's traffic, gates approve at once, checks pass.
 *
 * @example
 * // webhooks: [{ name: load-test, url: http://flagger-loadtester.test/, metadata: { cmd: "hey -z 1m -q 10 -c 2 http://podinfo-canary.test:9898/" } }]
 * noteWebhooks(analysis); // spec.analysis.webhooks[0]: rollout webhook load-test is not called: its load is the scenario's traffic
 */
export function noteWebhooks(analysis: Fields): void {
  for (const webhook of analysis.has(['webhooks']) ? analysis.list(['webhooks']) : []) {
    const type = typeof webhook.peek(['type']) === 'string' ? String(webhook.peek(['type'])) : 'rollout';
    const name = typeof webhook.peek(['name']) === 'string' ? String(webhook.peek(['name'])) : 'unnamed';
    const assumed = type === 'rollout' && isLoadTest(webhook) ? "its load is the scenario's traffic" : (ASSUMED[type] ?? 'assumed to pass');
    webhook.note([], `${type} webhook ${name} is not called: ${assumed}`, 'manifest.webhook');
  }
}

/** A webhook named for a load test, or whose command generates load (hey, wrk, ghz). */
function isLoadTest(webhook: Fields): boolean {
  const name = String(webhook.peek(['name']) ?? '').toLowerCase();
  const command = JSON.stringify(webhook.peek(['metadata']) ?? '').toLowerCase();
  return /load-?test/.test(name) || /\b(?:hey|wrk|ghz)\b/.test(command);
}
