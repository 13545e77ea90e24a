/**
 * The SLA write bench (part of `npm run bench -- sla`, in a process of its own): what the clocks
 * cost in DynamoDB write units per complaint, from intake to running clocks. DynamoDB Local in
 * memory with the real tables; N complaints filed through intake's own use case and store
 * (`fileComplaint`, `intakeDeps`), then the SLA use case with its real store (`trackComplaint`,
 * `slaDeps`) given what the queue would give it: `complaint.received`, `complaint.triaged`, then
 * the acknowledgement's `notification.sent`. `ReturnConsumedCapacity=INDEXES` on the shared
 * client (bench/dynamo-accounting.ts) sums the units DynamoDB Local reports, per phase. DynamoDB
 * Local does not report what AWS bills (a transaction of nine items was reported as 14 units where
 * AWS bills 30), so the same writes are also priced by AWS's rules: each written item's partition
 * is read before and after the event, and every item written costs its larger size in started KB
 * (twice in a transaction), plus a write per GSI entry it adds, changes or removes (two when the
 * index key moves; every index projects ALL).
 *
 * After every phase each complaint's item is read back and its customer deadline and queue order
 * compared with what its stored clocks say (`complaintUpdate`): writing less must never leave
 * status lookup, the queue or notify reading an old deadline.
 */
import { type AttributeValue, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/clients';
import { useClock } from '#shared/clock';
import { tables } from '#shared/contracts/tables';
import { newId } from '#shared/ids';
import { complaintKey } from '#shared/tables/complaints';
import { intakeDeps } from '../services/intake/adapters/deps';
import { fileComplaint } from '../services/intake/domain/file-complaint';
import { slaDeps } from '../services/sla/adapters/deps';
import { complaintUpdate, type SlaTrigger, trackComplaint } from '../services/sla/domain/track-complaint';
import { intFromEnv, isEntry, progress, runBenchChild } from './console';
import { DynamoAccounting, isWriteOperation, itemSize, writeUnits } from './dynamo-accounting';
import { addCallMiddleware, startBenchDynamo, useBenchTables } from './dynamo-counting';
import { type Column, heading, table } from './format';

export const SLA_WRITES_RESULT_MARKER = 'SLA_WRITES_BENCH_RESULT ';

/** Issue 16: intake-to-clocks (receipt and triage) at most 12 write units per complaint. */
export const INTAKE_TO_CLOCKS_GOAL_WCU = 12;

const PHASES = ['received', 'triaged', 'acknowledged'] as const;
type Phase = (typeof PHASES)[number];
const INTAKE_TO_CLOCKS: readonly Phase[] = ['received', 'triaged'];

class SteppingClock {
  #now = new Date('2026-06-01T01:00:00.000Z'); // a Monday, 09:00 in Shanghai
  now() {
    return new Date(this.#now);
  }
  advance(ms: number) {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

const f2 = (v: number) => v.toFixed(2);

type StoredItem = Record<string, AttributeValue>;

/** Keys of the items one write call touches, and whether it is a transaction. */
function writtenKeys(commandName: string, input: Record<string, unknown>) {
  type Keyed = { Key?: Record<string, unknown>; Item?: Record<string, unknown> };
  const keyOf = (w: Keyed) => `${String((w.Key ?? w.Item)?.pk)}\u0000${String((w.Key ?? w.Item)?.sk)}`;
  if (commandName === 'TransactWriteItemsCommand') {
    const items = (input.TransactItems as Record<string, Keyed>[]) ?? [];
    return { transactional: true, keys: items.map((i) => keyOf(Object.values(i)[0]!)) };
  }
  if (/^(Put|Update|Delete)(Item)?Command$/.test(commandName))
    return { transactional: false, keys: [keyOf(input as Keyed)] };
  return undefined;
}

/**
 * What AWS bills for writing `before` into `after` (either absent): the larger item in started KB,
 * doubled in a transaction, and per GSI (projection ALL) one write of the entry added, changed or
 * removed, two when its key moved.
 */
function billedWrite(before: StoredItem | undefined, after: StoredItem | undefined, transactional: boolean) {
  const size = (item: StoredItem | undefined) => (item ? itemSize(item) : 0);
  const table = writeUnits(Math.max(size(before), size(after)), transactional);
  let index = 0;
  const same = JSON.stringify(before) === JSON.stringify(after);
  for (const { partitionKey, sortKey } of tables.Complaints.indexes) {
    const keyIn = (item: StoredItem | undefined) =>
      item?.[partitionKey] && (!sortKey || item[sortKey])
        ? `${item[partitionKey]!.S}\u0000${sortKey ? item[sortKey]!.S : ''}`
        : undefined;
    const was = keyIn(before);
    const is = keyIn(after);
    if (was && is && was === is) index += same ? 0 : writeUnits(size(after), false);
    else {
      if (was) index += writeUnits(size(before), false);
      if (is) index += writeUnits(size(after), false);
    }
  }
  return { table, index };
}

export async function runSlaWritesBench(options: { complaints: number }) {
  const problems: string[] = [];
  const bench = await startBenchDynamo();
  try {
    const { names } = await useBenchTables(bench);
    process.env.COMPANY_TIME_ZONE ??= 'Asia/Shanghai';
    const clock = new SteppingClock();
    useClock(clock);
    const accounting = new DynamoAccounting(names, () => 'sla');
    accounting.attach(dynamo());
    // the items each SLA write touches, for pricing them by AWS's rules
    let writes: { transactional: boolean; keys: string[] }[] | undefined;
    addCallMiddleware(dynamo(), 'benchSlaWrittenKeys', (next, context) => async (args) => {
      const touched = writes && writtenKeys(context.commandName ?? '', args.input as Record<string, unknown>);
      if (touched) writes!.push(touched);
      return next(args);
    });
    const partition = async (complaintId: string) => {
      const items = new Map<string, StoredItem>();
      let ExclusiveStartKey: StoredItem | undefined;
      do {
        const page = await bench.admin.send(
          new QueryCommand({
            TableName: names.Complaints,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': { S: complaintKey(complaintId).pk } },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        for (const item of page.Items ?? []) items.set(`${item.pk!.S}\u0000${item.sk!.S}`, item);
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return items;
    };
    const billed = new Map<Phase, { table: number; index: number }>(
      PHASES.map((p) => [p, { table: 0, index: 0 }]),
    );

    const filed: { complaintId: string }[] = [];
    accounting.phase = 'intake';
    for (let n = 0; n < options.complaints; n++) {
      progress(`sla writes: filing ${n + 1}/${options.complaints}`);
      const { filed: f } = await fileComplaint(
        {
          channel: 'web',
          correlationId: newId(),
          request: {
            customer: { name: `SLA Bench ${n}`, phone: `139${String(n).padStart(8, '0')}` },
            description: `The claim for policy ${n} was not paid after six weeks; nobody called back.`,
            preferredChannel: 'sms',
            consent: { dataProcessing: true },
          },
        } as Parameters<typeof fileComplaint>[0],
        { ...intakeDeps, clock },
      );
      filed.push(f);
      clock.advance(1_000);
    }
    const triggers: Record<Phase, (complaintId: string) => SlaTrigger> = {
      received: (complaintId) => ({ kind: 'received', complaintId, hardship: false }),
      triaged: (complaintId) => ({ kind: 'triaged', complaintId, priority: 'P3', hardship: false }),
      acknowledged: (complaintId) => ({ kind: 'acknowledged', complaintId }),
    };
    for (const phase of PHASES) {
      accounting.phase = phase;
      for (const [n, { complaintId }] of filed.entries()) {
        progress(`sla writes: ${phase} ${n + 1}/${filed.length}`);
        const before = await partition(complaintId);
        writes = [];
        await trackComplaint(
          triggers[phase](complaintId),
          { id: newId(), occurredAt: clock.now().toISOString(), correlationId: complaintId },
          { ...slaDeps, clock },
        );
        const made = writes;
        writes = undefined;
        const after = await partition(complaintId);
        const sum = billed.get(phase)!;
        for (const { transactional, keys } of made)
          for (const key of keys) {
            // an outbox item sits in a partition of its own: read it by its key
            const [pk, sk] = key.split('\u0000');
            const elsewhere =
              pk === complaintKey(complaintId).pk
                ? undefined
                : (
                    await bench.admin.send(
                      new GetItemCommand({
                        TableName: names.Complaints,
                        Key: { pk: { S: pk! }, sk: { S: sk! } },
                        ConsistentRead: true,
                      }),
                    )
                  ).Item;
            const units = billedWrite(before.get(key), after.get(key) ?? elsewhere, transactional);
            sum.table += units.table;
            sum.index += units.index;
          }
      }
      clock.advance(60_000);
      accounting.phase = `check ${phase}`;
      let stale = 0;
      for (const { complaintId } of filed) {
        const expected = complaintUpdate(await slaDeps.store.clocks(complaintId), []);
        const item = (
          await dynamo().send(
            new GetCommand({
              TableName: names.Complaints,
              Key: complaintKey(complaintId),
              ConsistentRead: true,
            }),
          )
        ).Item;
        const order = `${expected.queueDueAt ?? '9999-12-31T23:59:59.999Z'}#${complaintId}`;
        if (
          JSON.stringify(item?.customerDeadline ?? null) !== JSON.stringify(expected.customerDeadline) ||
          item?.gsi1sk !== order
        )
          stale++;
      }
      if (stale > 0)
        problems.push(
          `after ${phase}: ${stale} complaint item(s) disagree with their clocks (deadline or queue order)`,
        );
    }
    progress('');

    const perPhase = (phase: string) => {
      const ops = accounting.operations(phase).filter((s) => isWriteOperation(s.op));
      const per = (v: number) => v / filed.length;
      return {
        units: per(ops.reduce((n, s) => n + s.units, 0)),
        calls: per(ops.reduce((n, s) => n + s.calls, 0)),
        items: per(ops.reduce((n, s) => n + s.keys, 0)),
        ops,
        reported: ops.every((s) => s.reported === s.calls - s.failures),
      };
    };
    if (!PHASES.every((p) => perPhase(p).reported))
      problems.push(
        'DynamoDB Local did not report ConsumedCapacity on every write: the units are incomplete',
      );
    const aws = (phase: Phase) => {
      const b = billed.get(phase)!;
      return { table: b.table / filed.length, index: b.index / filed.length };
    };
    const awsUnits = (phase: Phase) => aws(phase).table + aws(phase).index;
    const columns: Column[] = [
      { header: 'event' },
      { header: 'write calls / complaint', align: 'right' },
      { header: 'items written / complaint', align: 'right' },
      { header: 'WCU / complaint (DynamoDB Local)', align: 'right' },
      { header: 'of which', align: 'left' },
      { header: 'WCU / complaint (AWS rules)', align: 'right' },
      { header: 'table + index', align: 'right' },
    ];
    const rows = PHASES.map((phase) => {
      const p = perPhase(phase);
      return [
        phase,
        f2(p.calls),
        f2(p.items),
        f2(p.units),
        p.ops.map((s) => `${s.op} ${f2(s.units / filed.length)}`).join('; '),
        f2(awsUnits(phase)),
        `${f2(aws(phase).table)} + ${f2(aws(phase).index)}`,
      ];
    });
    const intakeToClocks = INTAKE_TO_CLOCKS.reduce((n, p) => n + perPhase(p).units, 0);
    const intakeToClocksAws = INTAKE_TO_CLOCKS.reduce((n, p) => n + awsUnits(p), 0);
    const all = PHASES.reduce((n, p) => n + perPhase(p).units, 0);
    const allAws = PHASES.reduce((n, p) => n + awsUnits(p), 0);
    const intake = perPhase('intake');
    const verdict = (units: number) =>
      `${f2(units)} WCU per complaint (goal ≤ ${INTAKE_TO_CLOCKS_GOAL_WCU}): ${units <= INTAKE_TO_CLOCKS_GOAL_WCU ? 'met' : 'NOT met'}`;
    const lines = [
      heading(`SLA writes per complaint (${filed.length} complaints, default regime, DynamoDB Local)`),
      table(columns, rows),
      `intake-to-clocks (received + triaged), as DynamoDB Local reports: ${verdict(intakeToClocks)}`,
      `intake-to-clocks (received + triaged), by AWS's billing rules: ${verdict(intakeToClocksAws)}`,
      `with the acknowledgement: ${f2(all)} WCU (DynamoDB Local), ${f2(allAws)} WCU (AWS rules) per complaint; intake's own transaction for comparison: ${f2(intake.units)} WCU (DynamoDB Local)`,
      'DynamoDB Local: ConsumedCapacity (ReturnConsumedCapacity=INDEXES) as the emulator reports it, which is not what AWS bills.',
      'AWS rules: each item written costs its larger size (before, after) in started KB, twice in a transaction, plus one',
      'write per GSI entry added, changed or removed (two when its key moves; every index projects ALL).',
      'Every complaint item was read back after each event: its customer deadline and queue order must equal its clocks.',
    ];
    return { lines, problems, measured: problems.length === 0, intakeToClocks, intakeToClocksAws };
  } finally {
    await bench.stop();
  }
}

if (isEntry(import.meta.url)) {
  await runBenchChild(SLA_WRITES_RESULT_MARKER, 'SLA writes', async () => {
    const { lines, problems, measured } = await runSlaWritesBench({
      complaints: Math.max(1, intFromEnv('BENCH_SLA_WRITES_COMPLAINTS', 200)),
    });
    return { lines, problems, measured };
  });
}
