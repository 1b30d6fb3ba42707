import { describe, expect, it } from 'vitest';
import { plan } from '../../../src/domain/plan/schema';

describe('plan schema', () => {
  it('should turn durations into milliseconds', () => {
    const parsed = plan.parse({ service: 'checkout', strategy: { canary: { steps: [{ pause: { duration: '2m' } }] } } });
    expect(parsed.strategy.canary?.steps?.[0]?.pause?.duration).toBe(120_000);
  });
});
