import { describe, expect, it } from 'vitest';
import { hookSecretNames } from '../../../src/domain/hooks/references';
import { parsePlan } from '../../../src/domain/plan/parse';

const planWith = (hooks: string[]) => {
  const parsed = parsePlan(['service: checkout', 'strategy:', '  canary: { steps: [{ setWeight: 50 }] }', 'hooks:', ...hooks.map((line) => `  ${line}`), 'scenarios:', '  good-version: {}'].join('\n'), 'secrets.release.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.plan;
};

describe('the hook secrets a real run is given', () => {
  it("should be the secrets the plan's hook urls and headers name, each once, and no environment variable", () => {
    const plan = planWith([
      'confirm-promotion: [{ url: "https://deploys.example.com/approve", headers: { Authorization: "Bearer ${secret:DEPLOYS_TOKEN}", X-Team: "${env:TEAM}" } }]',
      'event: [{ url: "${secret:CHAT_URL}" }, { url: "https://chat.example.com/${secret:DEPLOYS_TOKEN}" }]',
      'pre-rollout: [{ command: ["./smoke.sh", "${secret:NOT_RESOLVED_IN_COMMANDS}"] }]',
      'onRollback: { url: "https://pager.example.com", headers: { X-Key: "${secret:PAGER_KEY}" } }',
    ]);
    expect(hookSecretNames(plan).sort()).toEqual(['CHAT_URL', 'DEPLOYS_TOKEN', 'PAGER_KEY']);
  });

  it('should be none for a plan without hooks', () => {
    const parsed = parsePlan('service: checkout\nstrategy:\n  canary: { steps: [{ setWeight: 50 }] }\nscenarios:\n  good-version: {}\n', 'plain.release.yaml');
    expect(parsed.ok && hookSecretNames(parsed.plan)).toEqual([]);
  });
});
