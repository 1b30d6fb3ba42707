/** Command ids, one place: package.json contributes the same ids, and the tests compare the two. */
export const COMMANDS = {
  simulatePlan: 'switchyard.simulatePlan',
  simulateWithScenario: 'switchyard.simulateWithScenario',
  newPlan: 'switchyard.newPlan',
  showOutput: 'switchyard.showOutput',
  refreshPlans: 'switchyard.refreshPlans',
  openReleasePanel: 'switchyard.openReleasePanel',
} as const;

export const PLANS_VIEW = 'switchyard.plans';
