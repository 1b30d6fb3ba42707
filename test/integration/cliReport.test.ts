import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const ROOT = join(__dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('dist/cli.js as a user runs it', () => {
  it('should run the demo: a bad canary rolled back, exit 0 because that was expected', () => {
    const result = cli('simulate', 'examples/canary.release.yaml', '--scenario', 'bad-version', '--expect', 'rolledBack');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Outcome: rolled back');
  });

  it('should write a self-contained HTML report of the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-report-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'canary.html');
    const result = cli('simulate', 'examples/canary.release.yaml', '--scenario', 'bad-version', '--quiet', '--report', file);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`report written to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy"/);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('checkout');
  });

  it('should point at the line of a mistake and exit 2', () => {
    const result = cli('lint', 'test/fixtures/plans/unknown-key.release.yaml');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('unknown-key.release.yaml:6:5: error: strategy.canary.stepweight: unknown key "stepweight" in strategy.canary; did you mean "stepWeight"?');
  });
});
