/**
 * Entry of the cost bench's own process (bench/run.ts starts it, like the case queue bench): the
 * handlers' shared AWS clients keep the endpoints of the first local cloud of a process.
 * Prints progress on stderr and, last, one line `COST_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, runBenchChild } from './console';

export const COST_RESULT_MARKER = 'COST_BENCH_RESULT ';

if (isEntry(import.meta.url)) {
  await runBenchChild(COST_RESULT_MARKER, 'cost', async () => {
    // production's log level (infra/config/stages.ts), before any module creates its logger: the
    // bytes the handlers log are a cost line
    process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
    const { runCostBench } = await import('./cost');
    return runCostBench({
      lifecycles: Math.max(1, intFromEnv('BENCH_COST_LIFECYCLES', 1000)),
      careMessages: Math.max(1, intFromEnv('BENCH_COST_CARE', 10_000)),
      lateEvery: intFromEnv('BENCH_COST_LATE_EVERY', 10),
      concurrency: Math.max(1, intFromEnv('BENCH_COST_CONCURRENCY', 8)),
      progress,
    });
  });
}
