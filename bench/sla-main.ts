/**
 * Entry of the SLA sweep bench (bench/run.ts starts it with its node and tsx loader, like the
 * triage bench). It coordinates two case processes, each this script started with `--open <n>`
 * over an IPC channel: the small case loads first, then the large one (never both at once), then
 * they take turns sweeping (small-large, large-small, ...) so a busy machine weighs on both alike.
 * A process per case because the shared AWS clients (shared/aws/clients.ts) keep the endpoint of
 * the first DynamoDB Local of a process, and a DynamoDB Local per case keeps the cases apart (see
 * bench/sla.ts on DynamoDB Local's streams).
 *
 * Prints progress on stderr and, last, one line `SLA_BENCH_RESULT <json>` on stdout.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { on } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intFromEnv, progress } from './console';
import type { SlaCaseResult } from './sla';

export const SLA_RESULT_MARKER = 'SLA_BENCH_RESULT ';

const settings = () => ({
  small: Math.max(1, intFromEnv('BENCH_SLA_SMALL', 1_000)),
  large: Math.max(1, intFromEnv('BENCH_SLA_OPEN', 100_000)),
  rounds: Math.max(1, intFromEnv('BENCH_SLA_ROUNDS', 20)),
  warmups: intFromEnv('BENCH_SLA_WARMUPS', 20),
  concurrency: Math.max(1, intFromEnv('BENCH_SLA_CONCURRENCY', 8)),
  jvmWarmupCalls: intFromEnv('BENCH_SLA_JVM_WARMUP_CALLS', 4_000),
});

/** Coordinator → case. */
type Command = { type: 'sweep'; round: number } | { type: 'finish' };
/** Case → coordinator. */
type Reply =
  | { type: 'ready'; sweeps: number }
  | { type: 'swept' }
  | { type: 'result'; result: SlaCaseResult }
  | { type: 'error'; error: string };

/** One case process and the replies it sends, read one at a time. */
class CaseProcess {
  readonly #child: ChildProcess;
  readonly #replies: Reply[] = [];
  #waiting: ((reply: Reply) => void) | undefined;
  #stdout = '';

  constructor(readonly open: number) {
    this.#child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--open', String(open)],
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    this.#child.stdout?.on('data', (chunk: Buffer) => {
      this.#stdout += chunk.toString('utf8');
    });
    this.#child.on('message', (reply: Reply) => this.#deliver(reply));
    this.#child.once('error', (error) => this.#deliver({ type: 'error', error: error.message }));
    this.#child.once('exit', (code, signal) =>
      this.#deliver({ type: 'error', error: `the case process exited with ${signal ?? code}` }),
    );
  }

  #deliver(reply: Reply): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting(reply);
    else this.#replies.push(reply);
  }

  /** The next reply; throws on an error reply. */
  async next(): Promise<Reply> {
    const reply =
      this.#replies.shift() ??
      (await new Promise<Reply>((resolve) => {
        this.#waiting = resolve;
      }));
    if (reply.type === 'error') throw new Error(`open=${this.open}: ${reply.error}`);
    return reply;
  }

  send(command: Command): void {
    this.#child.send(command);
  }

  /** Lines the case printed on stdout (a store or handler logging): worth seeing. */
  stray(): string[] {
    return this.#stdout.split('\n').filter((l) => l.trim());
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill('SIGTERM');
  }
}

/** A case process: prepares its case, sweeps when told, and sends back everything measured. */
async function caseMain(open: number): Promise<void> {
  const reply = (message: Reply) => new Promise<void>((resolve) => process.send?.(message, () => resolve()));
  try {
    const { prepareSlaCase } = await import('./sla');
    const { rounds, warmups, concurrency, jvmWarmupCalls } = settings();
    const session = await prepareSlaCase({ open, rounds, warmups, concurrency, jvmWarmupCalls, progress });
    await reply({ type: 'ready', sweeps: session.sweeps });
    for await (const [command] of on(process, 'message') as AsyncIterable<[Command]>) {
      if (command.type === 'sweep') {
        await session.sweep(command.round);
        await reply({ type: 'swept' });
      } else {
        await reply({ type: 'result', result: await session.finish() });
        break;
      }
    }
  } catch (error) {
    await reply({
      type: 'error',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
  process.exit(0);
}

/** Both cases: loads one after the other, then sweeps taking turns; the report. */
async function coordinate(): Promise<{ lines: string[]; problems: string[]; measured: boolean }> {
  const { small, large, rounds, warmups, concurrency, jvmWarmupCalls } = settings();
  const { minimumOpen, slaReport } = await import('./sla');
  if (small < minimumOpen(rounds, warmups) || large <= small)
    throw new Error(
      `need ${minimumOpen(rounds, warmups)} <= BENCH_SLA_SMALL (${small}) < BENCH_SLA_OPEN (${large})`,
    );
  const cases: CaseProcess[] = [];
  try {
    let sweeps = 0;
    for (const open of [small, large]) {
      const proc = new CaseProcess(open);
      cases.push(proc);
      const ready = await proc.next();
      if (ready.type === 'ready') sweeps = ready.sweeps;
    }
    for (let round = 0; round < sweeps; round++) {
      for (const proc of round % 2 === 0 ? cases : [...cases].reverse()) {
        proc.send({ type: 'sweep', round });
        await proc.next();
      }
    }
    const results: SlaCaseResult[] = [];
    for (const proc of cases) {
      proc.send({ type: 'finish' });
      const reply = await proc.next();
      if (reply.type === 'result') results.push(reply.result);
    }
    const problems = results.flatMap((r) => r.problems);
    for (const proc of cases)
      problems.push(
        ...proc
          .stray()
          .slice(0, 5)
          .map((l) => `open=${proc.open} printed: ${l.slice(0, 300)}`),
      );
    return {
      lines: slaReport(results, { rounds, warmups, concurrency, jvmWarmupCalls }),
      problems,
      measured: problems.length === 0,
    };
  } finally {
    for (const proc of cases) proc.kill();
  }
}

// only when run as the entry: bench/run.ts imports SLA_RESULT_MARKER from here
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.env.LOCAL_CLOUD_QUIET = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const openArg = process.argv.indexOf('--open');
  if (openArg >= 0) await caseMain(Number.parseInt(process.argv[openArg + 1] ?? '', 10));
  let report: { lines: string[]; problems: string[]; measured: boolean };
  try {
    report = await coordinate();
  } catch (error) {
    progress('');
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    report = { lines: [], problems: [`the SLA bench could not run: ${message}`], measured: false };
  }
  process.stdout.write(`${SLA_RESULT_MARKER}${JSON.stringify(report)}\n`);
  process.exit(0);
}
