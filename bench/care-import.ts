/**
 * The customer import bench (bench/care-import-main.ts runs it in a process of its own): how many
 * lines a second does `npm run customers:import` get through, for new customers, for a file
 * imported again unchanged, and for a file where every tenth customer changed?
 *
 * `startLocalCloud` with infra/topology.ts (DynamoDB Local in memory, ports 0); N demo customers
 * from infra/local/demo-data.ts (deterministic: same seed, fixed day) written as NDJSON into a temp
 * dir; then the CLI as a user runs it, `npx tsx services/care/scripts/import-customers.ts <file>
 * --api <cloud.url>` (its token from /dev/token), three times: (1) all new, (2) the same file again,
 * (3) the file with the tier of every tenth customer changed. Each run is timed by wall clock from
 * spawn to exit (npx and tsx start-up included); the CLI's own summary gives the counts and its
 * seconds from the first chunk to the last answer.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportedCustomer } from '#shared/contracts/customer-import';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { demoCustomers } from '../infra/local/demo-data';
import { topology } from '../infra/topology';
import type { BenchReport } from './console';
import { type Column, heading, table } from './format';

export interface CareImportBenchOptions {
  readonly root: string;
  /** Customers (lines) in the file. */
  readonly customers: number;
  /** Longest a CLI run may take before it is stopped and reported. */
  readonly timeoutSeconds: number;
  readonly progress: (text: string) => void;
}

/** The day the demo generator counts policy dates from: fixed, so every run writes the same file. */
const DEMO_DAY = new Date('2026-11-28T00:00:00Z');
const CLI = 'services/care/scripts/import-customers.ts';
/** Every CHANGE_EVERY-th customer of run (3) gets another tier. */
const CHANGE_EVERY = 10;
const NEXT_TIER: Record<ImportedCustomer['tier'], ImportedCustomer['tier']> = {
  standard: 'silver',
  silver: 'gold',
  gold: 'platinum',
  platinum: 'standard',
};

interface Summary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly lines: number;
  readonly seconds: number;
}

interface CliRun {
  readonly code: number | null;
  readonly wallSeconds: number;
  readonly summary?: Summary;
  readonly stdout: string;
  readonly stderr: string;
}

/** `created 1, updated 2, unchanged 3, rejected 4 — 10 lines in 1.2 s (8 lines/s)` */
const SUMMARY = /created (\d+), updated (\d+), unchanged (\d+), rejected (\d+) — (\d+) lines in ([\d.]+) s/;

function parseSummary(stdout: string): Summary | undefined {
  const m = SUMMARY.exec(stdout);
  if (!m) return undefined;
  const [created, updated, unchanged, rejected, lines, seconds] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { created, updated, unchanged, rejected, lines, seconds };
}

function runCli(
  root: string,
  args: readonly string[],
  timeoutSeconds: number,
  onProgress: (line: string) => void,
): Promise<CliRun> {
  // the token comes from the local cloud's /dev/token, as for a developer on npm start
  const { CARE_API_TOKEN: _token, CARE_API_URL: _url, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('npx', ['tsx', CLI, ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString('utf8');
      stderr += text;
      const last = text.trim().split('\n').pop();
      if (last) onProgress(last);
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutSeconds * 1000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      resolve({ code, wallSeconds, summary: parseSummary(stdout), stdout, stderr });
    });
  });
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export async function runCareImportBench(options: CareImportBenchOptions): Promise<BenchReport> {
  const { progress, customers: n } = options;
  const lines: string[] = [];
  const problems: string[] = [];
  const loadAtStart = loadavg()[0]!.toFixed(1);

  progress(`care-import: generating ${n} customers`);
  const customers = demoCustomers(n, DEMO_DAY);
  const ids = new Set(customers.map((c) => c.customerId));
  if (ids.size !== n)
    problems.push(`the generator made ${ids.size} distinct customer ids for ${n} customers`);
  const changed = customers.map((c, i) =>
    (i + 1) % CHANGE_EVERY === 0 ? { ...c, tier: NEXT_TIER[c.tier] } : c,
  );
  const changedCount = Math.floor(n / CHANGE_EVERY);

  const dir = await mkdtemp(path.join(tmpdir(), 'bench-care-import-'));
  const original = path.join(dir, 'customers.jsonl');
  const updated = path.join(dir, 'customers-10pct-changed.jsonl');
  const ndjson = (list: readonly ImportedCustomer[]) => `${list.map((c) => JSON.stringify(c)).join('\n')}\n`;
  await writeFile(original, ndjson(customers));
  await writeFile(updated, ndjson(changed));
  const fileBytes = (await stat(original)).size;

  progress('care-import: starting the local cloud (DynamoDB Local in memory)');
  const cloud: LocalCloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: options.root });
  try {
    const runs = [
      { name: '(1) new', file: original, expect: { created: n, updated: 0, unchanged: 0 } },
      { name: '(2) same file again', file: original, expect: { created: 0, updated: 0, unchanged: n } },
      {
        name: `(3) 1 in ${CHANGE_EVERY} changed`,
        file: updated,
        expect: { created: 0, updated: changedCount, unchanged: n - changedCount },
      },
    ];
    const results: { name: string; run: CliRun }[] = [];
    for (const r of runs) {
      progress(`care-import ${r.name}: running the CLI`);
      const run = await runCli(options.root, [r.file, '--api', cloud.url], options.timeoutSeconds, (line) =>
        progress(`care-import ${r.name}: ${line}`),
      );
      results.push({ name: r.name, run });
      const s = run.summary;
      if (run.code !== 0 || !s) {
        problems.push(
          `${r.name}: the CLI exited with ${run.code}${s ? '' : ' without a summary'}: ${run.stderr.trim().slice(-500)}`,
        );
        continue;
      }
      const got = { created: s.created, updated: s.updated, unchanged: s.unchanged };
      if (JSON.stringify(got) !== JSON.stringify(r.expect) || s.rejected !== 0)
        problems.push(
          `${r.name}: expected ${JSON.stringify(r.expect)}, rejected 0; the CLI counted ${JSON.stringify(got)}, rejected ${s.rejected}`,
        );
    }
    progress('');

    const columns: Column[] = [
      { header: 'run' },
      { header: 'lines', align: 'right' },
      { header: 'created', align: 'right' },
      { header: 'updated', align: 'right' },
      { header: 'unchanged', align: 'right' },
      { header: 'rejected', align: 'right' },
      { header: 'seconds', align: 'right' },
      { header: 'lines/s', align: 'right' },
      { header: 'CLI s', align: 'right' },
      { header: 'CLI lines/s', align: 'right' },
    ];
    const rate = (s: Summary | undefined, seconds: number) => (s ? s.lines / seconds : Number.NaN);
    const rows = results.map(({ name, run }) => {
      const s = run.summary;
      return [
        name,
        s ? String(s.lines) : '-',
        s ? String(s.created) : '-',
        s ? String(s.updated) : '-',
        s ? String(s.unchanged) : '-',
        s ? String(s.rejected) : '-',
        fmt(run.wallSeconds),
        fmt(rate(s, run.wallSeconds), 0),
        s ? fmt(s.seconds) : '-',
        s ? fmt(rate(s, s.seconds), 0) : '-',
      ];
    });
    const [first, second] = results;
    const ratio = (pick: (run: CliRun) => number) =>
      first && second
        ? rate(second.run.summary, pick(second.run)) / rate(first.run.summary, pick(first.run))
        : Number.NaN;
    lines.push(
      heading('Care: customer import (npm run customers:import)'),
      `node ${process.version}, ${cpus().length} CPU(s), load average ${loadAtStart} at start; ${n} demo customers (infra/local/demo-data.ts), ${(fileBytes / 1024 / 1024).toFixed(1)} MiB, ~${Math.round(fileBytes / n)} bytes a line; CLI defaults (chunks of 1,000 lines, 2 requests in flight); upserts in flight per request ${process.env.CUSTOMER_IMPORT_CONCURRENCY || '32 (default)'}`,
      '',
      table(columns, rows),
      '',
      `unchanged rate / new rate: ${fmt(
        ratio((r) => r.wallSeconds),
        2,
      )}x by wall clock, ${fmt(
        ratio((r) => r.summary?.seconds ?? Number.NaN),
        2,
      )}x by the CLI's own seconds`,
      '',
      'seconds = wall clock from spawning `npx tsx services/care/scripts/import-customers.ts <file> --api <url>`',
      'to its exit (npx, tsx and the token fetch included); lines/s = lines / seconds. CLI s and CLI lines/s',
      "are the CLI's own summary (token fetched to last answer). Counts are the CLI's summary, i.e. the",
      "sums of the API's answers. Run (3) gives every tenth customer another tier (a different import hash).",
      'DynamoDB Local runs the per-customer transactions one at a time; on DynamoDB they run in parallel.',
    );
    return {
      lines,
      problems,
      measured: results.length === runs.length && results.every((r) => r.run.summary),
    };
  } finally {
    await cloud.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
