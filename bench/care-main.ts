/**
 * Entry of the care planner bench's own process (bench/run.ts starts it, like the case queue
 * bench): the handlers' shared AWS clients keep the endpoint of the first DynamoDB Local.
 * Prints progress on stderr and, last, one line `CARE_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, runBenchChild } from './console';

export const CARE_RESULT_MARKER = 'CARE_BENCH_RESULT ';

if (isEntry(import.meta.url)) {
  await runBenchChild(CARE_RESULT_MARKER, 'care', async () => {
    const { runCareBench } = await import('./care');
    return runCareBench({
      customers: Math.max(2, intFromEnv('BENCH_CARE_CUSTOMERS', 100_000)),
      date: process.env.BENCH_CARE_DATE ?? '2026-06-15',
      concurrency: Math.max(1, intFromEnv('BENCH_CARE_CONCURRENCY', 16)),
      progress,
    });
  });
}
