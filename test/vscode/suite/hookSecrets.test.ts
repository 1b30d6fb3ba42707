import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { HookSecretResult } from '../../../src/host/runs/hookSecrets';
import type { RunCommandResult } from '../../../src/host/runs/runCommands';
import { activateExtension, resetEditors, workspaceUri } from './helpers';

const NAME = 'SUITE_DEPLOYS_TOKEN';
const VALUE = 'suite-hook-secret-7f3a';
const URL_VARIABLE = 'SWITCHYARD_SUITE_HOOK_URL';

/**
 * A release whose confirm-rollout hook must present the secret: the local server below says yes
 * only to "Bearer <the secret>". Without the secret the call fails, the hook is asked again until
 * its 3 s deadline, and the release rolls back.
 */
const PLAN = `service: gatekeeper
version: v2
stableVersion: v1
engine: fleet
replicas: 2
strategy:
  canary:
    trafficRouting: true
    steps:
      - setWeight: 50
      - pause: { duration: 1s }
checks:
  minReadySeconds: 0
policy:
  progressDeadlineSeconds: 60
  onFailure: rollback
hooks:
  confirm-rollout:
    - name: change-freeze
      url: "\${env:${URL_VARIABLE}}"
      headers: { Authorization: "Bearer \${secret:${NAME}}" }
      timeout: 1s
      interval: 1s
      deadline: 3s
targets:
  router:
    command:
      setWeights: ["true", "{{stable}}", "{{candidate}}"]
  instances:
    command:
      scale: ["true", "{{role}}", "{{replicas}}"]
scenarios:
  good-version:
    seed: 3
`;

const setSecret = (args: object) => vscode.commands.executeCommand<HookSecretResult>('switchyard.setHookSecret', args);

/** Every file of a run's folder, as text: the journal and whatever else the runner wrote there. */
function runFolderText(runDir: string): string {
  return readdirSync(runDir, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    try {
      return [readFileSync(join(runDir, name), 'utf8')];
    } catch {
      return [];
    }
  }).join('\n');
}

describe('hook secrets', () => {
  const plan = workspaceUri('gatekeeper.release.yaml');
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    authorizations.push(authorization);
    response.writeHead(authorization === `Bearer ${VALUE}` ? 200 : 403).end();
  });

  before(async () => {
    await activateExtension();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The runner inherits the extension host's environment: ${env:...} reaches it as a user's would.
    process.env[URL_VARIABLE] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/confirm`;
    await vscode.workspace.fs.writeFile(plan, new TextEncoder().encode(PLAN));
  });
  after(async () => {
    await resetEditors();
    await vscode.workspace.fs.delete(plan);
    await setSecret({ name: NAME, delete: true });
    delete process.env[URL_VARIABLE];
    server.close();
  });

  it('should store, list and delete a named hook secret, naming it and never giving its value back', async () => {
    const stored = await setSecret({ name: NAME, value: VALUE });
    assert.equal(stored.action, 'stored');
    assert.ok(stored.stored.includes(NAME), stored.stored.join(', '));
    const listed = await setSecret({ list: true });
    assert.ok(listed.stored.includes(NAME));
    const deleted = await setSecret({ name: NAME, delete: true });
    assert.equal(deleted.action, 'deleted');
    assert.ok(!deleted.stored.includes(NAME));
    assert.ok(![stored, listed, deleted].some((result) => JSON.stringify(result).includes(VALUE)), 'a result holds the value');
  });

  it('should refuse a name that ${secret:NAME} cannot write', async () => {
    await assert.rejects(async () => setSecret({ name: 'deploys-token', value: VALUE }), /letters, digits and _/);
  });

  it('should give a real run the secret its hook names, and keep the value out of the run folder', async () => {
    await setSecret({ name: NAME, value: VALUE });
    authorizations.length = 0;
    const result = await vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', plan, { mode: 'run', confirmed: true });
    assert.equal(result.status, 'finished');
    const run = result.status === 'finished' ? result.run : undefined;
    assert.equal(run?.outcome, 'promoted', run?.reason ?? '');
    assert.deepEqual(authorizations, [`Bearer ${VALUE}`]);
    const folder = runFolderText(run?.runDir ?? '');
    assert.match(folder, /confirm-rollout: change-freeze said yes/);
    assert.ok(!folder.includes(VALUE), 'the secret is in the run folder');
  });

  it('should hold and roll back a run whose hook secret is not stored, naming the missing secret', async () => {
    await setSecret({ name: NAME, delete: true });
    authorizations.length = 0;
    const result = await vscode.commands.executeCommand<RunCommandResult>('switchyard.runRelease', plan, { mode: 'run', confirmed: true });
    const run = result.status === 'finished' ? result.run : undefined;
    assert.equal(run?.outcome, 'rolledBack', run?.reason ?? '');
    assert.deepEqual(authorizations, [], 'the hook was called without its secret');
    assert.match(runFolderText(run?.runDir ?? ''), /\$\{secret:SUITE_DEPLOYS_TOKEN\} has no value/);
  });
});
