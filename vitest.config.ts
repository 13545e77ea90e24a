import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cdk.out/**', '.data/**', '.bench/**', '.scratch/**'],
    // Each test file runs in its own process: a local cloud sets process-wide environment and clock.
    pool: 'forks',
    globalSetup: ['test/support/shared-dynamodb.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', LOCAL_CLOUD_QUIET: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
