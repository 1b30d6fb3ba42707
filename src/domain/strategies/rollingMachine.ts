import { createSteppedMachine } from './steppedMachine';

/**
 * Rolling: batches (Kubernetes maxSurge/maxUnavailable, or a fixed CodeDeploy-style batchSize).
 * Each batch: candidate up and ready, traffic follows ready instances, stable down; then the
 * per-batch analysis and `pauseBetweenBatches` when the plan has them.
 */
export const rollingMachine = createSteppedMachine('rolling');
