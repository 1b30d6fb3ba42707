import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', globalSetup: ['test/unit/support/tempFolders.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Nothing left behind: a private temp folder for the run, and each file fails when a process it started or a temp folder it made outlives it.
          globalSetup: ['test/integration/support/leftovers/globalSetup.ts'],
          setupFiles: ['test/integration/support/leftovers/leftoverCheck.ts'],
        },
      },
      {
        test: {
          name: 'kube',
          include: ['test/kube/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One real control plane for the suite (scripts/kube/cluster.sh); cases run concurrently, a namespace each.
          globalSetup: ['test/kube/support/cluster.ts'],
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 1_500_000,
          // One engine at a time: each file runs its own cases concurrently, and timing under another file's load is not what a case compares.
          fileParallelism: false,
          // The real control plane and the real release controllers (Argo Rollouts, Flagger), built from their Go modules.
          globalSetup: ['test/conformance/support/globalSetup.ts'],
        },
      },
    ],
  },
});
