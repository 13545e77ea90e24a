import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cdk.out/**', '.data/**', '.bench/**', '.scratch/**'],
    // Each test file runs in its own process: a local cloud sets process-wide environment and clock.
    pool: 'forks',
    globalSetup: ['test/support/shared-dynamodb.ts'],
    maxWorkers: 2,
    // whole complaint lifecycles on a local cloud: minutes on a busy 2-core machine, not seconds
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', LOCAL_CLOUD_QUIET: 'true', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
