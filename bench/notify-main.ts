/**
 * Entry of the notify bench's own process (bench/run.ts starts it with its node and tsx loader),
 * for the same reason as the triage bench (bench/triage-main.ts): the handlers' shared AWS clients
 * keep the endpoints of the first local cloud of a process.
 *
 * Prints progress on stderr and, last, one line `NOTIFY_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, REPO_ROOT, runBenchChild } from './console';

export const NOTIFY_RESULT_MARKER = 'NOTIFY_BENCH_RESULT ';

// only when run as the entry: bench/run.ts imports NOTIFY_RESULT_MARKER from here
if (isEntry(import.meta.url)) {
  await runBenchChild(NOTIFY_RESULT_MARKER, 'notify', async () => {
    const { runNotifyBench } = await import('./notify');
    return runNotifyBench({
      root: REPO_ROOT,
      throughput: Math.max(1, intFromEnv('BENCH_NOTIFY_THROUGHPUT', 1_000)),
      burst: Math.max(1, intFromEnv('BENCH_NOTIFY_BURST', 5_000)),
      rate: Math.max(1, intFromEnv('BENCH_NOTIFY_RATE', 14)),
      timeoutSeconds: Math.max(10, intFromEnv('BENCH_NOTIFY_TIMEOUT_SECONDS', 1_200)),
      progress,
    });
  });
}
