import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryRollout } from '../manifests/helpers';
import { cli, EXAMPLES } from './helpers';
import { writePlan } from './tempPlans';

const ROLLOUT = join(EXAMPLES, 'argo-rollout.yaml');

const PAUSED_ROLLOUT = canaryRollout(['steps:', '- setWeight: 25', '- pause: {}', '- setWeight: 50']);

describe('switchyard on Kubernetes manifests', () => {
  it('should rehearse the bundled Rollout under the built-in good-version, its notes first', async () => {
    const { code, out } = await cli('simulate', ROLLOUT);
    expect(code).toBe(0);
    const notesAt = out.indexOf('notes on what the rehearsal does not model exactly:');
    expect(notesAt).toBeGreaterThanOrEqual(0);
    expect(out).toContain(`${ROLLOUT}:32:9: spec.strategy.canary.trafficRouting.nginx: the simulation splits traffic by weight exactly as set`);
    expect(out.indexOf('good-version')).toBeGreaterThan(notesAt);
    expect(out).toMatch(/Outcome: promoted/);
  });

  it('should catch the built-in bad version with the Rollout\'s own analysis', async () => {
    const { code, out } = await cli('simulate', ROLLOUT, '--scenario', 'bad-version');
    expect(code).toBe(3);
    expect(out).toMatch(/Outcome: rolled back — success-rate: \d of \d measurements failed/);
  });

  it('should end paused, exit 6, where Argo waits at pause: {}', async () => {
    const { code, out } = await cli('simulate', writePlan('paused.yaml', PAUSED_ROLLOUT));
    expect(code).toBe(6);
    expect(out).toContain('waiting for operator.promote at step 2');
  });

  it('should name the built-in scenarios when asked for another', async () => {
    const { code, err } = await cli('simulate', ROLLOUT, '--scenario', 'nope');
    expect(code).toBe(64);
    expect(err).toContain('"good-version", "bad-version", "slow-boot", "instance-loss", "crash-loop", "metrics-outage", "router-fault"');
  });

  it('should keep stdout JSON with --json, the notes on stderr', async () => {
    const { code, out, err } = await cli('simulate', ROLLOUT, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ outcome: 'promoted', engine: 'argo-rollouts' });
    expect(err).toContain('notes on what the rehearsal does not model exactly');
  });

  it('should lint the notes as info lines at their lines, with the estimate', async () => {
    const { code, out } = await cli('lint', ROLLOUT);
    expect(code).toBe(0);
    expect(out).toContain(`${ROLLOUT}:32:9: info: spec.strategy.canary.trafficRouting.nginx: the simulation splits traffic by weight exactly as set; the router's own settings are not rehearsed [manifest.trafficRouter]`);
    expect(out).toMatch(new RegExp(`${ROLLOUT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: 0 errors, 0 warnings, \\d+ notes`));
    expect(out).toContain('Estimate:');
  });

  it('should lint a Rollout naming a missing template as an error at its line', async () => {
    const file = writePlan('rollout.yaml', PAUSED_ROLLOUT.replace('- pause: {}', '- analysis: {templates: [{templateName: success-rate}]}'));
    const { code, out } = await cli('lint', file);
    expect(code).toBe(2);
    expect(out).toContain(`${file}:11:47: error: spec.strategy.canary.steps[1].analysis.templates[0].templateName: no AnalysisTemplate "success-rate" in this file`);
  });

  it('should compare a Rollout with a plan on the same built-in scenario', async () => {
    const { code, out } = await cli('compare', ROLLOUT, join(EXAMPLES, 'canary.release.yaml'), '--scenario', 'bad-version');
    expect(code).toBe(0);
    expect(out).toContain('argo-rollout.yaml');
    expect(out).toContain('canary.release.yaml');
  });

  it('should refuse to run manifests for real, saying what they are for', async () => {
    const { code, err } = await cli('run', ROLLOUT, '--dry-run');
    expect(code).toBe(2);
    expect(err).toContain('holds Kubernetes manifests: they can be rehearsed (simulate, lint, compare); run needs a plan file (*.release.yaml)');
  });
});
