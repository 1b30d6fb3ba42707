import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/domain/plan/parse';
import { allOf } from '../../src/domain/run/events';
import { executeRun } from '../../src/runner/execute';
import { journalOf } from '../../src/runner/runs';
import { Processes } from './support/processes';

/** What the hook server was asked: path, headers and the JSON body, in order. */
interface Received {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

const processes = new Processes();
let server: Server;
let base: string;
const received: Received[] = [];
/** How many times /approve says no before it says yes. */
let approveRefusals = 0;
let dir: string;

beforeAll(async () => {
  dir = processes.tempDir('hooks');
  process.env.SWITCHYARD_STATE_DIR = join(dir, 'runs');
  process.env.SWITCHYARD_LOCK_DIR = join(dir, 'locks');
  process.env.HOOK_TEST_TOKEN = 'opensesame';
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const path = req.url ?? '';
      received.push({ path, authorization: req.headers.authorization, body });
      if (path === '/approve') {
        const asked = received.filter((call) => call.path === '/approve').length;
        if (req.headers.authorization !== 'Bearer opensesame') return answer(res, 401, 'who are you?');
        return asked <= approveRefusals ? answer(res, 403, 'not yet: change freeze') : answer(res, 200, 'go');
      }
      if (path === '/broken') return answer(res, 500, 'database down');
      answer(res, 204, '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.HOOK_TEST_TOKEN;
  await new Promise((resolve) => server.close(resolve));
  await processes.stopAll();
});

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
}

function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(text ? (JSON.parse(text) as Record<string, unknown>) : {}));
  });
}

/** A canary on command targets (no router to start): every weight and scale is a line in calls.log. */
function hookedPlan(service: string, hooks: Record<string, unknown>): { file: string; calls: string } {
  const append = "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')";
  const calls = join(dir, `${service}.calls.log`);
  const file = join(dir, `${service}.release.yaml`);
  const plan = {
    service,
    version: 'v2',
    stableVersion: 'v1',
    replicas: 2,
    strategy: { canary: { steps: [{ setWeight: 50 }, { pause: { duration: '200ms' } }] } },
    hooks,
    targets: {
      router: { command: { setWeights: [process.execPath, '-e', append, calls, 'weights {{stable}}/{{candidate}}'] } },
      instances: { command: { scale: [process.execPath, '-e', append, calls, 'scale {{role}} {{replicas}}'] } },
    },
  };
  writeFileSync(file, JSON.stringify(plan, null, 2));
  return { file, calls };
}

async function run(file: string) {
  const parsed = parsePlan(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  const lines: string[] = [];
  const report = await executeRun({ planFile: file, plan: parsed.plan, log: (line) => lines.push(line) });
  if (!report.runDir) throw new Error('no run folder');
  return { report, lines, journal: journalOf(report.runDir) };
}

describe('lifecycle hooks in a real run', () => {
  it('should hold the promotion until confirm-promotion says yes, call a pre-rollout command and tell the event hook every transition', async () => {
    approveRefusals = 2;
    received.length = 0;
    const marker = join(dir, 'pre-rollout.env');
    const { file, calls } = hookedPlan('confirmed', {
      'pre-rollout': [{ name: 'smoke', command: [process.execPath, '-e', "require('fs').writeFileSync(process.argv[1], process.env.SWITCHYARD_HOOK_POINT + ' ' + process.env.SWITCHYARD_HOOK_VERSION + ' ' + process.env.SWITCHYARD_HOOK_WEIGHT)", marker] }],
      'confirm-promotion': [{ name: 'release-manager', url: `${base}/approve`, headers: { Authorization: 'Bearer ${env:HOOK_TEST_TOKEN}' }, interval: '200ms', deadline: '20s' }],
      event: [{ name: 'chat', url: `${base}/events`, timeout: '2s' }],
      'post-rollout': [{ url: `${base}/post` }],
    });

    const { report, lines, journal } = await run(file);

    expect(report.outcome, lines.join('\n')).toBe('promoted');
    // The command ran before the candidate had traffic, and saw the release's state in its environment.
    expect(readFileSync(marker, 'utf8')).toBe('pre-rollout v2 0');
    const hookLines = allOf(journal, 'hook.run').filter((entry) => entry.data.hook !== 'event').map((entry) => entry.message);
    expect(hookLines).toEqual([
      'pre-rollout hook smoke passed',
      'waiting for confirm-promotion: release-manager said no (HTTP 403: not yet: change freeze)',
      'waiting for confirm-promotion: release-manager said no (HTTP 403: not yet: change freeze)',
      'confirm-promotion: release-manager said yes',
      'post-rollout hook POST ' + `${base}/post passed`,
    ]);
    // Traffic went to 100% only after the yes.
    const yes = journal.findIndex((entry) => entry.message === 'confirm-promotion: release-manager said yes');
    const full = journal.findIndex((entry) => entry.kind === 'traffic.set' && entry.data.weights.candidate === 100);
    expect(full).toBeGreaterThan(yes);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toContain('weights 50/50');

    const approvals = received.filter((call) => call.path === '/approve');
    expect(approvals).toHaveLength(3);
    expect(approvals[0]).toMatchObject({ authorization: 'Bearer opensesame', body: { service: 'confirmed', version: 'v2', hook: 'confirm-promotion', phase: 'promoting', weight: 50, name: 'release-manager' } });
    const events = received.filter((call) => call.path === '/events');
    expect(events.length).toBe(allOf(journal, 'machine.state').length);
    expect(events.at(-1)?.body).toMatchObject({ hook: 'event', state: 'promoted' });
    expect(received.filter((call) => call.path === '/post')[0]?.body).toMatchObject({ hook: 'post-rollout', phase: 'promoted' });
  });

  it('should roll back before the candidate gets any traffic when a pre-rollout command exits non-zero', async () => {
    const { file, calls } = hookedPlan('smoke-fails', {
      'pre-rollout': [{ name: 'smoke', command: [process.execPath, '-e', 'process.exit(3)'] }],
    });

    const { report, journal } = await run(file);

    expect(report.outcome).toBe('rolledBack');
    expect(report.reason).toMatch(/^pre-rollout hook smoke said no: .* exited with 3/);
    expect(readFileSync(calls, 'utf8')).not.toContain('weights 50/50');
    expect(allOf(journal, 'hook.run').map((entry) => entry.data.answer)).toEqual(['no']);
  });

  it('should fail the release through its policy when confirm-promotion never says yes before its deadline', async () => {
    approveRefusals = Number.POSITIVE_INFINITY;
    const { file } = hookedPlan('never-approved', {
      'confirm-promotion': [{ name: 'release-manager', url: `${base}/approve`, headers: { Authorization: 'Bearer ${env:HOOK_TEST_TOKEN}' }, interval: '200ms', deadline: '1s' }],
    });

    const { report } = await run(file);

    expect(report.outcome).toBe('rolledBack');
    expect(report.reason).toBe('confirm-promotion: release-manager still said no after 1s (its deadline): HTTP 403: not yet: change freeze');
  });

  it('should count a failing HTTP rollout hook, with its retries, as a failed step', async () => {
    received.length = 0;
    const { file } = hookedPlan('rollout-broken', { rollout: [{ name: 'acceptance', url: `${base}/broken`, retries: 1 }] });

    const { report } = await run(file);

    expect(report.outcome).toBe('rolledBack');
    expect(report.reason).toBe('rollout hook acceptance failed: HTTP 500: database down (2 attempts)');
    expect(received.filter((call) => call.path === '/broken')).toHaveLength(2);
  });
});
