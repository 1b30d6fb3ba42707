/** Command ids, one place: package.json contributes the same ids, and the tests compare the two. */
export const COMMANDS = {
  simulatePlan: 'switchyard.simulatePlan',
  simulateWithScenario: 'switchyard.simulateWithScenario',
  simulateManySeeds: 'switchyard.simulateManySeeds',
  compareStrategies: 'switchyard.compareStrategies',
  lintPlan: 'switchyard.lintPlan',
  newPlan: 'switchyard.newPlan',
  showOutput: 'switchyard.showOutput',
  refreshPlans: 'switchyard.refreshPlans',
  openReleasePanel: 'switchyard.openReleasePanel',
  runRelease: 'switchyard.runRelease',
  promote: 'switchyard.promote',
  promoteFull: 'switchyard.promoteFull',
  pause: 'switchyard.pause',
  resume: 'switchyard.resume',
  abort: 'switchyard.abort',
  retry: 'switchyard.retry',
  skipStep: 'switchyard.skipStep',
  setMetricToken: 'switchyard.setMetricProviderToken',
  setHookSecret: 'switchyard.setHookSecret',
  startPlayground: 'switchyard.startPlayground',
  startKubernetesPlayground: 'switchyard.startKubernetesPlayground',
} as const;

export const PLANS_VIEW = 'switchyard.plans';

/** Context keys the when-clauses in package.json read; the run tracker sets them. */
export const CONTEXT_KEYS = {
  /** A runner process is driving a release right now. */
  runActive: 'switchyard.runActive',
  /** A release stopped for an operator (approval, failed gate) or lost its runner: resumable. */
  runPaused: 'switchyard.runPaused',
} as const;
