/**
 * Entry of the case queue bench's own process (bench/run.ts starts it with its node and tsx
 * loader). A process of its own for the same reason as the triage bench (bench/triage-main.ts):
 * the handlers' shared AWS clients (shared/aws/clients.ts) keep the endpoints of the first local
 * cloud of a process.
 *
 * Prints progress on stderr and, last, one line `CASES_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, REPO_ROOT, runBenchChild } from './console';

export const CASES_RESULT_MARKER = 'CASES_BENCH_RESULT ';

// only when run as the entry: bench/run.ts imports CASES_RESULT_MARKER from here
if (isEntry(import.meta.url)) {
  await runBenchChild(CASES_RESULT_MARKER, 'case queue', async () => {
    const { runCasesBench } = await import('./cases');
    const large = Math.max(1, intFromEnv('BENCH_CASES_COMPLAINTS', 50_000));
    return runCasesBench({
      root: REPO_ROOT,
      large,
      small: Math.max(1, Math.min(large - 1, intFromEnv('BENCH_CASES_SMALL', 5_000))),
      requests: Math.max(1, intFromEnv('BENCH_CASES_REQUESTS', 200)),
      pages: Math.max(1, intFromEnv('BENCH_CASES_PAGES', 20)),
      limit: Math.min(100, Math.max(1, intFromEnv('BENCH_CASES_LIMIT', 25))),
      warmupWalks: intFromEnv('BENCH_CASES_WARMUP_WALKS', 1),
      concurrency: Math.max(1, intFromEnv('BENCH_CASES_CONCURRENCY', 8)),
      progress,
    });
  });
}
