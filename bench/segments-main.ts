/**
 * Entry of the segment bench's own process (bench/run.ts starts it, like the care planner bench).
 * Prints progress on stderr and, last, one line `SEGMENTS_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, runBenchChild } from './console';

export const SEGMENTS_RESULT_MARKER = 'SEGMENTS_BENCH_RESULT ';

if (isEntry(import.meta.url)) {
  await runBenchChild(SEGMENTS_RESULT_MARKER, 'segments', async () => {
    const { runSegmentBench } = await import('./segments');
    return runSegmentBench({
      customers: Math.max(2, intFromEnv('BENCH_SEGMENTS_CUSTOMERS', 100_000)),
      concurrency: Math.max(1, intFromEnv('BENCH_SEGMENTS_CONCURRENCY', 16)),
      progress,
    });
  });
}
