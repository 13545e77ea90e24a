/**
 * Entry of the case queue bench's own process (bench/run.ts starts it with its node and tsx
 * loader). A process of its own for the same reason as the triage bench (bench/triage-main.ts):
 * the handlers' shared AWS clients (shared/aws/clients.ts) keep the endpoints of the first local
 * cloud of a process.
 *
 * Prints progress on stderr and, last, one line `CASES_BENCH_RESULT <json>` on stdout.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_RESULT_MARKER = 'CASES_BENCH_RESULT ';

function intFromEnv(name: string, fallback: number): number {
  const parsed = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
};

// only when run as the entry: bench/run.ts imports CASES_RESULT_MARKER from here
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // before the local cloud imports the handlers: they create their loggers on import
  process.env.LOCAL_CLOUD_QUIET = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  let report: { lines: string[]; problems: string[]; measured: boolean };
  try {
    const { runCasesBench } = await import('./cases');
    const large = Math.max(1, intFromEnv('BENCH_CASES_COMPLAINTS', 50_000));
    report = await runCasesBench({
      root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
      large,
      small: Math.max(1, Math.min(large - 1, intFromEnv('BENCH_CASES_SMALL', 5_000))),
      requests: Math.max(1, intFromEnv('BENCH_CASES_REQUESTS', 200)),
      pages: Math.max(1, intFromEnv('BENCH_CASES_PAGES', 20)),
      limit: Math.min(100, Math.max(1, intFromEnv('BENCH_CASES_LIMIT', 25))),
      warmupWalks: intFromEnv('BENCH_CASES_WARMUP_WALKS', 1),
      concurrency: Math.max(1, intFromEnv('BENCH_CASES_CONCURRENCY', 8)),
      progress,
    });
  } catch (error) {
    progress('');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report = { lines: [], problems: [`the case queue bench could not run: ${message}`], measured: false };
  }
  process.stdout.write(`${CASES_RESULT_MARKER}${JSON.stringify(report)}\n`);
  // the local cloud is stopped; anything left (SDK sockets, timers) must not keep the bench waiting
  process.exit(0);
}
