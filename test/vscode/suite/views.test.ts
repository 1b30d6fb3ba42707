import * as assert from 'node:assert/strict';
import { activateExtension } from './helpers';

describe('views', () => {
  it('should list every plan in the workspace with its strategy and problems', async () => {
    const api = await activateExtension();
    const plans = await api.listPlans();
    const rows = plans.map((plan) => [plan.uri.path.split('/').slice(-2).join('/'), plan.service, plan.strategy, plan.problems > 0]);
    assert.deepEqual(rows, [
      ['.switchyard/catalog.yaml', 'catalog', 'rolling', false],
      ['workspace/broken.release.yaml', 'broken', undefined, true],
      ['workspace/checkout.release.yaml', 'checkout', 'canary', false],
      ['workspace/ledger.release.yaml', 'ledger', 'canary', false],
    ]);
  });
});
