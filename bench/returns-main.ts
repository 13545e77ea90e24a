/**
 * Entry of the returns bench's own process (bench/run.ts starts it): prints progress on stderr and,
 * last, one line `RETURNS_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, runBenchChild } from './console';

export const RETURNS_RESULT_MARKER = 'RETURNS_BENCH_RESULT ';

if (isEntry(import.meta.url)) {
  await runBenchChild(RETURNS_RESULT_MARKER, 'returns', async () => {
    const { runReturnsBench } = await import('./returns');
    return runReturnsBench({
      complaints: Math.max(1, intFromEnv('BENCH_RETURNS_COMPLAINTS', 100_000)),
      concurrency: Math.max(1, intFromEnv('BENCH_RETURNS_CONCURRENCY', 8)),
      direct: intFromEnv('BENCH_RETURNS_DIRECT', 0) === 1,
      progress,
    });
  });
}
