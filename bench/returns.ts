/**
 * The regulators' returns bench (bench/returns-main.ts runs it in a process of its own): a quarter
 * of 100,000 complaints (BENCH_RETURNS_COMPLAINTS) and 10,000 of the month before, three regimes in
 * turn, 90 % decided. Each
 * complaint is counted as the consumer counts it (services/cases/domain/returns/return-counts.ts:
 * its row, the counter deltas of that row), the sums written to DynamoDB Local as the counter
 * items, then the FCA and NFRA returns are built by the route's use case from the counters: items
 * read per complaint (ScannedCount of every call, from a middleware on the shared client), queries
 * and seconds, against the 15 s goal of issue 19; and checked equal, cell for cell, to the direct
 * read's return built in memory from the same complaints. With BENCH_RETURNS_DIRECT=1 the
 * complaints and clocks are loaded too (minutes) and the ASIC return, which has a row per
 * complaint, is measured on its direct read.
 */
import { dynamo } from '#shared/aws/clients';
import { clockKey, complaintKey, receivedMonthKey } from '#shared/tables/complaints';
import { RETURN_SHARDS, returnCounterKey, returnCoverageKey, returnShardOf } from '#shared/tables/quality';
import { dynamoReportSource } from '../services/cases/adapters/dynamo-report-source';
import { dynamoReturnCounters, returnRowItem } from '../services/cases/adapters/dynamo-return-counters';
import type { ComplaintRecord, ReportedClock } from '../services/cases/domain/report';
import { builders, regulatorReturn } from '../services/cases/domain/returns/regulator-returns';
import { counterDeltas, returnRowOf } from '../services/cases/domain/returns/return-counts';
import type { ReturnRegime } from '../services/cases/domain/returns/return-frame';
import type { BenchReport } from './console';
import {
  addCallMiddleware,
  itemsOfCall,
  startBenchDynamo,
  useBenchTables,
  type WriteCounts,
  writeBatch,
} from './dynamo-counting';
import { heading, table } from './format';

const GOAL_SECONDS = 15;
const QUARTER_START = Date.parse('2026-01-01T00:00:00Z');
const QUARTER_MS = 89 * 86_400_000;
const PERIOD = { from: '2026-01-01', to: '2026-03-31', timeZone: 'UTC' };
const NOW = new Date('2026-04-15T00:00:00Z');
const regimes: readonly ReturnRegime[] = ['cn-nfra', 'uk-fca', 'au-asic'];

/** A tenth as many again received in the 30 days before the quarter: some of them open at its start. */
const BEFORE_MS = 30 * 86_400_000;

/** The quarter's complaints and those of the month before, as the report source reads them (complaint and clocks). */
function* complaintsOf(n: number): Generator<ComplaintRecord> {
  const categories = ['claims', 'sales', 'premium', 'surrender', 'service-quality'];
  const outcomes = ['upheld', 'partially-upheld', 'rejected'] as const;
  const before = Math.floor(n / 10);
  for (let i = 0; i < n + before; i++) {
    const regime = regimes[i % regimes.length]!;
    const receivedAt = new Date(
      i < before
        ? QUARTER_START - BEFORE_MS + Math.floor((i / before) * BEFORE_MS)
        : QUARTER_START + Math.floor(((i - before) / n) * QUARTER_MS),
    ).toISOString();
    const decided = i % 10 !== 0;
    const resolvedAt = new Date(Date.parse(receivedAt) + ((i % 40) + 1) * 86_400_000).toISOString();
    const clocks: ReportedClock[] = [
      {
        name: 'resolve',
        regime,
        state: decided ? 'met' : 'running',
        dueAt: new Date(Date.parse(receivedAt) + 15 * 86_400_000).toISOString(),
      } as ReportedClock,
    ];
    if (regime === 'uk-fca')
      clocks.push({
        name: 'acknowledge',
        regime,
        state: i % 7 === 0 ? 'met' : 'stopped',
        dueAt: receivedAt,
      } as ReportedClock);
    yield {
      complaint: {
        complaintId: `B${String(i).padStart(8, '0')}`,
        receivedAt,
        status: decided ? 'resolved' : 'in-progress',
        channel: i % 3 === 0 ? 'hotline' : 'web',
        customerKey: `K${i % 50_000}`,
        category: categories[i % categories.length] as never,
        regime,
        ...(decided
          ? { resolution: { outcome: outcomes[i % 3]!, rootCause: 'claims/assessment-delay', resolvedAt } }
          : {}),
      },
      clocks,
    };
  }
}

/** The counter items the consumer would have written for these complaints: sums per regime, month and shard. */
function counterItems(records: Iterable<ComplaintRecord>) {
  const items = new Map<string, Record<string, unknown>>();
  for (const record of records) {
    const row = returnRowOf(record, PERIOD.timeZone);
    const shard = returnShardOf(row.complaintId);
    for (const [month, cells] of counterDeltas(undefined, row)) {
      const key = returnCounterKey(row.regime, month, shard);
      const item = items.get(`${key.pk}|${key.sk}`) ?? { ...key, kind: 'return-counter' };
      for (const [cell, n] of Object.entries(cells)) item[cell] = Number(item[cell] ?? 0) + n;
      items.set(`${key.pk}|${key.sk}`, item);
    }
  }
  return [...items.values()];
}

function complaintItems(record: ComplaintRecord): Record<string, unknown>[] {
  const c = record.complaint;
  return [
    {
      ...complaintKey(c.complaintId),
      ...receivedMonthKey(c.receivedAt, c.complaintId),
      kind: 'complaint',
      ...c,
    },
    ...record.clocks.map((k) => ({ ...clockKey(c.complaintId, k.name), kind: 'sla-clock', ...k })),
  ];
}

export async function runReturnsBench(options: {
  complaints: number;
  concurrency: number;
  direct: boolean;
  progress: (text: string) => void;
}): Promise<BenchReport> {
  const db = await startBenchDynamo();
  try {
    const { names, loader } = await useBenchTables(db);
    process.env.COMPANY_TIME_ZONE = PERIOD.timeZone;
    const counts: WriteCounts = { calls: 0, retries: 0 };
    const load = async (tableName: string, items: Iterable<Record<string, unknown>>) => {
      let batch: Record<string, unknown>[] = [];
      const inFlight = new Set<Promise<void>>();
      for (const item of items) {
        batch.push(item);
        if (batch.length < 25) continue;
        const p = writeBatch(loader, tableName, batch, counts).then(() => {
          inFlight.delete(p);
        });
        inFlight.add(p);
        batch = [];
        if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        if (counts.calls % 400 === 0) options.progress(`returns bench: loading, ${counts.calls * 25} items`);
      }
      if (batch.length > 0) await writeBatch(loader, tableName, batch, counts);
      await Promise.all(inFlight);
    };

    const started = Date.now();
    const total = options.complaints + Math.floor(options.complaints / 10);
    const counters = counterItems(complaintsOf(options.complaints));
    const countSeconds = (Date.now() - started) / 1000;
    await load(names.Quality!, [
      ...counters,
      {
        ...returnCoverageKey,
        kind: 'return-coverage',
        countingSince: '2025-01-01T00:00:00.000Z',
        rebuiltAt: '2025-01-01T00:00:00.000Z',
      },
    ]);
    // the ASIC return's rows, every complaint taken as an ASIC one (a quarter of 100,000 for that return too)
    const asAsic = (r: ComplaintRecord): ComplaintRecord => ({
      complaint: { ...r.complaint, regime: 'au-asic' },
      clocks: r.clocks.map((k) => ({ ...k, regime: 'au-asic' })),
    });
    const rowsStarted = Date.now();
    await load(
      names.Quality!,
      (function* () {
        for (const r of complaintsOf(options.complaints))
          yield returnRowItem(returnRowOf(asAsic(r), PERIOD.timeZone));
      })(),
    );
    const rowsLoadSeconds = (Date.now() - rowsStarted) / 1000;
    const loadStarted = Date.now();
    if (options.direct)
      await load(
        names.Complaints!,
        (function* () {
          for (const r of complaintsOf(options.complaints)) yield* complaintItems(r);
        })(),
      );
    const directLoadSeconds = (Date.now() - loadStarted) / 1000;

    let read = 0;
    let queries = 0;
    addCallMiddleware(dynamo(), 'returns-bench-reads', (next, context) => async (args) => {
      const result = await next(args);
      read += itemsOfCall(context.commandName ?? '', result.output).read;
      queries++;
      return result;
    });
    const rows: string[][] = [];
    const problems: string[] = [];
    const inMemory = options.complaints <= 200_000 ? [...complaintsOf(options.complaints)] : undefined;
    const runs: { regime: ReturnRegime; read: 'counters' | 'rows' | 'direct read' }[] = [
      { regime: 'cn-nfra', read: 'counters' },
      { regime: 'uk-fca', read: 'counters' },
      { regime: 'au-asic', read: 'rows' },
      ...(options.direct ? [{ regime: 'au-asic' as const, read: 'direct read' as const }] : []),
    ];
    for (const run of runs) {
      const { regime } = run;
      read = 0;
      queries = 0;
      options.progress(`returns bench: ${regime} (${run.read})`);
      const t0 = Date.now();
      const r = await regulatorReturn(
        { regime, period: PERIOD, viewer: { role: 'admin', team: undefined }, now: NOW },
        dynamoReportSource,
        run.read === 'direct read' ? undefined : dynamoReturnCounters,
      );
      const seconds = (Date.now() - t0) / 1000;
      if (run.read !== 'direct read' && inMemory) {
        const records = regime === 'au-asic' ? inMemory.map(asAsic) : inMemory;
        const direct = builders[regime]({ period: PERIOD, records, generatedAt: NOW });
        if (JSON.stringify(direct.rows) !== JSON.stringify(r.rows))
          problems.push(`${regime}: the return from ${run.read} differs from the direct read's`);
      }
      const fromCounters = run.read === 'counters';
      rows.push([
        regime,
        run.read,
        String(options.complaints),
        String(queries),
        (read / options.complaints).toFixed(fromCounters ? 4 : 2),
        seconds.toFixed(2),
        `≤ ${GOAL_SECONDS}`,
        seconds <= GOAL_SECONDS ? 'PASS' : 'OVER',
        String(r.rows.length),
      ]);
    }
    options.progress('');
    return {
      lines: [
        heading(`Regulators' returns: a quarter of ${options.complaints.toLocaleString('en')} complaints`),
        table(
          [
            { header: 'return' },
            { header: 'read' },
            { header: 'complaints', align: 'right' },
            { header: 'queries', align: 'right' },
            { header: 'items read / complaint', align: 'right' },
            { header: 'seconds', align: 'right' },
            { header: 'goal s', align: 'right' },
            { header: '' },
            { header: 'rows', align: 'right' },
          ],
          rows,
        ),
        `Counted ${total.toLocaleString('en')} complaints (the quarter's and ${(total - options.complaints).toLocaleString('en')} of the month before) into ${counters.length} counter items ` +
          `(${RETURN_SHARDS} shards a month) in ${countSeconds.toFixed(1)} s; ` +
          (inMemory
            ? "the counters' FCA and NFRA returns and the rows' ASIC return equal the direct read's built in memory " +
              'from the same complaints, cell for cell.'
            : ''),
        `Loaded ${total.toLocaleString('en')} ASIC rows (every complaint taken as an ASIC one) ` +
          `in ${rowsLoadSeconds.toFixed(0)} s.`,
        options.direct
          ? `Loaded ${total * 2} complaint and clock items in ${directLoadSeconds.toFixed(0)} s for the direct read.`
          : 'The complaints themselves were not loaded (BENCH_RETURNS_DIRECT=1 loads them and measures the direct read too).',
      ],
      problems,
      measured: true,
    };
  } finally {
    await db.stop();
  }
}
