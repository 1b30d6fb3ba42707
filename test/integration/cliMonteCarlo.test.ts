import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('dist/cli.js Monte Carlo in worker threads', () => {
  it('should give the same distribution with one worker and with three', () => {
    const args = ['simulate', 'examples/canary.release.yaml', '--scenario', 'good-version', '--runs', '30', '--json'];
    const one = run(...args, '--workers', '1');
    const three = run(...args, '--workers', '3');
    expect(one.status).toBe(0);
    expect(JSON.parse(three.stdout)).toEqual(JSON.parse(one.stdout));
  });

  it('should print the table without a progress bar when stderr is not a terminal', () => {
    const result = run('simulate', 'examples/canary.release.yaml', '--scenario', 'bad-version', '--runs', '20');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Monte Carlo: 20 runs of examples\/canary\.release\.yaml, scenario bad-version \(seeds 7\.\.26, \d worker threads?,/);
    expect(result.stderr).toBe('');
  });

  it('should compare the rolling and canary examples on a bad version', () => {
    const result = run('compare', 'examples/rolling.release.yaml', 'examples/canary.release.yaml', '--scenario', 'bad-version');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/canary\.release\.yaml exposed \d+% fewer users to errors than rolling\.release\.yaml and took .+ longer/);
  });
});
