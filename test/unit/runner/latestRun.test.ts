import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../src/runner/journal';
import { journalPath, latestRun } from '../../../src/runner/runs';

const folders: string[] = [];
afterEach(() => {
  delete process.env.SWITCHYARD_STATE_DIR;
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-latest-run-'));
  folders.push(dir);
  return dir;
}

function started(root: string, name: string, planFile: string, service = 'demo'): string {
  const runDir = join(root, name);
  const journal = Journal.open(journalPath(runDir));
  journal.append('run.started', { planFile, service, strategy: 'rolling', version: 'v2', pid: 4242, lockKeys: [], dryRun: false });
  journal.close();
  return runDir;
}

describe('the run a plan finds', () => {
  it('should find only its own plan\'s run where SWITCHYARD_STATE_DIR gathers the runs of several plans of one service', () => {
    const root = stateDir();
    process.env.SWITCHYARD_STATE_DIR = root;
    const shop = join(root, 'shop.release.yaml');
    const staging = join(root, 'staging.release.yaml');
    const ofShop = started(root, 'demo-2026-01-02T03-04-05-678Z-1', shop);
    const ofStaging = started(root, 'demo-2026-01-02T03-04-06-678Z-2', staging);
    expect(latestRun(shop, 'demo')).toBe(ofShop);
    expect(latestRun(staging, 'demo')).toBe(ofStaging);
    expect(latestRun(join(root, 'other.release.yaml'), 'demo')).toBeUndefined();
  });

  it('should take the newest run of the service beside the plan, never one of a service that merely starts with its name', () => {
    const dir = stateDir();
    const plan = join(dir, 'demo.release.yaml');
    const root = join(dir, '.switchyard', 'runs');
    started(root, 'demo-2026-01-02T03-04-05-678Z-1', plan);
    const newest = started(root, 'demo-2026-01-02T03-04-07-678Z-3', plan);
    started(root, 'demo-alias-2026-01-02T03-04-08-678Z-4', plan, 'demo-alias');
    expect(latestRun(plan, 'demo')).toBe(newest);
  });
});
