/**
 * The care planner bench: 100,000 synthetic customers in DynamoDB Local (in memory, the real tables
 * from createTables), then one day's birthday campaign planned for Shanghai through the real
 * planner and its DynamoDB adapter, then the same day again (the idempotent rerun). A middleware on
 * the shared `dynamo()` client counts the items DynamoDB read (ScannedCount of every Query, items
 * found by Get/BatchGet) while planning.
 *
 * The customers are loaded with BatchWriteItem, not through the store's transaction per customer
 * (hours for 100,000 on DynamoDB Local): the profile items mirror the store's item shape, and that
 * is checked against a probe customer written through `dynamoCustomerStore.upsert` first.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/clients';
import { addDays } from '#shared/calendar/local-date';
import { instantIn } from '#shared/calendar/zoned-time';
import { useClock } from '#shared/clock';
import { ImportedCustomer } from '#shared/contracts/customer-import';
import {
  customerProfileKey,
  healthIndexKeys,
  npsIndexKeys,
  policyFacts,
  profileIndexKeys,
  segmentIndexKeys,
  timeZonesKey,
} from '#shared/tables/customers';
import { seededRandom } from '../infra/local/demo-data';
import { dynamoCampaignStore } from '../services/care/adapters/dynamo-campaign-store';
import { dynamoCustomerStore, importHash } from '../services/care/adapters/dynamo-customer-store';
import { campaignById, campaignCatalog } from '../services/care/domain/campaign-definitions';
import { planCampaign } from '../services/care/domain/plan-campaigns';
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

export interface CareBenchOptions {
  readonly customers: number;
  readonly date: string;
  readonly concurrency: number;
  readonly progress: (text: string) => void;
}

const ZONES = [
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Asia/Shanghai',
  'Europe/London',
];

function syntheticCustomer(i: number, next: () => number): ImportedCustomer {
  const born = new Date(Date.UTC(1940, 0, 1) + Math.floor(next() * 65 * 365.25) * 86_400_000);
  return ImportedCustomer.parse({
    customerId: `B${String(i).padStart(7, '0')}`,
    name: `客户${i}`,
    birthDate: born.toISOString().slice(0, 10),
    email: `customer${i}@example.com`,
    timeZone: ZONES[i % ZONES.length],
    preferredChannel: 'email',
    tier: next() < 0.05 ? 'gold' : 'standard',
    consent: { service: true, marketing: next() >= 0.1 },
    lastContactAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(next() * 600) * 86_400_000).toISOString(),
  });
}

/** The profile item dynamoCustomerStore.upsert writes for a new customer without a phone (the cost and segment benches load the same; policy items are not written). */
export function profileItem(customer: ImportedCustomer): Record<string, unknown> {
  const { policies, ...imported } = customer;
  const { customerSince, ...facts } = policyFacts(policies);
  return {
    ...customerProfileKey(customer.customerId),
    ...imported,
    ...facts,
    ...(customerSince ? { customerSince } : {}),
    kind: 'customer',
    importHash: importHash(customer),
    ...profileIndexKeys(customer),
    ...segmentIndexKeys({ ...customer, annualPremium: facts.annualPremium }),
    ...npsIndexKeys(customer.customerId, customer.timeZone),
    ...healthIndexKeys(customer.customerId, customer.timeZone),
  };
}

/** Counts items DynamoDB read through the shared client while `active`. */
function attachReadCounter(client: { middlewareStack: unknown }) {
  const counter = { active: false, read: 0, calls: {} as Record<string, number> };
  addCallMiddleware(client, 'benchCareReadCounter', (next, context) => async (args) => {
    if (!counter.active) return next(args);
    const op = (context.commandName ?? '?').replace(/Command$/, '');
    // counted before the call: a transaction refused on a rerun is a call too
    counter.calls[op] = (counter.calls[op] ?? 0) + 1;
    const result = await next(args);
    counter.read += itemsOfCall(op, result.output).read;
    return result;
  });
  return counter;
}

export async function runCareBench(options: CareBenchOptions): Promise<BenchReport> {
  const problems: string[] = [];
  options.progress('care: starting DynamoDB Local');
  const local = await startBenchDynamo();
  try {
    const { names, loader } = await useBenchTables(local);
    const customersTable = names.Customers!;

    // --- the probe: the store's own item against the bulk loader's mirror of it ---
    const next = seededRandom(20261128);
    const probe = syntheticCustomer(0, next);
    await dynamoCustomerStore.upsert(probe);
    const stored = (
      await loader.send(
        new GetCommand({ TableName: customersTable, Key: customerProfileKey(probe.customerId) }),
      )
    ).Item as Record<string, unknown>;
    const mirrored = profileItem(probe);
    // maps come back from DynamoDB with their keys in another order: compare them sorted
    const canonical = (v: unknown): string =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? JSON.stringify(Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))))
        : JSON.stringify(v);
    const differing = [...new Set([...Object.keys(stored), ...Object.keys(mirrored)])].filter(
      (k) => canonical(stored[k]) !== canonical(mirrored[k]),
    );
    if (differing.length > 0) problems.push(`bulk item differs from the store's in: ${differing.join(', ')}`);

    // --- load ---
    const loadStarted = performance.now();
    const zones = new Set<string>([probe.timeZone]);
    const items: Record<string, unknown>[] = [];
    for (let i = 1; i < options.customers; i++) {
      const customer = syntheticCustomer(i, next);
      zones.add(customer.timeZone);
      items.push(profileItem(customer));
    }
    let written = 0;
    const counts: WriteCounts = { calls: 0, retries: 0 };
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
    const worker = async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await writeBatch(loader, customersTable, batch, counts);
        written += batch.length;
        if (written % 5000 < 25) options.progress(`care: loaded ${written} customers`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    await loader.send(
      new UpdateCommand({
        TableName: customersTable,
        Key: timeZonesKey,
        UpdateExpression: 'ADD zones :z',
        ExpressionAttributeValues: { ':z': zones },
      }),
    );
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    // --- plan one day's birthday campaign for Shanghai at its 09:00, then again ---
    const birthday = campaignById(campaignCatalog, 'birthday')!;
    const counter = attachReadCounter(dynamo());
    const rows: string[][] = [];
    // the day before first, on a cold DynamoDB Local (JIT, first transactions), then the day, then again
    const runs = [
      { label: `cold run, ${addDays(options.date, -1)}`, date: addDays(options.date, -1) },
      { label: `first run, ${options.date}`, date: options.date },
      { label: `rerun, ${options.date}`, date: options.date },
    ];
    for (const { label, date } of runs) {
      const occasion = { date, timeZone: 'Asia/Shanghai' };
      const at = instantIn(date, '09:00', occasion.timeZone);
      useClock({ now: () => at });
      options.progress(`care: planning (${label})`);
      counter.read = 0;
      counter.calls = {};
      counter.active = true;
      const started = performance.now();
      const report = await planCampaign(campaignCatalog, birthday, occasion, dynamoCampaignStore, at);
      const seconds = (performance.now() - started) / 1000;
      counter.active = false;
      const planned = report.newlyRecorded.planned ?? 0;
      const suppressed = Object.entries(report.newlyRecorded)
        .filter(([k]) => k !== 'planned')
        .reduce((n, [, v]) => n + v, 0);
      rows.push([
        label,
        String(report.audience),
        String(planned),
        String(suppressed),
        String(counter.read),
        report.audience ? (counter.read / report.audience).toFixed(2) : '-',
        `${(seconds * 1000).toFixed(0)} ms`,
        planned ? (planned / seconds).toFixed(0) : '-',
        Object.entries(counter.calls)
          .map(([op, n]) => `${op} ${n}`)
          .join(', '),
      ]);
    }
    options.progress('');
    return {
      lines: [
        heading(
          `Care planner: one day's birthday campaign, ${options.customers.toLocaleString('en')} customers`,
        ),
        `Loaded ${options.customers.toLocaleString('en')} customers (90% Asia/Shanghai, 10% Europe/London) in ${loadSeconds.toFixed(1)} s ` +
          `(BatchWriteItem, ${options.concurrency} in flight; item shape checked against dynamoCustomerStore.upsert: ${differing.length === 0 ? 'same' : 'DIFFERENT'}).`,
        `Planned at 09:00 Asia/Shanghai through planCampaign and dynamoCampaignStore; items read = ScannedCount of Query + items of Get/BatchGet, through the shared client.`,
        '',
        table(
          [
            { header: 'run' },
            { header: 'audience', align: 'right' },
            { header: 'planned', align: 'right' },
            { header: 'suppressed', align: 'right' },
            { header: 'items read', align: 'right' },
            { header: 'read/audience', align: 'right' },
            { header: 'time', align: 'right' },
            { header: 'planned/s', align: 'right' },
            { header: 'calls' },
          ],
          rows,
        ),
      ],
      problems,
      measured: true,
    };
  } finally {
    await local.stop();
  }
}
