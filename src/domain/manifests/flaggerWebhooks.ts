import { HOOK_KINDS } from '../hooks/points';
import { HOOK_POINTS } from '../plan/schema';
import type { HookPoint, PlanInput } from '../plan/schema';
import type { ManifestContext } from './context';
import type { Fields } from './fields';

type HooksInput = NonNullable<PlanInput['hooks']>;
type HookInput = NonNullable<HooksInput['rollout']>[number];

/** The plan's limit on retries (a hook that fails ten times in a row is down). */
const MAX_RETRIES = 10;

/**
 * A Canary's webhooks as the plan's hooks: Flagger's eight webhook types are the plan's points
 * (an absent or empty `type` is `rollout`, as Flagger reads it), with the webhook's url, timeout,
 * retries and metadata. A confirm webhook is asked again at each analysis interval, as Flagger's
 * scheduler does. What the rehearsal still does not do (the load a load test generates, alerts,
 * TLS without verification, waiting for a confirm webhook without a deadline) is a note of its own.
 *
 * @example
 * // webhooks: [{ name: gate, type: confirm-promotion, url: http://flagger-loadtester.test/gate/approve }], interval: 1m
 * flaggerHooks(analysis, 60, context);
 * // { 'confirm-promotion': [{ name: 'gate', url: 'http://flagger-loadtester.test/gate/approve', interval: 60 }] }
 */
export function flaggerHooks(analysis: Fields, intervalSeconds: number, context: ManifestContext): HooksInput | undefined {
  const hooks: Partial<Record<HookPoint, HookInput[]>> = {};
  for (const webhook of analysis.has(['webhooks']) ? analysis.list(['webhooks']) : []) {
    const read = hookOf(webhook, intervalSeconds);
    if (!read) continue;
    const list = (hooks[read.point] ??= []);
    context.trace.link(['hooks', read.point, list.length], webhook);
    list.push(read.hook);
  }
  return Object.keys(hooks).length > 0 ? (hooks as HooksInput) : undefined;
}

function hookOf(webhook: Fields, intervalSeconds: number): { point: HookPoint; hook: HookInput } | undefined {
  const written = webhook.string(['type']);
  const name = webhook.string(['name']);
  const label = name ?? 'unnamed';
  const point = HOOK_POINTS.find((known) => known === (written || 'rollout'));
  if (point === undefined) {
    webhook.note(['type'], `${written} is not one of Flagger's webhook types (${HOOK_POINTS.join(', ')}): webhook ${label} is not called`, 'manifest.webhook');
    return undefined;
  }
  const url = webhook.string(['url']);
  if (url === undefined || !/^https?:\/\//i.test(url)) {
    webhook.note(['url'], `${point} webhook ${label} has no http:// or https:// url: it is not called`, 'manifest.webhook');
    return undefined;
  }
  const timeout = webhook.duration(['timeout']);
  const retries = webhook.integer(['retries']);
  if (retries !== undefined && retries > MAX_RETRIES) webhook.note(['retries'], `${retries} retries are called as ${MAX_RETRIES}, the plan's most`, 'manifest.webhook');
  const metadata = metadataOf(webhook);
  noteNotModelled(webhook, point, label);
  const confirm = HOOK_KINDS[point] === 'confirm';
  if (confirm) webhook.note(['type'], `${point} webhook ${label}: Flagger asks it at every interval for as long as it says no; the rehearsal fails the release when it has not said yes by the progress deadline`, 'manifest.webhook');
  const hook: HookInput = {
    ...(name === undefined ? {} : { name }),
    url,
    ...(timeout === undefined ? {} : { timeout }),
    ...(retries === undefined || retries === 0 ? {} : { retries: Math.min(retries, MAX_RETRIES) }),
    ...(metadata === undefined ? {} : { metadata }),
    ...(confirm ? { interval: intervalSeconds } : {}),
  };
  return { point, hook };
}

function metadataOf(webhook: Fields): Record<string, string> | undefined {
  if (!webhook.map(['metadata'])) return undefined;
  const metadata: Record<string, string> = {};
  for (const key of webhook.keys(['metadata'])) {
    const value = webhook.string(['metadata', key]);
    if (value !== undefined) metadata[key] = value;
  }
  return metadata;
}

/** What a webhook does under Flagger that the rehearsal does not, each on its own line. */
function noteNotModelled(webhook: Fields, point: HookPoint, label: string): void {
  if (point === 'rollout' && isLoadTest(webhook)) webhook.note(['url'], `rollout webhook ${label} is called at every interval, but the load it generates is not modelled: the rehearsal's traffic is the scenario's`, 'manifest.webhook');
  if (webhook.has(['muteAlert'])) webhook.note(['muteAlert'], 'alerts are not sent in a rehearsal', 'manifest.notModelled');
  if (webhook.boolean(['disableTLS']) === true) webhook.note(['disableTLS'], "a run verifies the hook's TLS certificate: disableTLS has no plan form", 'manifest.notModelled');
}

/** A webhook named for a load test, or whose command generates load (hey, wrk, ghz). */
function isLoadTest(webhook: Fields): boolean {
  const name = String(webhook.peek(['name']) ?? '').toLowerCase();
  const command = JSON.stringify(webhook.peek(['metadata']) ?? '').toLowerCase();
  return /load-?test/.test(name) || /\b(?:hey|wrk|ghz)\b/.test(command);
}
