/**
 * Entry of the customer import bench's own process (bench/run.ts starts it, like the notify bench):
 * the handlers' shared AWS clients keep the endpoints of the first local cloud of a process.
 * Prints progress on stderr and, last, one line `CARE_IMPORT_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, REPO_ROOT, runBenchChild } from './console';

export const CARE_IMPORT_RESULT_MARKER = 'CARE_IMPORT_BENCH_RESULT ';

// only when run as the entry: bench/run.ts imports CARE_IMPORT_RESULT_MARKER from here
if (isEntry(import.meta.url)) {
  await runBenchChild(CARE_IMPORT_RESULT_MARKER, 'care-import', async () => {
    const { runCareImportBench } = await import('./care-import');
    return runCareImportBench({
      root: REPO_ROOT,
      customers: Math.max(10, intFromEnv('BENCH_IMPORT_CUSTOMERS', 10_000)),
      timeoutSeconds: Math.max(10, intFromEnv('BENCH_IMPORT_TIMEOUT_SECONDS', 1_200)),
      progress,
    });
  });
}
