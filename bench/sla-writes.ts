/**
 * The SLA write bench (part of `npm run bench -- sla`, in a process of its own): what the clocks
 * cost in DynamoDB write units per complaint, from intake to running clocks. DynamoDB Local in
 * memory with the real tables; N complaints filed through intake's own use case and store
 * (`fileComplaint`, `intakeDeps`), then the SLA use case with its real store (`trackComplaint`,
 * `slaDeps`) given what the queue would give it: `complaint.received`, `complaint.triaged`, then
 * the acknowledgement's `notification.sent`. `ReturnConsumedCapacity=INDEXES` on the shared
 * client (bench/dynamo-accounting.ts) sums the units DynamoDB Local reports, per phase.
 *
 * After every phase each complaint's item is read back and its customer deadline and queue order
 * compared with what its stored clocks say (`complaintUpdate`): writing less must never leave
 * status lookup, the queue or notify reading an old deadline.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/clients';
import { useClock } from '#shared/clock';
import { newId } from '#shared/ids';
import { complaintKey } from '#shared/tables/complaints';
import { intakeDeps } from '../services/intake/adapters/deps';
import { fileComplaint } from '../services/intake/domain/file-complaint';
import { slaDeps } from '../services/sla/adapters/deps';
import { complaintUpdate, type SlaTrigger, trackComplaint } from '../services/sla/domain/track-complaint';
import { intFromEnv, isEntry, progress, runBenchChild } from './console';
import { DynamoAccounting, isWriteOperation } from './dynamo-accounting';
import { startBenchDynamo, useBenchTables } from './dynamo-counting';
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
        await trackComplaint(
          triggers[phase](complaintId),
          { id: newId(), occurredAt: clock.now().toISOString(), correlationId: complaintId },
          { ...slaDeps, clock },
        );
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
    const columns: Column[] = [
      { header: 'event' },
      { header: 'write calls / complaint', align: 'right' },
      { header: 'items written / complaint', align: 'right' },
      { header: 'WCU / complaint', align: 'right' },
      { header: 'of which', align: 'left' },
    ];
    const rows = PHASES.map((phase) => {
      const p = perPhase(phase);
      return [
        phase,
        f2(p.calls),
        f2(p.items),
        f2(p.units),
        p.ops.map((s) => `${s.op} ${f2(s.units / filed.length)}`).join('; '),
      ];
    });
    const intakeToClocks = INTAKE_TO_CLOCKS.reduce((n, p) => n + perPhase(p).units, 0);
    const all = PHASES.reduce((n, p) => n + perPhase(p).units, 0);
    const intake = perPhase('intake');
    const lines = [
      heading(`SLA writes per complaint (${filed.length} complaints, default regime, DynamoDB Local)`),
      table(columns, rows),
      `intake-to-clocks (received + triaged): ${f2(intakeToClocks)} WCU per complaint (goal ≤ ${INTAKE_TO_CLOCKS_GOAL_WCU}): ${intakeToClocks <= INTAKE_TO_CLOCKS_GOAL_WCU ? 'met' : 'NOT met'}`,
      `with the acknowledgement: ${f2(all)} WCU per complaint; intake's own transaction for comparison: ${f2(intake.units)} WCU`,
      'WCU as DynamoDB Local reports them (ReturnConsumedCapacity=INDEXES): transactional writes at 2 per KB, index writes 1 per KB.',
      'Every complaint item was read back after each event: its customer deadline and queue order must equal its clocks.',
    ];
    return { lines, problems, measured: problems.length === 0, intakeToClocks };
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
