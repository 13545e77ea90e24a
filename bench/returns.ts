/**
 * The regulators' returns bench (bench/returns-main.ts runs it in a process of its own): a quarter
 * of 100,000 complaints (BENCH_RETURNS_COMPLAINTS) bulk-loaded into DynamoDB Local (the complaint
 * item with its reporting-index keys, a decision on most, and its resolve clock), then each return
 * built by the route's use case with the real report source (services/cases/adapters/
 * dynamo-report-source.ts): items read per complaint (ScannedCount of every Query, from a middleware
 * on the shared client) and seconds, against the 15 s goal of issue 19.
 */
import { dynamo } from '#shared/aws/clients';
import { clockKey, complaintKey, receivedMonthKey } from '#shared/tables/complaints';
import { dynamoReportSource } from '../services/cases/adapters/dynamo-report-source';
import { regulatorReturn } from '../services/cases/domain/returns/regulator-returns';
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

export async function runReturnsBench(options: {
  complaints: number;
  concurrency: number;
  progress: (text: string) => void;
}): Promise<BenchReport> {
  const db = await startBenchDynamo();
  try {
    const { names, loader } = await useBenchTables(db);
    const complaintsTable = names.Complaints!;
    process.env.COMPANY_TIME_ZONE = 'UTC';
    const counts: WriteCounts = { calls: 0, retries: 0 };
    const regimes: readonly ReturnRegime[] = ['cn-nfra', 'uk-fca', 'au-asic'];
    const regimeOf = (i: number) => regimes[i % regimes.length]!;
    const categories = ['claims', 'sales', 'premium', 'surrender', 'service-quality'];
    const outcomes = ['upheld', 'partially-upheld', 'rejected'];
    const items = function* () {
      for (let i = 0; i < options.complaints; i++) {
        const id = `B${String(i).padStart(8, '0')}`;
        const receivedAt = new Date(
          QUARTER_START + Math.floor((i / options.complaints) * QUARTER_MS),
        ).toISOString();
        const decided = i % 10 !== 0;
        const resolvedAt = new Date(Date.parse(receivedAt) + ((i % 40) + 1) * 86_400_000).toISOString();
        yield {
          ...complaintKey(id),
          ...receivedMonthKey(receivedAt, id),
          kind: 'complaint',
          complaintId: id,
          receivedAt,
          status: decided ? 'resolved' : 'in-progress',
          channel: i % 3 === 0 ? 'hotline' : 'web',
          customerKey: `K${i % 50_000}`,
          category: categories[i % categories.length],
          regime: regimeOf(i),
          ...(decided
            ? { resolution: { outcome: outcomes[i % 3], rootCause: 'claims/assessment-delay', resolvedAt } }
            : {}),
        };
        yield {
          ...clockKey(id, 'resolve'),
          kind: 'sla-clock',
          name: 'resolve',
          regime: regimeOf(i),
          state: decided ? 'met' : 'running',
          dueAt: new Date(Date.parse(receivedAt) + 15 * 86_400_000).toISOString(),
        };
      }
    };
    const started = Date.now();
    let batch: Record<string, unknown>[] = [];
    const inFlight = new Set<Promise<void>>();
    for (const item of items()) {
      batch.push(item);
      if (batch.length === 25) {
        const p = writeBatch(loader, complaintsTable, batch, counts).then(() => {
          inFlight.delete(p);
        });
        inFlight.add(p);
        batch = [];
        if (inFlight.size >= options.concurrency) await Promise.race(inFlight);
        if (counts.calls % 400 === 0) options.progress(`returns bench: loading, ${counts.calls * 25} items`);
      }
    }
    if (batch.length > 0) await writeBatch(loader, complaintsTable, batch, counts);
    await Promise.all(inFlight);
    const loadSeconds = (Date.now() - started) / 1000;

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
    for (const regime of regimes) {
      read = 0;
      queries = 0;
      options.progress(`returns bench: ${regime}`);
      const t0 = Date.now();
      const r = await regulatorReturn(
        {
          regime,
          period: { from: '2026-01-01', to: '2026-03-31', timeZone: 'UTC' },
          viewer: { role: 'admin', team: undefined },
          now: new Date('2026-04-15T00:00:00Z'),
        },
        dynamoReportSource,
      );
      const seconds = (Date.now() - t0) / 1000;
      rows.push([
        regime,
        String(options.complaints),
        String(queries),
        (read / options.complaints).toFixed(2),
        seconds.toFixed(1),
        `≤ ${GOAL_SECONDS}`,
        seconds <= GOAL_SECONDS ? 'PASS' : 'OVER',
        String(r.rows.length),
      ]);
    }
    options.progress('');
    return {
      lines: [
        heading(
          `Regulators' returns: a quarter of ${options.complaints.toLocaleString('en')} complaints (direct read)`,
        ),
        table(
          [
            { header: 'return' },
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
        `Loaded ${options.complaints * 2} items in ${loadSeconds.toFixed(0)} s (DynamoDB Local, in memory, this machine).`,
      ],
      problems,
      measured: true,
    };
  } finally {
    await db.stop();
  }
}
