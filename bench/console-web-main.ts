/**
 * Entry of the console bench's own process (bench/run.ts starts it with its node and tsx loader), for
 * the same reason as the other local-cloud benches: the handlers' shared AWS clients keep the
 * endpoints of the first local cloud of a process.
 *
 * Prints progress on stderr and, last, one line `CONSOLE_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, REPO_ROOT, runBenchChild } from './console';

export const CONSOLE_RESULT_MARKER = 'CONSOLE_BENCH_RESULT ';

// only when run as the entry: bench/run.ts imports CONSOLE_RESULT_MARKER from here
if (isEntry(import.meta.url)) {
  await runBenchChild(CONSOLE_RESULT_MARKER, 'console', async () => {
    const { runConsoleBench } = await import('./console-web');
    return runConsoleBench({
      root: REPO_ROOT,
      cases: Math.max(1, intFromEnv('BENCH_CONSOLE_CASES', 500)),
      runs: Math.max(1, intFromEnv('BENCH_CONSOLE_RUNS', 7)),
      warmups: intFromEnv('BENCH_CONSOLE_WARMUPS', 1),
      progress,
    });
  });
}
