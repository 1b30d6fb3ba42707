import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLES } from './helpers';

const CANARY = join(EXAMPLES, 'canary.release.yaml');
const BAD = ['simulate', CANARY, '--scenario', 'bad-version', '--runs', '8'];

describe('switchyard simulate --runs --expect OUTCOME --at-least P', () => {
  it('should exit 0 when at least that share of runs ended as expected', async () => {
    const { code, err } = await cli(...BAD, '--expect', 'rolledBack', '--at-least', '0.95');
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('should exit 7 with one line saying how many runs did, against the share required', async () => {
    const { code, out, err } = await cli(...BAD, '--expect', 'promoted', '--at-least', '0.5');
    expect(code).toBe(7);
    expect(out).toContain('Monte Carlo: 8 runs of');
    expect(err).toBe('expected at least 50% of runs to end promoted, but 0 of 8 (0.0%) did');
  });

  it('should say in --json whether the expectation was met', async () => {
    const { code, out } = await cli(...BAD, '--expect', 'rolledBack', '--at-least', '1', '--json');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { expectation: unknown }).expectation).toEqual({ outcome: 'rolledBack', atLeast: 1, measured: 1, met: true });
  });

  it.each([
    { name: 'without --runs', argv: ['simulate', CANARY, '--scenario', 'bad-version', '--expect', 'rolledBack', '--at-least', '0.9'], message: '--at-least needs --runs N: it is the share of N runs that must end as --expect says' },
    { name: 'without --expect', argv: [...BAD, '--at-least', '0.9'], message: '--at-least needs --expect OUTCOME: the outcome that share of the runs must end with' },
    { name: '--expect without --at-least', argv: [...BAD, '--expect', 'rolledBack'], message: '--expect describes one run; with --runs add --at-least P, the share of runs (0..1) that must end rolled back' },
    { name: 'a percent instead of a fraction', argv: [...BAD, '--expect', 'rolledBack', '--at-least', '95'], message: '--at-least must be a fraction from 0 to 1 (0.95 for 95 %), got "95"' },
    { name: 'an unknown outcome', argv: [...BAD, '--expect', 'rolledback', '--at-least', '0.9'], message: '--expect must be one of promoted, rolledBack, aborted, paused, failed, got "rolledback"' },
  ])('should be a usage error $name', async ({ argv, message }) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(64);
    expect(err).toBe(`switchyard simulate: ${message}`);
  });
});
