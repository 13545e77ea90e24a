import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/clients';
import { useClock } from '#shared/clock';
import type { Complaint } from '#shared/contracts/complaint';
import type { Priority, Team } from '#shared/contracts/vocabulary';
import { newId } from '#shared/ids';
import {
  complaintKey,
  customerHistoryKey,
  dueTimerPartition,
  sweepCheckpointKey,
  teamQueuePartition,
} from '#shared/tables/complaints';
import { seededRandom } from '../infra/local/demo-data';
import { newReference } from '../services/intake/domain/reference';
import { slaDeps } from '../services/sla/adapters/deps';
import { clockItem } from '../services/sla/adapters/dynamo-sla-store';
import { type SlaClock, startClock } from '../services/sla/domain/clock';
import type { RegimeId } from '../services/sla/domain/policy';
import { sweepTimers } from '../services/sla/domain/sweep';
import { timersOf } from '../services/sla/domain/timers';
import {
  type ComplaintFacts,
  complaintUpdate,
  type SlaDeps,
  type SlaStore,
} from '../services/sla/domain/track-complaint';
import {
  addCallMiddleware,
  itemsOfCall,
  startBenchDynamo,
  useBenchTables,
  type WriteCounts,
  writeBatch,
} from './dynamo-counting';
import { heading, median, ms, table } from './format';

export interface SlaCaseOptions {
  /** Open complaints in the table. */
  readonly open: number;
  /** Timed sweeps (each with 10 fresh due timers), after `warmups` untimed ones. */
  readonly rounds: number;
  readonly warmups: number;
  /** BatchWriteItem calls in flight while loading. */
  readonly concurrency: number;
  /**
   * BatchWriteItem calls DynamoDB Local serves before the sweeps at the least: a small load is
   * topped up by writing its first items again, unchanged, so the JVM is as warm as after a large one.
   */
  readonly jvmWarmupCalls: number;
  readonly progress: (text: string) => void;
}

export interface OpStats {
  calls: number;
  /** Items DynamoDB read: ScannedCount of a Query/Scan, found items of a Get/BatchGet. */
  read: number;
  /** Items returned (Count of a Query). */
  returned: number;
  /** ConsumedCapacity.CapacityUnits, as DynamoDB Local reports it. */
  units: number;
  /** Wall time of the calls through the shared client. */
  ms: number;
}

export interface SweepResult {
  readonly kind: 'warm-up' | 'steady' | 'first';
  readonly at: string;
  readonly due: number;
  readonly fired: number;
  readonly stale: number;
  readonly ms: number;
  /** Of `ms`, the store's dueTimers (checkpoint Get and bucket queries). */
  readonly dueTimersMs: number;
  /** By call: `GetItem CHECKPOINT`, `Query.gsi3 TIMER#<hour>`, `TransactWriteItems` ... */
  readonly ops: Record<string, OpStats>;
}

export interface SlaCaseResult {
  readonly open: number;
  readonly tableItems?: number;
  readonly timerItems?: number;
  readonly load: { items: number; calls: number; retries: number; seconds: number };
  /** The unchanged re-writes that warmed DynamoDB Local's JVM up after a small load. */
  readonly jvmWarmup: { calls: number; seconds: number };
  readonly sweeps: SweepResult[];
  readonly problems: string[];
}

/** Timers due at each sweep: the acceptance. */
export const DUE_PER_SWEEP = 10;
/** The bench's reading of the acceptance's "ratio near 1" for the sweep time. */
const TIME_RATIO_NEAR_1 = 1.5;
const ITEMS_PER_COMPLAINT = 2;
const BATCH = 25;
/** The JVM warm-up writes these first batches of the load again (5,000 items). */
const REPLAY_BATCHES = 200;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * The due complaints: received on a Tuesday morning in Shanghai, 2 minutes apart from one sweep's
 * ten to the next, so the sweeps fall a minute apart, as the schedule runs them, from 20:15 UTC on.
 */
const DUE_BASE = Date.parse('2026-03-10T00:30:00Z');
const DUE_ROUND_SPACING = 2 * MINUTE;
const TIME_ZONE = 'Asia/Shanghai';
/** Background receipts: the week before the sweeps, so no timer of theirs falls due in them. */
const BACKGROUND_SPAN = 7 * DAY;
const SEED = 20260310;
/** Open complaints are somewhere in their work: statuses with a running resolve clock. */
const STATUSES = ['triaged', 'assigned', 'in-progress'] as const;
const PRIORITIES: readonly Priority[] = ['P2', 'P3', 'P3', 'P4'];
const TEAMS: readonly Team[] = ['claims', 'customer-service', 'policy-services', 'sales-compliance'];
const REGIMES: readonly RegimeId[] = ['cn-nfra', 'cn-nfra', 'uk-fca', 'au-asic'];

/** The most due complaints a case needs: its sweeps × 10, plus the probe and its twin. */
export const minimumOpen = (rounds: number, warmups: number) => (warmups + rounds + 1) * DUE_PER_SWEEP + 2;

// --- mirror of what services/sla/adapters/dynamo-sla-store.ts writes besides clocks; keys from the table module ---
const hourOf = (instant: Date) => instant.toISOString().slice(0, 13);
const CHECKPOINT = sweepCheckpointKey;

interface OpenComplaint {
  readonly facts: ComplaintFacts;
  readonly item: Record<string, unknown>;
  readonly clock: SlaClock;
}

/** One open complaint with a running resolve clock started at its receipt (the `received` plan). */
function openComplaint(receivedAt: Date, regimeId: RegimeId, random: () => number): OpenComplaint {
  const complaintId = newId();
  const regime = slaDeps.policy.regimes[regimeId]!;
  const rule = regime.clocks.resolve!;
  const clock = startClock({
    complaintId,
    name: 'resolve',
    regime: regimeId,
    rule,
    at: receivedAt,
    reason: `received; ${rule.rule}`,
    calendar: slaDeps.calendarFor(regime),
  });
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const team = pick(TEAMS);
  const priority = pick(PRIORITIES);
  const phone = `138${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  const complaint: Complaint = {
    complaintId,
    reference: newReference(receivedAt, TIME_ZONE),
    status: pick(STATUSES),
    channel: 'web',
    receivedAt: receivedAt.toISOString(),
    correlationId: complaintId,
    customer: { name: '测试客户', phone },
    customerKey: `phone:${phone}`,
    description: '理赔申请提交两周了还没有处理，请尽快办理。',
    preferredChannel: 'sms',
    language: 'zh-CN',
    category: 'claims',
    priority,
    team,
    assignee: `agent-${Math.floor(random() * 200)}`,
    version: 3,
  };
  const update = complaintUpdate([], [clock]);
  return {
    facts: {
      complaintId,
      reference: complaint.reference,
      receivedAt: complaint.receivedAt,
      status: complaint.status,
      priority,
      team,
      assignee: complaint.assignee,
    },
    // the intake item, the team queue of triage and the deadlines the SLA service keeps on it
    item: {
      ...complaintKey(complaintId),
      ...customerHistoryKey(complaint.customerKey, complaint.receivedAt, complaintId),
      kind: 'complaint',
      ...complaint,
      gsi1pk: teamQueuePartition(team),
      gsi1sk: `${update.queueDueAt ?? '9999-12-31T23:59:59.999Z'}#${complaintId}`,
      customerDeadline: update.customerDeadline ?? undefined,
    },
    clock,
  };
}

// --- counting what the sweep reads ---

/** A queried partition as the report names it: one complaint's or one hour's, not each id. */
function partitionLabel(partition: string): string {
  if (partition.startsWith(complaintKey('').pk)) return complaintKey('<id>').pk;
  if (partition.startsWith(dueTimerPartition(''))) return dueTimerPartition('<hour>');
  return partition;
}

const READ_OPS = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);
const normalise = (commandName: string) =>
  commandName
    .replace(/Command$/, '')
    .replace(/^(Get|Put|Delete|Update)$/, '$1Item')
    .replace(/^(BatchGet|BatchWrite)$/, '$1Item')
    .replace(/^(TransactGet|TransactWrite)$/, '$1Items');
/** A string attribute value, marshalled or not. */
const text = (value: unknown) =>
  typeof value === 'object' && value !== null && 'S' in value ? String(value.S) : String(value ?? '');

class ReadCounter {
  active = false;
  ops: Record<string, OpStats> = {};

  attach(client: { middlewareStack: unknown }): void {
    addCallMiddleware(client, 'benchSlaReadCounter', (next, context) => async (args) => {
      if (!this.active) return next(args);
      const op = normalise(context.commandName ?? 'Unknown');
      const input: Record<string, unknown> = {
        ...(args.input as Record<string, unknown>),
        ReturnConsumedCapacity: 'INDEXES',
      };
      const index = input.IndexName ? `.${String(input.IndexName)}` : '';
      const sk = text((input.Key as { sk?: unknown } | undefined)?.sk);
      const first = text(Object.values((input.ExpressionAttributeValues as object | undefined) ?? {})[0]);
      const what =
        op === 'Query'
          ? `Query${index} ${partitionLabel(first)}`
          : `${op} ${sk === complaintKey('').sk ? complaintKey('<id>').pk : sk}`.trim();
      const stats = this.ops[what] ?? { calls: 0, read: 0, returned: 0, units: 0, ms: 0 };
      this.ops[what] = stats;
      stats.calls++;
      const started = performance.now();
      const result = await next({ ...args, input });
      stats.ms += performance.now() - started;
      const items = itemsOfCall(op, result.output);
      stats.read += items.read;
      stats.returned += items.returned;
      const capacity = (
        result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }
      ).ConsumedCapacity;
      for (const c of capacity === undefined ? [] : Array.isArray(capacity) ? capacity : [capacity])
        stats.units += c.CapacityUnits ?? 0;
      return result;
    });
  }
}

/** A prepared case: its sweeps run one at a time when asked, so two cases can take turns. */
export interface SlaCaseSession {
  /** Sweeps planned: warm-ups, timed steady-state ones, and the first sweep last. */
  readonly sweeps: number;
  sweep(round: number): Promise<void>;
  /** Stops DynamoDB Local and returns everything measured. */
  finish(): Promise<SlaCaseResult>;
}

/**
 * One case: DynamoDB Local with `open` open complaints, loaded and warmed up, ready to sweep. Once
 * per process: the shared client keeps the endpoint of the first DynamoDB Local.
 */
export async function prepareSlaCase(options: SlaCaseOptions): Promise<SlaCaseSession> {
  const { open, rounds, warmups, concurrency, jvmWarmupCalls, progress } = options;
  const problems: string[] = [];
  const sweepsPlanned = warmups + rounds + 1;
  if (open < minimumOpen(rounds, warmups))
    throw new Error(`need at least ${minimumOpen(rounds, warmups)} open complaints, not ${open}`);

  // --- the due complaints of every sweep and the sweep instants they decide ---
  const random = seededRandom(SEED);
  // ids are ULIDs of the process clock: give them the receipt instant, as intake would
  let loadNow = new Date(DUE_BASE);
  useClock({ now: () => loadNow });
  const dueRounds: { complaints: OpenComplaint[]; at: Date }[] = [];
  for (let r = 0; r < sweepsPlanned; r++) {
    const complaints: OpenComplaint[] = [];
    for (let i = 0; i < DUE_PER_SWEEP; i++) {
      loadNow = new Date(DUE_BASE + r * DUE_ROUND_SPACING + i * 1000);
      complaints.push(openComplaint(loadNow, 'cn-nfra', random));
    }
    // each due complaint's first timer (0.5) falls due in this sweep, which runs a second after the last
    const firstTimers = complaints.map((c) => timersOf(c.clock, slaDeps.policy)[0]!.at.getTime());
    dueRounds.push({ complaints, at: new Date(Math.max(...firstTimers) + 1000) });
    if (r > 0 && Math.min(...firstTimers) <= dueRounds[r - 1]!.at.getTime())
      problems.push(`sweep ${r}: its due timers are not all after the previous sweep`);
  }
  const firstSweep = dueRounds[0]!.at.getTime();
  const lastSweep = dueRounds.at(-1)!.at.getTime();
  // the load happens an hour before the first sweep: every timer is still in the future then
  const loadInstant = new Date(firstSweep - HOUR);

  // --- DynamoDB Local in memory with the real tables; the shared client points at it ---
  progress(`sla ${open}: starting DynamoDB Local`);
  const local = await startBenchDynamo();
  const { admin, stop } = local;
  try {
    const { names, loader } = await useBenchTables(local);
    const tableName = names.Complaints!;
    const counter = new ReadCounter();
    counter.attach(dynamo());
    const store = slaDeps.store;
    let dueTimersMs = 0;
    const timedStore: SlaStore = {
      ...store,
      async dueTimers(now) {
        const started = performance.now();
        try {
          return await store.dueTimers(now);
        } finally {
          dueTimersMs += performance.now() - started;
        }
      },
    };

    // --- the load: background complaints (one of them the twin of the probe), then the due ones ---
    let background = 0;
    let earlyTimers = 0;
    let twin: OpenComplaint | undefined;
    const backgroundCount = open - sweepsPlanned * DUE_PER_SWEEP - 1; // the probe is the last one
    const items = (function* (): Generator<Record<string, unknown>> {
      for (; background < backgroundCount; background++) {
        loadNow = new Date(
          lastSweep - BACKGROUND_SPAN + random() * (firstSweep - HOUR - (lastSweep - BACKGROUND_SPAN)),
        );
        const made = openComplaint(loadNow, REGIMES[background % REGIMES.length]!, random);
        twin ??= made;
        if (timersOf(made.clock, slaDeps.policy).some((t) => t.at.getTime() <= lastSweep)) earlyTimers++;
        yield made.item;
        yield clockItem(made.clock, slaDeps.policy, loadInstant);
      }
      for (const round of dueRounds)
        for (const made of round.complaints) {
          yield made.item;
          yield clockItem(made.clock, slaDeps.policy, loadInstant);
        }
    })();
    const expected = (open - 1) * ITEMS_PER_COMPLAINT;
    let written = 0;
    const counts: WriteCounts = { calls: 0, retries: 0 };
    const write = (batch: readonly Record<string, unknown>[]) => writeBatch(loader, tableName, batch, counts);
    // the first batches are kept for the JVM warm-up
    const replay: Record<string, unknown>[][] = [];
    const loadStarted = performance.now();
    const worker = async () => {
      for (;;) {
        const batch: Record<string, unknown>[] = [];
        for (let next = items.next(); !next.done; next = items.next()) {
          batch.push(next.value);
          if (batch.length === BATCH) break;
        }
        if (batch.length === 0) return;
        if (replay.length < REPLAY_BATCHES) replay.push(batch);
        await write(batch);
        written += batch.length;
        if (counts.calls % 100 === 0)
          progress(
            `sla ${open}: loading ${written}/${expected} items, ${((performance.now() - loadStarted) / 1000).toFixed(0)} s`,
          );
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const loadCalls = counts.calls;

    // --- the JVM warm-up: the first batches again, unchanged, until DynamoDB Local served enough ---
    const warmupStarted = performance.now();
    let next = 0;
    const rewriter = async () => {
      while (counts.calls < jvmWarmupCalls) {
        await write(replay[next++ % replay.length]!);
        if (counts.calls % 100 === 0)
          progress(`sla ${open}: JVM warm-up ${counts.calls}/${jvmWarmupCalls} calls`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, rewriter));
    const jvmWarmup = {
      calls: counts.calls - loadCalls,
      seconds: (performance.now() - warmupStarted) / 1000,
    };
    if (earlyTimers > 0)
      problems.push(`${earlyTimers} background complaint(s) had a timer due before the last sweep`);

    // --- the probe: the twin's clock under another id, saved by the adapter itself ---
    const mismatch = await probeCheck(loader, tableName, twin!, loadInstant, random, (instant) => {
      loadNow = instant;
    });
    if (mismatch) problems.push(mismatch);
    const described = await admin.send(new DescribeTableCommand({ TableName: tableName }));

    // --- the sweeps, one at a time as the coordinator asks ---
    const sweeps: SweepResult[] = [];
    const sweep = async (r: number) => {
      const { at } = dueRounds[r]!;
      const kind = r < warmups ? 'warm-up' : r < warmups + rounds ? 'steady' : 'first';
      progress(`sla ${open}: sweep ${r + 1}/${sweepsPlanned} (${kind})`);
      // steady state: the sweep of the minute before left its checkpoint; a first sweep finds none
      if (kind === 'first') await loader.send(new DeleteCommand({ TableName: tableName, Key: CHECKPOINT }));
      else
        await loader.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...CHECKPOINT, hour: hourOf(new Date(at.getTime() - MINUTE)) },
          }),
        );
      const fixed = { now: () => at };
      useClock(fixed);
      const deps: SlaDeps = { ...slaDeps, store: timedStore, clock: fixed };
      counter.ops = {};
      dueTimersMs = 0;
      counter.active = true;
      const started = performance.now();
      const report = await sweepTimers(deps);
      const elapsed = performance.now() - started;
      counter.active = false;
      sweeps.push({ kind, at: at.toISOString(), ...report, ms: elapsed, dueTimersMs, ops: counter.ops });
      if (report.due !== DUE_PER_SWEEP || report.fired !== DUE_PER_SWEEP)
        problems.push(
          `sweep at ${at.toISOString()}: ${report.due} due, ${report.fired} fired, ${report.stale} stale (expected ${DUE_PER_SWEEP} due and fired)`,
        );
    };
    progress('');
    return {
      sweeps: sweepsPlanned,
      sweep,
      async finish() {
        await stop();
        return {
          open,
          tableItems: described.Table?.ItemCount,
          timerItems: described.Table?.GlobalSecondaryIndexes?.find((i) => i.IndexName === 'gsi3')?.ItemCount,
          load: { items: written, calls: loadCalls, retries: counts.retries, seconds: loadSeconds },
          jvmWarmup,
          sweeps,
          problems: problems.map((p) => `open=${open}: ${p}`),
        };
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Saves a probe complaint through the adapter (`save` of dynamo-sla-store) with the clock of
 * `twin` under the probe's id and compares the stored items with the twin's mirrored ones;
 * a description of the difference, or undefined when they are equal.
 */
async function probeCheck(
  loader: DynamoDBDocumentClient,
  tableName: string,
  twin: OpenComplaint,
  loadInstant: Date,
  random: () => number,
  setNow: (instant: Date) => void,
): Promise<string | undefined> {
  setNow(new Date(twin.facts.receivedAt));
  const probe = openComplaint(new Date(twin.facts.receivedAt), twin.clock.regime, random);
  const probeClock: SlaClock = { ...twin.clock, complaintId: probe.facts.complaintId };
  setNow(loadInstant);
  await loader.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...probe.item, gsi1sk: undefined, customerDeadline: undefined },
    }),
  );
  const saved = await slaDeps.store.save(
    probe.facts,
    [{ clock: probeClock }],
    [],
    complaintUpdate([], [probeClock]),
  );
  if (!saved) return 'the adapter refused to save the probe clock';
  const partition = async (id: string) =>
    (
      await loader.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': complaintKey(id).pk },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  // the clock whole; of the complaint, what the store's save sets on it
  const view = (items: Record<string, unknown>[], id: string) =>
    items
      .map((item) =>
        item.sk === complaintKey(id).sk
          ? { sk: item.sk, gsi1sk: item.gsi1sk, customerDeadline: item.customerDeadline }
          : item,
      )
      .map((item) => JSON.stringify(item, Object.keys(item).sort()).replaceAll(id, '<id>'))
      .sort();
  const mine = view(await partition(twin.facts.complaintId), twin.facts.complaintId);
  const theirs = view(await partition(probe.facts.complaintId), probe.facts.complaintId);
  if (JSON.stringify(mine) === JSON.stringify(theirs)) return undefined;
  return `the bench's items differ from the adapter's:\n    bench:   ${mine.join('\n             ')}\n    adapter: ${theirs.join('\n             ')}`;
}

// --- the report over both cases ---

const isRead = (what: string) => READ_OPS.has(what.split(/[ .]/)[0]!);
const total = (s: SweepResult, pick: (what: string, o: OpStats) => number) =>
  Object.entries(s.ops).reduce((n, [what, o]) => n + pick(what, o), 0);
const itemsRead = (s: SweepResult) => total(s, (what, o) => (isRead(what) ? o.read : 0));
const readUnits = (s: SweepResult) => total(s, (what, o) => (isRead(what) ? o.units : 0));
const writeUnits = (s: SweepResult) => total(s, (what, o) => (isRead(what) ? 0 : o.units));
const callsOf = (s: SweepResult, prefix: string) =>
  total(s, (what, o) => (what.startsWith(prefix) ? o.calls : 0));
const readOf = (s: SweepResult, prefix: string) =>
  total(s, (what, o) => (what.startsWith(prefix) ? o.read : 0));
const units = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** A value that should be the same in every sweep: shown once, or as its range when it is not. */
function same(values: readonly number[], format: (n: number) => string = String): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? format(lo) : `${format(lo)}-${format(hi)}`;
}

export function slaReport(
  cases: readonly SlaCaseResult[],
  settings: { rounds: number; warmups: number; concurrency: number; jvmWarmupCalls: number },
): string[] {
  const small = cases[0]!;
  const large = cases.at(-1)!;
  const of = (c: SlaCaseResult, kind: SweepResult['kind']) => c.sweeps.filter((s) => s.kind === kind);
  const sweepAt = cases.flatMap((c) => c.sweeps.map((s) => s.at)).sort();
  const lines = [
    heading('SLA sweep: items read and time against the number of open complaints'),
    'Each case in its own process and DynamoDB Local (in memory, tables from createTables), loaded one after the',
    'other, then sweeping in turns. An open complaint is a complaint item and its running resolve clock, which',
    `carries its next timer (0.5) on gsi3. Sweeps a minute apart with a fixed clock at ${sweepAt[0] ?? '?'} ..`,
    `${sweepAt.at(-1) ?? '?'}, ${DUE_PER_SWEEP} timers due at each; every other timer falls due 0.5-56 days after the last`,
    `sweep. Per case: ${settings.warmups} warm-up sweeps, ${settings.rounds} timed steady-state sweeps, 1 first sweep (no checkpoint).`,
    '',
    `Load (BatchWriteItem, ${BATCH} items a call, ${settings.concurrency} calls in flight; then the probe, saved by the adapter)`,
    table(
      [
        { header: 'open complaints', align: 'right' },
        { header: 'items', align: 'right' },
        { header: 'table items', align: 'right' },
        { header: 'gsi3 entries', align: 'right' },
        { header: 'calls', align: 'right' },
        { header: 'retries', align: 'right' },
        { header: 'load s', align: 'right' },
        { header: 'items/s', align: 'right' },
        { header: 'JVM warm-up calls', align: 'right' },
        { header: 'warm-up s', align: 'right' },
      ],
      cases.map((c) => [
        String(c.open),
        String(c.load.items),
        String(c.tableItems ?? '?'),
        String(c.timerItems ?? '?'),
        String(c.load.calls),
        String(c.load.retries),
        c.load.seconds.toFixed(1),
        (c.load.items / c.load.seconds).toFixed(0),
        String(c.jvmWarmup.calls),
        c.jvmWarmup.seconds.toFixed(1),
      ]),
    ),
  ];

  const rows = (['steady', 'first'] as const).flatMap((kind) =>
    cases.map((c) => {
      const list = of(c, kind);
      if (list.length === 0) return [String(c.open), kind, '0'];
      return [
        String(c.open),
        kind,
        String(list.length),
        same(list.map((s) => s.due)),
        same(list.map((s) => s.fired)),
        same(list.map(itemsRead)),
        `${same(list.map((s) => callsOf(s, 'Query.gsi3')))} (${same(list.map((s) => readOf(s, 'Query.gsi3')))})`,
        `${same(list.map((s) => callsOf(s, 'GetItem')))} (${same(list.map((s) => readOf(s, 'GetItem')))})`,
        `${same(list.map((s) => callsOf(s, 'Query COMPLAINT')))} (${same(list.map((s) => readOf(s, 'Query COMPLAINT')))})`,
        same(list.map(readUnits), units),
        same(list.map(writeUnits), units),
        ms(median(list.map((s) => s.ms))),
        `${ms(Math.min(...list.map((s) => s.ms)))}-${ms(Math.max(...list.map((s) => s.ms)))}`,
        ms(median(list.map((s) => s.dueTimersMs))),
      ];
    }),
  );
  lines.push(
    '',
    'Sweeps (sweepTimers with the real store on the shared client, fixed clock at the sweep instant)',
    table(
      [
        { header: 'open complaints', align: 'right' },
        { header: 'sweep' },
        { header: 'n', align: 'right' },
        { header: 'timers due', align: 'right' },
        { header: 'fired', align: 'right' },
        { header: 'items read', align: 'right' },
        { header: 'bucket queries (items)', align: 'right' },
        { header: 'gets (items)', align: 'right' },
        { header: 'clock queries (items)', align: 'right' },
        { header: 'RCU', align: 'right' },
        { header: 'WCU', align: 'right' },
        { header: 'sweep ms p50', align: 'right' },
        { header: 'min-max', align: 'right' },
        { header: 'dueTimers ms p50', align: 'right' },
      ],
      rows,
    ),
  );

  if (cases.length >= 2) {
    const ratioRows = (['steady', 'first'] as const).map((kind) => {
      const ratio = (f: (s: SweepResult) => number) =>
        median(of(large, kind).map(f)) / median(of(small, kind).map(f));
      const items = ratio(itemsRead);
      const time = ratio((s) => s.ms);
      const fastest = (c: SlaCaseResult) => Math.min(...of(c, kind).map((s) => s.ms));
      return [
        kind,
        `${(large.open / small.open).toFixed(large.open / small.open >= 10 ? 0 : 1)}x`,
        `${items.toFixed(2)}x`,
        `${ratio(readUnits).toFixed(2)}x`,
        `${time.toFixed(2)}x`,
        `${(fastest(large) / fastest(small)).toFixed(2)}x`,
        `${ratio((s) => s.dueTimersMs).toFixed(2)}x`,
        items === 1 && time <= TIME_RATIO_NEAR_1 ? 'PASS' : 'OVER',
      ];
    });
    lines.push(
      '',
      `Ratio ${large.open} / ${small.open} open complaints (acceptance: near 1)`,
      table(
        [
          { header: 'sweep' },
          { header: 'complaints' },
          { header: 'items read', align: 'right' },
          { header: 'RCU', align: 'right' },
          { header: 'sweep ms p50', align: 'right' },
          { header: 'sweep ms min', align: 'right' },
          { header: 'dueTimers ms p50', align: 'right' },
          { header: 'status' },
        ],
        ratioRows,
      ),
    );
  }

  const example = of(large, 'steady')[0];
  if (example) {
    const opMs = (c: SlaCaseResult, what: string) =>
      ms(median(of(c, 'steady').map((s) => s.ops[what]?.ms ?? 0)));
    lines.push(
      '',
      `Calls of one steady sweep (counts: ${large.open} open, ${example.at}; ms: median per sweep, all calls of the row)`,
      table(
        [
          { header: 'call' },
          { header: 'calls', align: 'right' },
          { header: 'items read', align: 'right' },
          { header: 'returned', align: 'right' },
          { header: 'capacity units', align: 'right' },
          ...cases.map((c) => ({ header: `ms at ${c.open}`, align: 'right' as const })),
        ],
        Object.entries(example.ops).map(([what, o]) => [
          what,
          String(o.calls),
          isRead(what) ? String(o.read) : '',
          isRead(what) ? String(o.returned) : '',
          units(o.units),
          ...cases.map((c) => opMs(c, what)),
        ]),
      ),
    );
  }

  lines.push(
    heading('SLA legend'),
    'open complaints  complaints in the table, each with a running resolve clock carrying its next timer',
    "sweep        steady: with the checkpoint the previous minute's sweep left (hour of now - 1 min);",
    '             first: no checkpoint, so dueTimers reads every hour bucket of the last 100 days (16 at once)',
    'items read   ScannedCount of every Query plus the items found by GetItem, as DynamoDB Local returns them:',
    '             the checkpoint Get, the gsi3 bucket queries, per due timer the complaint Get and its clocks Query',
    'bucket queries  Query on gsi3, one per hour bucket from the checkpoint to now (items: ScannedCount)',
    'RCU / WCU    ConsumedCapacity (ReturnConsumedCapacity=INDEXES on the shared client) of read / write calls;',
    '             the writes are the 10 firing transactions (clock with its next timer, complaint, outbox) and the checkpoint',
    'sweep ms     wall time of sweepTimers through the shared client; dueTimers ms: of that, the checkpoint Get',
    '             and the bucket queries alone; min: the fastest sweep, the least disturbed by other processes',
    `status       PASS when the items read are equal and the median sweep time within ${TIME_RATIO_NEAR_1}x (the bench's`,
    '             reading of "near 1"); DynamoDB Local timings are noisy, so compare reruns on a quiet machine',
    'JVM warm-up  each case has a fresh process and DynamoDB Local; a load of fewer than',
    `             ${settings.jvmWarmupCalls} BatchWriteItem calls is topped up with unchanged re-writes of its first items, so the`,
    '             smaller case does not sweep on a colder JVM (then the warm-up sweeps, untimed, in both cases)',
    "Items read and RCU do not depend on the emulator's speed: they are the figures to hold the design to.",
    "Clock items come from the adapter's own clockItem, complaint items from complaintUpdate in the adapter's shape",
    "(mirrored in bench/sla.ts); a probe saved through the adapter's own save() must equal its bulk-loaded twin.",
  );
  return lines;
}
