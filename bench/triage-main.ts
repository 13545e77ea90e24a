/**
 * Entry of the triage bench's own process (bench/run.ts starts it with its node and tsx loader).
 * A process of its own because the handlers' shared AWS clients (shared/aws/clients.ts) keep the
 * endpoints of the first local cloud of a process: after the intake bench's cloud stopped, a second
 * cloud in the same process would have handlers talking to emulators that are gone.
 *
 * Prints progress on stderr and, last, one line `TRIAGE_BENCH_RESULT <json>` on stdout.
 */
import { intFromEnv, isEntry, progress, REPO_ROOT, runBenchChild } from './console';

export const RESULT_MARKER = 'TRIAGE_BENCH_RESULT ';

// only when run as the entry: bench/run.ts imports RESULT_MARKER from here
if (isEntry(import.meta.url)) {
  await runBenchChild(RESULT_MARKER, 'triage', async () => {
    const { runTriageBench } = await import('./triage');
    return runTriageBench({
      root: REPO_ROOT,
      seconds: Math.max(0, intFromEnv('BENCH_TRIAGE_SECONDS', 2)),
      minRounds: Math.max(1, intFromEnv('BENCH_TRIAGE_MIN_ROUNDS', 20)),
      warmupRounds: intFromEnv('BENCH_TRIAGE_WARMUP_ROUNDS', 10),
      coldRuns: intFromEnv('BENCH_TRIAGE_COLD_RUNS', 5),
      complaints: Math.max(1, intFromEnv('BENCH_TRIAGE_COMPLAINTS', 100)),
      warmups: intFromEnv('BENCH_TRIAGE_WARMUPS', 10),
      timeoutMs: Math.max(100, intFromEnv('BENCH_TRIAGE_TIMEOUT_MS', 10_000)),
      maxPauseMs: intFromEnv('BENCH_TRIAGE_MAX_PAUSE_MS', 250),
      progress,
    });
  });
}
