import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/domain/simulator/simulate';
import { renderReport } from '../../../src/report/renderReport';
import { isReplay } from '../../../src/protocol/guards';
import { examplePlan } from './helpers';

const assets = { script: 'console.log("</script>"); //# done', styles: ['body { color: red; }', '.x { color: blue; }'] };

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

describe('standalone report', () => {
  const plan = examplePlan('canary');
  const run = simulate(plan, { scenario: 'bad-version' });
  const html = renderReport(plan, run, assets);

  it('should allow exactly its inline script and style by hash', () => {
    const csp = /content="([^"]+)"/.exec(html)?.[1]?.replace(/&#39;/g, "'") ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hashOf(style)}`);
    expect(csp).toContain(`script-src ${hashOf(script)}`);
    expect(script).toBe('console.log("<\\/script>"); //# done');
  });

  it('should embed the run as a replay that nothing in it can break out of', () => {
    const json = /<script type="application\/json" id="switchyard-replay">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(json).not.toContain('<');
    const replay: unknown = JSON.parse(json);
    expect(isReplay(replay)).toBe(true);
    expect(replay).toMatchObject({ outcome: 'rolledBack', session: { mode: 'report', scenario: 'bad-version', faultKinds: [] } });
  });

  it('should say the outcome without JavaScript', () => {
    expect(html).toMatch(/<noscript>.*rolledBack: error-rate/);
  });
});
