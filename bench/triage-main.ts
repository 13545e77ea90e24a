/**
 * Entry of the triage bench's own process (bench/run.ts starts it with its node and tsx loader).
 * A process of its own because the handlers' shared AWS clients (shared/aws/clients.ts) keep the
 * endpoints of the first local cloud of a process: after the intake bench's cloud stopped, a second
 * cloud in the same process would have handlers talking to emulators that are gone.
 *
 * Prints progress on stderr and, last, one line `TRIAGE_BENCH_RESULT <json>` on stdout.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULT_MARKER = 'TRIAGE_BENCH_RESULT ';

function intFromEnv(name: string, fallback: number): number {
  const parsed = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
};

// only when run as the entry: bench/run.ts imports RESULT_MARKER from here
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // before the local cloud imports the handlers: they create their loggers on import
  process.env.LOCAL_CLOUD_QUIET = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  let report: { lines: string[]; problems: string[]; measured: boolean };
  try {
    const { runTriageBench } = await import('./triage');
    report = await runTriageBench({
      root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
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
  } catch (error) {
    progress('');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report = { lines: [], problems: [`the triage bench could not run: ${message}`], measured: false };
  }
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(report)}\n`);
  // the local cloud is stopped; anything left (SDK sockets, timers) must not keep the bench waiting
  process.exit(0);
}
