/** What every bench entry shares: settings from the environment and a progress line on a terminal. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A whole number ≥ 0 from the environment, or the fallback. */
export function intFromEnv(name: string, fallback: number): number {
  const parsed = Number.parseInt(process.env[name] ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : fallback;
}

/** One line of progress, rewritten in place, on an interactive terminal only. */
export const progress = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}`);
};

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BenchReport {
  lines: string[];
  problems: string[];
  measured: boolean;
}

/** Whether the module at `moduleUrl` is the process entry (not imported by bench/run.ts). */
export function isEntry(moduleUrl: string): boolean {
  return Boolean(process.argv[1]) && path.resolve(process.argv[1]!) === fileURLToPath(moduleUrl);
}

/**
 * Runs a bench section in its own process (the handlers' shared AWS clients keep the endpoints of
 * the first local cloud of a process) and hands its report to bench/run.ts as one marked line.
 */
export async function runBenchChild(
  marker: string,
  name: string,
  run: () => Promise<BenchReport>,
): Promise<never> {
  // before the local cloud imports the handlers: they create their loggers on import
  process.env.LOCAL_CLOUD_QUIET = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  let report: BenchReport;
  try {
    report = await run();
  } catch (error) {
    progress('');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report = { lines: [], problems: [`the ${name} bench could not run: ${message}`], measured: false };
  }
  process.stdout.write(`${marker}${JSON.stringify(report)}\n`);
  // the local cloud is stopped; anything left (SDK sockets, timers) must not keep the bench waiting
  process.exit(0);
}
