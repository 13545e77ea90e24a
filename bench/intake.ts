/**
 * Intake load bench: POST /v1/complaints against the embedded local cloud (real topology, DynamoDB
 * Local in memory), compared with one bare TransactWriteItems round trip against the same DynamoDB
 * Local, plus the DynamoDB capacity each complaint consumes.
 *
 * Import this module only after LOCAL_CLOUD_QUIET and POWERTOOLS_LOG_LEVEL are set (bench/run.ts
 * does): the handlers create their loggers when the local cloud imports them.
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type BatchWriteItemCommandInput,
  type BatchWriteItemCommandOutput,
  CreateTableCommand,
  DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamo, eventBridge } from '#shared/aws/clients';
import { tables } from '#shared/contracts/tables';
import { newId } from '#shared/ids';
import { logger } from '#shared/observability/logger';
import { eventIdOfOutboxKey, isOutboxKey } from '#shared/outbox/outbox-keys';
import { keyedHash } from '#shared/pii';
import { complaintsItemKindOf, idempotencyKeyOf } from '#shared/tables/complaints';
import { customerLookupKey, customerProfileKey, policyKey } from '#shared/tables/customers';
import { type LocalCloud, startLocalCloud } from '../infra/local/cloud';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../infra/local/emulators';
import { topology } from '../infra/topology';
import {
  DynamoAccounting,
  isWriteOperation,
  itemSize,
  type OperationStats,
  smallReadUnits,
  writeUnits,
} from './dynamo-accounting';
import { type Column, heading, median, quantile, table } from './format';
import { httpApiEvent } from './intake-event';
import { intakeRequest, type LoadSummary } from './intake-load.mjs';

export const INTAKE_TARGET_RATIO = 2;

const LOAD_SCRIPT = fileURLToPath(new URL('./intake-load.mjs', import.meta.url));
const BARE_TABLE = 'bench-bare-transact';
/** Request numbers of the load child start here, far from the sequential phases' numbers. */
const LOAD_FIRST_INDEX = 10_000_000;
/** Request numbers of the known-customer pass: customers the bench writes into Customers first. */
const KNOWN_FIRST_INDEX = 20_000_000;
const ROUTE = 'POST /v1/complaints';
const INTAKE_FUNCTION = 'intake-web';
/**
 * How long the downstream work (relay, triage, SLA, notify) of a pass may take to drain: on a busy
 * 2-core machine 300 sequential complaints leave more than 30 s of it, and a settle that runs out
 * throws CloudNotSettled rather than let the next pass start on a half-finished cloud.
 */
const SETTLE_SEQUENTIAL_MS = 180_000;
const SETTLE_LOAD_MS = 300_000;

export interface IntakeBenchOptions {
  readonly root: string;
  readonly seconds: number;
  readonly connections: number;
  /** Timed sequential rounds (one intake request and one bare transaction each), before and after the load. */
  readonly sequential: number;
  readonly warmups: number;
  readonly progress: (text: string) => void;
}

export interface IntakeBenchReport {
  readonly lines: string[];
  readonly problems: string[];
  /** False when nothing could be measured (the caller exits non-zero). */
  readonly measured: boolean;
}

type Item = Record<string, AttributeValue>;

interface TemplateItem {
  readonly name: string;
  readonly item: Item;
}

interface SequentialSamples {
  readonly intakeMs: number[];
  /** Time inside the intake-web handler (Invoker.invoke), for the same requests. */
  readonly handlerMs: number[];
  /**
   * The intake-web handler invoked in-process with an API Gateway v2 event, no HTTP (what Lambda
   * bills), one such request per round beside the one through HTTP; and its rounds of DynamoDB calls.
   */
  readonly directMs: number[];
  readonly directRounds: number[];
  directFailures: number;
  /**
   * Per intake request, the wall time during which at least one of its DynamoDB calls was in
   * flight (overlapping calls counted once), and how many rounds of calls it waited for one after
   * another (calls that overlap make one round).
   */
  readonly dynamoWallMs: number[];
  readonly dynamoRounds: number[];
  readonly bareMs: number[];
  /** A bare BatchGetItem of the two lookup keys intake reads (both missing, as for the bench's customers). */
  readonly lookupMs: number[];
  intakeFailures: number;
  bareFailures: number;
  readonly statuses: Map<number, number>;
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '-');
const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '-');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}x` : '-');
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++, n = Math.floor(n / 32)) out = CROCKFORD[n % 32] + out;
  return out;
}

/** A unique string as long as `original`, so a copied item keeps its size. */
function sameLength(original: string, tag: string, n: number): string {
  const token = `${tag}${n.toString(36)}-`;
  if (token.length > original.length) throw new Error(`cannot fit ${token} in ${original.length} chars`);
  return token.padEnd(original.length, '_');
}

/** The function an invocation runs, and the [start, end] of each DynamoDB call it makes. */
interface Invocation {
  readonly fn: string;
  readonly calls: [number, number][];
}

/** Records when each call of the client starts and ends, in the invocation that made it. */
function recordCallIntervals(client: { middlewareStack: unknown }, current: () => Invocation | undefined) {
  type Step = (args: unknown) => Promise<unknown>;
  (client.middlewareStack as { add: (m: (next: Step) => Step, o: object) => void }).add(
    (next) => async (args) => {
      const calls = current()?.calls;
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        calls?.push([started, performance.now()]);
      }
    },
    { step: 'initialize', name: 'benchIntakeCallIntervals', priority: 'low' },
  );
}

/** Wall time covered by the intervals (overlaps once) and the number of disjoint rounds. */
function overlapOf(intervals: readonly [number, number][]): { wallMs: number; rounds: number } {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let wallMs = 0;
  let rounds = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of sorted) {
    if (from >= end) {
      rounds++;
      wallMs += to - from;
      end = to;
    } else if (to > end) {
      wallMs += to - end;
      end = to;
    }
  }
  return { wallMs, rounds };
}

/** CPU seconds (user + system) of a process from /proc (Linux only; undefined elsewhere). */
function procCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11], fields[12] = utime, stime (fields 14 and 15 of proc(5)); USER_HZ is 100 on Linux
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The DynamoDB Local JVM the local cloud started (a child of this process). */
function findDynamoDbLocalPid(): number | undefined {
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('DynamoDBLocal')) return Number(entry);
      } catch {
        // the process went away while we looked
      }
    }
  } catch {
    // no /proc
  }
  return undefined;
}

async function createBareTable(client: DynamoDBClient): Promise<void> {
  const def = tables.Complaints;
  const keyNames = new Set<string>([def.partitionKey, def.sortKey]);
  for (const index of def.indexes) {
    keyNames.add(index.partitionKey);
    if (index.sortKey) keyNames.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: BARE_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...keyNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: def.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
          ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        // as the Complaints table declares it: the case-search indexes copy only the keys
        Projection: { ProjectionType: index.projection === 'keys-only' ? 'KEYS_ONLY' : 'ALL' },
      })),
      // the Complaints table has a stream (the outbox relay reads it); DynamoDB Local writes its records
      StreamSpecification: def.stream
        ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
        : undefined,
    }),
  );
}

/** Names the items of the intake transaction by their key. */
function itemName(item: Item): string {
  const pk = item.pk?.S ?? '';
  const kind = complaintsItemKindOf(pk);
  if (kind) return kind;
  if (isOutboxKey(pk)) return 'outbox event';
  return pk.split('#')[0] || '?';
}

/**
 * The transaction one real intake request sent (captured on the wire by the accounting middleware):
 * its items, and a factory of copies with fresh, same-length identifiers for the bare transaction.
 */
function templateOf(body: string): { items: TemplateItem[]; copy: (n: number) => TransactWriteItem[] } {
  const transactItems = (JSON.parse(body) as { TransactItems: TransactWriteItem[] }).TransactItems;
  const items = transactItems.flatMap((t) =>
    t.Put?.Item ? [{ name: itemName(t.Put.Item), item: t.Put.Item }] : [],
  );
  const complaint = items.find((t) => t.name === 'complaint')?.item;
  if (!complaint) throw new Error('the intake transaction has no complaint item');
  const table = transactItems[0]?.Put?.TableName ?? '';
  const json = JSON.stringify(transactItems);
  const copy = (n: number) => {
    const replacements: [string, string][] = [[`"TableName":"${table}"`, `"TableName":"${BARE_TABLE}"`]];
    const complaintId = complaint.complaintId?.S;
    if (complaintId) replacements.push([complaintId, newId()]);
    const reference = complaint.reference?.S;
    if (reference) replacements.push([reference, `${reference.slice(0, -6)}${base32(n, 6)}`]);
    const customerKey = complaint.customerKey?.S;
    if (customerKey) replacements.push([customerKey, sameLength(customerKey, 'bare-customer-', n)]);
    for (const { name, item } of items) {
      const pk = item.pk?.S ?? '';
      if (name === 'idempotency record')
        replacements.push([idempotencyKeyOf(pk), sameLength(idempotencyKeyOf(pk), 'bare-', n)]);
      if (name === 'outbox event') replacements.push([eventIdOfOutboxKey(pk), newId()]);
    }
    let copied = json;
    for (const [from, to] of replacements) if (from) copied = copied.split(from).join(to);
    return JSON.parse(copied) as TransactWriteItem[];
  };
  return { items, copy };
}

/** A string or a map of strings as a DynamoDB attribute value. */
function attribute(value: string | Record<string, string>): AttributeValue {
  if (typeof value === 'string') return { S: value };
  return { M: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, { S: v }])) };
}

/**
 * Writes the customers of requests `first` to `first + count - 1` (intakeRequest's phone and policy)
 * into the Customers table as the care service's import leaves them for intake: the policy and
 * phone lookup items with their regime facts, the profile (time zone) and the policy (product).
 */
async function writeKnownCustomers(
  client: DynamoDBClient,
  table: string,
  run: string,
  first: number,
  count: number,
): Promise<void> {
  const items: Record<string, string | Record<string, string>>[] = [];
  for (let n = first; n < first + count; n += 2) {
    const body = JSON.parse(intakeRequest(run, n).body) as {
      customer: { phone: string };
      policyNumber: string;
    };
    const customerId = `BENCH-KNOWN-${n}`;
    const phoneHash = await keyedHash('phone', body.customer.phone);
    items.push(
      // with the regime facts the import writes on them (shared/tables/customers.ts LookupRegimeFacts)
      {
        ...customerLookupKey.policy(body.policyNumber),
        customerId,
        regimeFacts: { timeZone: 'Asia/Shanghai', product: 'critical-illness' },
      },
      { ...customerLookupKey.phone(phoneHash), customerId, regimeFacts: { timeZone: 'Asia/Shanghai' } },
      { ...customerProfileKey(customerId), customerId, timeZone: 'Asia/Shanghai' },
      { ...policyKey(customerId, body.policyNumber), product: 'critical-illness' },
    );
  }
  for (let i = 0; i < items.length; i += 25) {
    let RequestItems: BatchWriteItemCommandInput['RequestItems'] = {
      [table]: items.slice(i, i + 25).map((item) => ({
        PutRequest: { Item: Object.fromEntries(Object.entries(item).map(([k, v]) => [k, attribute(v)])) },
      })),
    };
    while (RequestItems && Object.keys(RequestItems).length > 0) {
      const result: BatchWriteItemCommandOutput = await client.send(
        new BatchWriteItemCommand({ RequestItems }),
      );
      RequestItems = result.UnprocessedItems;
    }
  }
}

function runLoadChild(config: {
  url: string;
  seconds: number;
  connections: number;
  run: string;
  firstIndex: number;
}): Promise<{ summary: LoadSummary; pid: number; cpuSeconds?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LOAD_SCRIPT], {
      env: { ...process.env, BENCH_LOAD_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let cpuSeconds: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // sample the child's CPU before it exits (its /proc entry goes with it)
      if (stdout.includes('\n') && child.pid !== undefined) cpuSeconds ??= procCpuSeconds(child.pid);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), (config.seconds + 90) * 1000);
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(killer);
      const line = stdout.trim().split('\n').at(-1);
      if (code !== 0 || !line) {
        reject(
          new Error(
            `load generator exited with ${signal ?? code}: ${stderr.trim().split('\n').at(-1) ?? ''}`,
          ),
        );
        return;
      }
      try {
        resolve({ summary: JSON.parse(line) as LoadSummary, pid: child.pid ?? 0, cpuSeconds });
      } catch {
        reject(new Error(`load generator printed no result: ${line.slice(0, 200)}`));
      }
    });
  });
}

export async function runIntakeBench(options: IntakeBenchOptions): Promise<IntakeBenchReport> {
  const { progress } = options;
  const problems: string[] = [];
  const run = Date.now().toString(36);
  const startedAt = Date.now();

  progress('intake: starting the local cloud (DynamoDB Local, fauxqs, SES)');
  const cloud = await startLocalCloud({ topology, port: 0, sesPort: 0, root: options.root });
  const bare = new DynamoDBClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
  });
  try {
    // every handler invocation runs in a context naming its function, so each DynamoDB call is
    // booked to the function that made it (intake-web, the outbox relay, downstream consumers)
    const invocation = new AsyncLocalStorage<Invocation>();
    const accounting = new DynamoAccounting(
      { ...cloud.tableNames, BareTransact: BARE_TABLE },
      () => invocation.getStore()?.fn ?? 'bench',
    );
    // the shared document client of shared/aws/clients.ts: the in-process handlers send through it
    accounting.attach(dynamo());
    accounting.attach(bare);
    recordCallIntervals(dynamo(), () => invocation.getStore());
    let lastIntakeTransaction: string | undefined;
    accounting.onTransactWrite = (fn, body) => {
      if (fn === INTAKE_FUNCTION) lastIntakeTransaction = body;
    };
    await createBareTable(bare);

    // time the intake-web handler itself, to split the HTTP layer from the handler
    let handlerSamples: SequentialSamples | undefined;
    // functions no route calls (the relay, queue consumers) can be held to isolate intake from them
    const routeFunctions = new Set(topology.routes.map((r) => r.function));
    let consumersHeld: Promise<void> | undefined;
    let releaseConsumers = () => {};
    // events the bench hands the handler itself (no HTTP): timed apart from those of the local API Gateway
    const directEvents = new WeakSet<object>();
    const invoke = cloud.invoker.invoke.bind(cloud.invoker);
    cloud.invoker.invoke = (name, event) =>
      invocation.run({ fn: name, calls: [] }, async () => {
        if (consumersHeld && !routeFunctions.has(name)) await consumersHeld;
        const started = performance.now();
        let result: unknown;
        try {
          result = await invoke(name, event);
          return result;
        } finally {
          const samples = handlerSamples;
          if (name === INTAKE_FUNCTION && samples) {
            const elapsed = performance.now() - started;
            const { wallMs, rounds } = overlapOf(invocation.getStore()?.calls ?? []);
            if (directEvents.has(event as object)) {
              if ((result as { statusCode?: number } | undefined)?.statusCode === 201) {
                samples.directMs.push(elapsed);
                samples.directRounds.push(rounds);
              } else samples.directFailures++;
            } else {
              samples.handlerMs.push(elapsed);
              samples.dynamoWallMs.push(wallMs);
              samples.dynamoRounds.push(rounds);
            }
          }
        }
      });

    let nextIndex = 0;
    const post = async (samples?: SequentialSamples) => {
      const n = nextIndex++;
      const { headers, body } = intakeRequest(run, n);
      const started = performance.now();
      const response = await fetch(`${cloud.url}/v1/complaints`, { method: 'POST', headers, body });
      const text = await response.text();
      const elapsed = performance.now() - started;
      if (samples) {
        samples.statuses.set(response.status, (samples.statuses.get(response.status) ?? 0) + 1);
        if (response.status === 201) samples.intakeMs.push(elapsed);
        else samples.intakeFailures++;
      }
      return { status: response.status, text };
    };
    // the same kind of request handed to the handler in-process, as the Lambda runtime hands it
    const invokeDirect = async () => {
      const { headers, body } = intakeRequest(run, nextIndex++);
      const event = httpApiEvent('POST', '/v1/complaints', headers, body);
      directEvents.add(event);
      await cloud.invoker.invoke(INTAKE_FUNCTION, event);
    };

    // --- warm-up: intake requests, then the template items of the last one ---
    accounting.phase = 'warm-up';
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < Math.max(1, options.warmups); i++) {
      progress(`intake: warm-up request ${i + 1}/${options.warmups}`);
      last = await post();
    }
    if (last?.status !== 201) {
      problems.push(`warm-up request answered ${last?.status}: ${last?.text.slice(0, 300)}`);
      return { lines: [], problems, measured: false };
    }
    if (!lastIntakeTransaction) {
      problems.push('no TransactWriteItems of intake-web was seen on the shared client (dynamo())');
      return { lines: [], problems, measured: false };
    }
    const template = templateOf(lastIntakeTransaction);
    let bareIndex = 0;
    const transact = async (samples?: SequentialSamples) => {
      const TransactItems = template.copy(bareIndex++);
      const started = performance.now();
      try {
        await bare.send(new TransactWriteItemsCommand({ TransactItems }));
        samples?.bareMs.push(performance.now() - started);
      } catch (error) {
        if (!samples) throw error;
        samples.bareFailures++;
        if (samples.bareFailures === 1)
          problems.push(`bare TransactWriteItems failed: ${(error as Error).message}`);
      }
    };
    // the floor's other half: the customer lookup alone, as intake sends it (policy and phone keys)
    const customersTable = cloud.tableNames.Customers ?? 'Customers';
    const lookup = async (samples?: SequentialSamples) => {
      const n = bareIndex++;
      const Keys = [
        customerLookupKey.policy(`PBARE${n}`),
        customerLookupKey.phone(`bare-phone-${run}-${n}`),
      ].map((key) => ({ pk: { S: key.pk }, sk: { S: key.sk } }));
      const started = performance.now();
      await bare.send(new BatchGetItemCommand({ RequestItems: { [customersTable]: { Keys } } }));
      samples?.lookupMs.push(performance.now() - started);
    };
    for (let i = 0; i < Math.max(1, options.warmups); i++) {
      progress(`intake: warm-up transaction ${i + 1}/${options.warmups}`);
      await transact();
      await lookup();
    }

    // --- sequential, interleaved: one intake request and one bare transaction per round ---
    const sequential = async (phase: string, holdConsumers = false): Promise<SequentialSamples> => {
      accounting.phase = phase;
      if (holdConsumers) consumersHeld = new Promise((resolve) => (releaseConsumers = resolve));
      const samples: SequentialSamples = {
        intakeMs: [],
        handlerMs: [],
        directMs: [],
        directRounds: [],
        directFailures: 0,
        dynamoWallMs: [],
        dynamoRounds: [],
        bareMs: [],
        lookupMs: [],
        intakeFailures: 0,
        bareFailures: 0,
        statuses: new Map(),
      };
      handlerSamples = samples;
      for (let i = 0; i < options.sequential; i++) {
        if (i % 25 === 0) progress(`intake: ${phase} round ${i + 1}/${options.sequential}`);
        if (i % 2 === 0) {
          await post(samples);
          await invokeDirect();
          await transact(samples);
          await lookup(samples);
        } else {
          await lookup(samples);
          await transact(samples);
          await invokeDirect();
          await post(samples);
        }
      }
      handlerSamples = undefined;
      consumersHeld = undefined;
      releaseConsumers();
      // let the relay publish what this phase wrote before the next phase starts counting
      await cloud.settle(SETTLE_SEQUENTIAL_MS);
      return samples;
    };
    const before = await sequential('sequential before load');

    // --- load: autocannon in a child process ---
    accounting.phase = 'load';
    progress(`intake: load, ${options.connections} connections for ${options.seconds} s`);
    const dynamoPid = findDynamoDbLocalPid();
    const cpuBefore = {
      self: process.cpuUsage(),
      dynamo: dynamoPid ? procCpuSeconds(dynamoPid) : undefined,
      elu: performance.eventLoopUtilization(),
      at: performance.now(),
    };
    const load = await runLoadChild({
      url: cloud.url,
      seconds: options.seconds,
      connections: options.connections,
      run,
      firstIndex: LOAD_FIRST_INDEX,
    });
    const wallSeconds = (performance.now() - cpuBefore.at) / 1000;
    const selfCpu = process.cpuUsage(cpuBefore.self);
    const dynamoCpu =
      dynamoPid && cpuBefore.dynamo !== undefined
        ? (procCpuSeconds(dynamoPid) ?? Number.NaN) - cpuBefore.dynamo
        : undefined;
    const elu = performance.eventLoopUtilization(cpuBefore.elu);
    progress('intake: waiting for the outbox relay to drain');
    await cloud.settle(SETTLE_LOAD_MS);

    const after = await sequential('sequential after load');
    const isolated = await sequential('sequential, consumers held', true);
    // The bench's customers are unknown to the Customers table; most of an insurer's complainants
    // are not. This pass files the same kind of requests from customers it imports first (lookup
    // items, profile, policy), so intake also reads their history by customer id and their regime facts.
    progress('intake: writing the known customers');
    // two requests a round (through HTTP and in-process), each customer filing twice
    await writeKnownCustomers(bare, customersTable, run, KNOWN_FIRST_INDEX, 2 * options.sequential);
    nextIndex = KNOWN_FIRST_INDEX;
    const known = await sequential('sequential, known customers');
    progress('');

    const lines = report({
      options,
      cloud,
      accounting,
      template: template.items,
      before,
      after,
      isolated,
      known,
      load: load.summary,
      cpu: {
        wallSeconds,
        selfSeconds: (selfCpu.user + selfCpu.system) / 1e6,
        dynamoSeconds: dynamoCpu,
        childSeconds: load.cpuSeconds,
        eventLoopUtilization: elu.utilization,
      },
      problems,
      tookSeconds: (Date.now() - startedAt) / 1000,
    });
    // the handlers' logging runs in this process too: say so when it is not as quiet as asked
    const asked = process.env.POWERTOOLS_LOG_LEVEL?.toUpperCase();
    if (asked && logger.getLevelName() !== asked)
      problems.push(
        `handlers logged at ${logger.getLevelName()}, not ${asked}: their log lines are in every figure`,
      );
    const measured = after.intakeMs.length > 0 && after.bareMs.length > 0 && load.summary.ok > 0;
    if (load.summary.ok === 0) problems.push('the load phase got no 2xx response at all');
    return { lines, problems, measured };
  } finally {
    progress('intake: stopping the local cloud');
    bare.destroy();
    await cloud.stop();
    // the handlers' shared clients keep sockets to the stopped emulators
    dynamo().destroy();
    eventBridge().destroy();
    progress('');
  }
}

// --- report ---

interface ReportInput {
  readonly options: IntakeBenchOptions;
  readonly cloud: LocalCloud;
  readonly accounting: DynamoAccounting;
  readonly template: readonly TemplateItem[];
  readonly before: SequentialSamples;
  readonly after: SequentialSamples;
  readonly isolated: SequentialSamples;
  readonly known: SequentialSamples;
  readonly load: LoadSummary;
  readonly cpu: {
    readonly wallSeconds: number;
    readonly selfSeconds: number;
    readonly dynamoSeconds: number | undefined;
    readonly childSeconds: number | undefined;
    readonly eventLoopUtilization: number;
  };
  readonly problems: string[];
  readonly tookSeconds: number;
}

/** What the DynamoDB calls of intake-web and the outbox relay are for, by function and operation. */
const PURPOSES: Record<string, Record<string, string>> = {
  [INTAKE_FUNCTION]: {
    'GetItem Complaints': 'idempotency record (consistent; only when the key was taken)',
    'BatchGetItem Customers': 'customer lookup (policy, phone hash)',
    'GetItem Customers': "regime facts (known customers: time zone, policy's product)",
    'Query Complaints.gsi2': '24 h history (duplicate check), beside the lookup',
    'TransactWriteItems Complaints': 'complaint + reference + idempotency + outbox',
  },
  'outbox-relay': {
    'BatchGetItem Complaints': 'outbox: already published?',
    'UpdateItem Complaints': 'outbox: mark published',
  },
};
const purpose = (s: OperationStats) => PURPOSES[s.fn]?.[s.op.replace(/ ×\d+$/, '')] ?? '';
const isWrite = isWriteOperation;
const fnOrder = (fn: string) => (fn === INTAKE_FUNCTION ? '0' : fn === 'outbox-relay' ? '1' : `2${fn}`);

function sequentialRows(label: string, s: SequentialSamples): string[][] {
  const row = (what: string, values: number[], failures: number) => [
    what,
    label,
    String(values.length),
    f2(median(values)),
    f2(quantile(values, 0.9)),
    f2(quantile(values, 0.99)),
    f2(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)),
    String(failures),
  ];
  return [
    row('intake-web handler in-process (API Gateway v2 event, no HTTP)', s.directMs, s.directFailures),
    row(`intake ${ROUTE} (fetch + local API Gateway emulator)`, s.intakeMs, s.intakeFailures),
    row('bare TransactWriteItems (same 4 items)', s.bareMs, s.bareFailures),
    row('bare BatchGetItem (the customer lookup, 2 keys)', s.lookupMs, 0),
  ];
}

function report(input: ReportInput): string[] {
  const { options, accounting, template, before, after, isolated, known, load, cpu, problems } = input;
  const out: string[] = [];
  out.push(
    heading(`Intake load: ${ROUTE} against the local cloud (infra/topology.ts, DynamoDB Local in memory)`),
  );

  // 1. Load
  const loadColumns: Column[] = [
    { header: 'route' },
    { header: 'connections', align: 'right' },
    { header: 'seconds', align: 'right' },
    { header: 'req/s', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p90 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'max ms', align: 'right' },
    { header: '2xx', align: 'right' },
    { header: 'non-2xx', align: 'right' },
    { header: 'errors', align: 'right' },
    { header: 'timeouts', align: 'right' },
  ];
  out.push(
    '',
    'Load (autocannon in a child process; every request a new complaint with its own Idempotency-Key)',
    table(loadColumns, [
      [
        ROUTE,
        String(load.connections),
        String(load.seconds),
        f1(load.requestsPerSecond.mean),
        f1(load.latencyMs.p50),
        f1(load.latencyMs.p90),
        f1(load.latencyMs.p99),
        f1(load.latencyMs.max),
        String(load.ok),
        String(load.non2xx),
        String(load.errors),
        String(load.timeouts),
      ],
    ]),
    `status codes: ${Object.entries(load.statusCodes)
      .map(([code, count]) => `${code} × ${count}`)
      .join(
        ', ',
      )}; replayed (idempotent-replayed) ${load.replayed}; autocannon's own histogram (whole ms): ` +
      `p50 ${load.autocannonLatencyMs.p50} ms, p99 ${load.autocannonLatencyMs.p99} ms; req/s stddev ` +
      `${f1(load.requestsPerSecond.stddev)} across the per-second samples`,
  );
  if (load.non2xx > 0)
    problems.push(`load: ${load.non2xx} non-2xx responses (${JSON.stringify(load.statusCodes)})`);
  if (load.errors > 0 || load.timeouts > 0)
    problems.push(`load: ${load.errors} connection errors, ${load.timeouts} timeouts`);

  const cpuColumns: Column[] = [
    { header: 'process' },
    { header: 'CPU s', align: 'right' },
    { header: '% of one core', align: 'right' },
    { header: 'CPU ms / request', align: 'right' },
  ];
  const cpuRow = (name: string, seconds: number | undefined) =>
    seconds === undefined || !Number.isFinite(seconds)
      ? [name, 'n/a', '', '']
      : [
          name,
          f1(seconds),
          `${((seconds / cpu.wallSeconds) * 100).toFixed(0)}%`,
          f2((seconds * 1000) / Math.max(1, load.responses)),
        ];
  out.push(
    '',
    `CPU during the load (${cpu.wallSeconds.toFixed(1)} s wall, ${availableParallelism()} cores on this machine)`,
    table(cpuColumns, [
      cpuRow('local cloud (this process: HTTP server, handlers, relay, pollers)', cpu.selfSeconds),
      cpuRow('DynamoDB Local (JVM)', cpu.dynamoSeconds),
      cpuRow('autocannon (child process)', cpu.childSeconds),
    ]),
    `event loop utilisation of the local cloud process: ${(cpu.eventLoopUtilization * 100).toFixed(0)}%`,
  );

  // 2. Sequential latency and the headline ratio (after the load: DynamoDB Local's JVM is warm then)
  const seqColumns: Column[] = [
    { header: 'what' },
    { header: 'when' },
    { header: 'n', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'p90 ms', align: 'right' },
    { header: 'p99 ms', align: 'right' },
    { header: 'mean ms', align: 'right' },
    { header: 'failed', align: 'right' },
  ];
  out.push(
    '',
    `Sequential latency (${options.sequential} interleaved rounds per pass of one intake request through HTTP, one in-process, one bare transaction and one bare lookup, after ${options.warmups} warm-ups)`,
    table(seqColumns, [
      ...sequentialRows('before load (cold)', before),
      ...sequentialRows('after load', after),
      ...sequentialRows('after load, consumers held', isolated),
      ...sequentialRows('after load, known customers', known),
    ]),
  );
  const headline = median(after.directMs) / median(after.bareMs);
  const floor = median(after.lookupMs) + median(after.bareMs);
  const httpLayer = median(after.intakeMs) - median(after.handlerMs);
  const ratioColumns: Column[] = [
    { header: 'ratio' },
    { header: 'intake p50 ms', align: 'right' },
    { header: 'bare p50 ms', align: 'right' },
    { header: 'ratio', align: 'right' },
    { header: 'target', align: 'right' },
    { header: 'status' },
  ];
  const target = `≤ ${INTAKE_TARGET_RATIO.toFixed(2)}x`;
  const goalRow = (label: string, intake: number, bareP50: number, over = 'OVER') => {
    const r = intake / bareP50;
    return [
      label,
      f2(intake),
      f2(bareP50),
      ratio(intake, bareP50),
      target,
      Number.isFinite(r) ? (r <= INTAKE_TARGET_RATIO ? 'PASS' : over) : 'ERROR',
    ];
  };
  const contextRow = (label: string, intake: number, bareP50: number) => [
    label,
    f2(intake),
    f2(bareP50),
    ratio(intake, bareP50),
    '',
    '(context)',
  ];
  out.push(
    '',
    'Intake p50 / bare TransactWriteItems p50 (same pass; handler = what Lambda bills, HTTP = through the local API Gateway emulator)',
    table(ratioColumns, [
      goalRow('handler in-process, after load (headline)', median(after.directMs), median(after.bareMs)),
      goalRow('handler in-process, known customers', median(known.directMs), median(known.bareMs)),
      goalRow('handler in-process, consumers held', median(isolated.directMs), median(isolated.bareMs)),
      contextRow(
        'handler in-process, before load (cold JVM)',
        median(before.directMs),
        median(before.bareMs),
      ),
      goalRow(
        'through HTTP (incl. fetch + local API Gateway emulator), after load',
        median(after.intakeMs),
        median(after.bareMs),
      ),
      goalRow(
        'through HTTP (incl. fetch + local API Gateway emulator), consumers held',
        median(isolated.intakeMs),
        median(isolated.bareMs),
      ),
      goalRow(
        'through HTTP (incl. fetch + local API Gateway emulator), known customers',
        median(known.intakeMs),
        median(known.bareMs),
      ),
      contextRow(
        `through HTTP under load (${load.connections} connections) / bare after load`,
        load.latencyMs.p50,
        median(after.bareMs),
      ),
      goalRow(
        'floor: bare lookup then bare transaction (after load)',
        floor,
        median(after.bareMs),
        'OVER: out of reach here',
      ),
      goalRow(
        '  + HTTP client and local API Gateway (as measured)',
        floor + httpLayer,
        median(after.bareMs),
        'OVER: out of reach here',
      ),
    ]),
    'The headline times the intake-web handler invoked in this process with an API Gateway v2 event',
    '(bench/intake-event.ts), as the Lambda runtime invokes it: the time Lambda bills. The HTTP rows',
    'time the same kind of request through fetch and the local API Gateway emulator, which the bare',
    'calls and a deployed handler do not cross. The floor is what no intake can go below: one lookup,',
    'then one transaction (issue 16).',
  );
  if (!Number.isFinite(headline)) problems.push('no in-process intake-web invocation answered 201');
  if (after.directFailures + known.directFailures > 0)
    problems.push(
      `in-process intake-web invocations not answering 201: ${after.directFailures} after load, ${known.directFailures} known customers`,
    );

  // 3. Where a sequential intake request spends its time: consumers running (headline) and held
  const parts = (phase: string, samples: SequentialSamples) => {
    // both kinds of request of the pass call DynamoDB alike: through HTTP and in-process
    const requests =
      samples.intakeMs.length + samples.intakeFailures + samples.directMs.length + samples.directFailures;
    const calls = accounting
      .operations(phase)
      .filter((stats) => stats.fn === INTAKE_FUNCTION)
      .map((stats) => ({
        stats,
        perRequest: stats.calls / Math.max(1, requests),
        p50: median(stats.ms),
      }));
    // per request, not medians of parts: the handler time less the time a DynamoDB call was in flight
    const between = samples.handlerMs.map((h, i) => h - (samples.dynamoWallMs[i] ?? Number.NaN));
    const handler = median(samples.handlerMs);
    const total = median(samples.intakeMs);
    return {
      calls,
      dynamoWall: median(samples.dynamoWallMs),
      rounds: median(samples.dynamoRounds),
      between: median(between),
      handler,
      total,
    };
  };
  const running = parts('sequential after load', after);
  const held = parts('sequential, consumers held', isolated);
  const knownParts = parts('sequential, known customers', known);
  const pct = (v: number, of: number) => (Number.isFinite(v / of) ? `${((v * 100) / of).toFixed(0)}%` : '-');
  const breakdownColumns: Column[] = [
    { header: 'part of one intake request' },
    { header: 'calls / request (after load / known)', align: 'right' },
    { header: 'p50 ms', align: 'right' },
    { header: 'share', align: 'right' },
    { header: 'p50 ms, consumers held', align: 'right' },
    { header: 'share', align: 'right' },
    { header: 'p50 ms, known customers', align: 'right' },
    { header: 'share', align: 'right' },
  ];
  const partRow = (label: string, calls: string, a: number, b: number, c: number) => [
    label,
    calls,
    f2(a),
    pct(a, running.total),
    f2(b),
    pct(b, held.total),
    f2(c),
    pct(c, knownParts.total),
  ];
  // every operation any of the three passes made, so the known customers' reads have their rows
  const ops = [...new Set([running, held, knownParts].flatMap((p) => p.calls.map((c) => c.stats.op)))];
  const alone = (p: ReturnType<typeof parts>, op: string) => {
    const call = p.calls.find((c) => c.stats.op === op);
    return call ? call.p50 * call.perRequest : 0;
  };
  const breakdownRows: string[][] = ops.map((op) => {
    const stats = [running, held, knownParts].flatMap((p) => p.calls).find((c) => c.stats.op === op)!.stats;
    const perRequest = (p: ReturnType<typeof parts>) =>
      f2(p.calls.find((c) => c.stats.op === op)?.perRequest ?? 0);
    return partRow(
      `  DynamoDB ${op}: ${purpose(stats)}`,
      `${perRequest(running)} / ${perRequest(knownParts)}`,
      alone(running, op),
      alone(held, op),
      alone(knownParts, op),
    );
  });
  breakdownRows.push(
    partRow(
      `  = DynamoDB wall time: overlapping calls once (rounds one after another: ${f1(running.rounds)}, held ${f1(held.rounds)}, known ${f1(knownParts.rounds)}; in-process ${f1(median(after.directRounds))}, known ${f1(median(known.directRounds))})`,
      '',
      running.dynamoWall,
      held.dynamoWall,
      knownParts.dynamoWall,
    ),
    partRow(
      '  + handler code around them (middy, zod, HMAC, similarity, SLA rules, reference, event, logs)',
      '',
      running.between,
      held.between,
      knownParts.between,
    ),
    partRow('intake-web handler (Invoker.invoke)', '', running.handler, held.handler, knownParts.handler),
    partRow(
      'HTTP client (fetch) + local API Gateway (server, event mapping)',
      '',
      running.total - running.handler,
      held.total - held.handler,
      knownParts.total - knownParts.handler,
    ),
    partRow('intake request, end to end', '', running.total, held.total, knownParts.total),
  );
  out.push(
    '',
    'Where a sequential intake request spends its time (after-load passes; medians, so parts add up only roughly)',
    table(breakdownColumns, breakdownRows),
  );

  // 4. Capacity per complaint (load phase)
  const loadOps = accounting.operations('load');
  const complaints = load.ok - load.replayed;
  const anyReported = loadOps.some((s) => s.reported > 0);
  const sizes = template.map(({ name, item }) => {
    const bytes = itemSize(item);
    const indexes = tables.Complaints.indexes.filter(
      (index) =>
        item[index.partitionKey] !== undefined && (!index.sortKey || item[index.sortKey] !== undefined),
    );
    return {
      name,
      bytes,
      tableUnits: writeUnits(bytes, true),
      indexes: indexes.map((i) => i.name),
      // an index write is as large as what the index copies: the whole item, or only its keys
      indexUnits: indexes.reduce((n, index) => {
        if (index.projection !== 'keys-only') return n + writeUnits(bytes, false);
        const keyNames = new Set([
          tables.Complaints.partitionKey,
          tables.Complaints.sortKey,
          index.partitionKey,
          ...(index.sortKey ? [index.sortKey] : []),
        ]);
        const keys = Object.fromEntries(Object.entries(item).filter(([name]) => keyNames.has(name)));
        return n + writeUnits(itemSize(keys), false);
      }, 0),
    };
  });
  const computedTransact = sizes.reduce((n, s) => n + s.tableUnits + s.indexUnits, 0);
  const outbox = template.find((t) => t.name === 'outbox event');
  // the relay's update adds publishedAt (an ISO instant) to the outbox item
  const computedMark = outbox
    ? writeUnits(itemSize(outbox.item) + 'publishedAt'.length + 24, false)
    : Number.NaN;
  const capColumns: Column[] = [
    { header: 'function' },
    { header: 'operation' },
    { header: 'purpose' },
    { header: 'calls / complaint', align: 'right' },
    { header: 'kind' },
    { header: 'units / complaint (DynamoDB Local)', align: 'right' },
    { header: 'table + index', align: 'right' },
    { header: 'computed (AWS rules)', align: 'right' },
  ];
  const per = (v: number) => v / Math.max(1, complaints);
  const capRows: string[][] = [];
  const reported = new Map<string, { write: number; read: number }>();
  const computedIntake = { write: 0, read: 0 };
  const counted = loadOps
    .filter((s) => s.fn !== 'bench')
    .sort((a, b) => fnOrder(a.fn).localeCompare(fnOrder(b.fn)) || a.op.localeCompare(b.op));
  for (const stats of counted) {
    const write = isWrite(stats.op);
    const sums = reported.get(stats.fn) ?? { write: 0, read: 0 };
    sums[write ? 'write' : 'read'] += per(stats.units);
    reported.set(stats.fn, sums);
    let computed = Number.NaN;
    if (stats.fn === INTAKE_FUNCTION && stats.op.startsWith('TransactWriteItems Complaints'))
      computed = computedTransact * per(stats.calls - stats.failures);
    else if (stats.fn === 'outbox-relay' && stats.op.startsWith('UpdateItem Complaints'))
      computed = computedMark * per(stats.calls);
    else if (!write && (stats.fn === INTAKE_FUNCTION || stats.fn === 'outbox-relay'))
      computed = per(smallReadUnits(stats));
    if (stats.fn === INTAKE_FUNCTION && Number.isFinite(computed))
      computedIntake[write ? 'write' : 'read'] += computed;
    capRows.push([
      stats.fn,
      stats.op + (stats.failures ? ` (${stats.failures} failed)` : ''),
      purpose(stats),
      f2(per(stats.calls)),
      write ? 'write' : 'read',
      stats.reported > 0 ? f2(per(stats.units)) : 'not reported',
      stats.reported > 0 ? `${f2(per(stats.tableUnits))} + ${f2(per(stats.indexUnits))}` : '',
      Number.isFinite(computed) ? f2(computed) : '',
    ]);
  }
  const intakeReported = reported.get(INTAKE_FUNCTION) ?? { write: 0, read: 0 };
  const downstream = [...reported.entries()]
    .filter(([fn]) => fn !== INTAKE_FUNCTION)
    .map(([fn, u]) => `${fn} ${f2(u.write)} write + ${f2(u.read)} read`)
    .join(', ');
  out.push(
    '',
    `DynamoDB capacity per complaint (load phase: ${complaints} complaints; every handler's calls on the shared client, by function)`,
    table(capColumns, capRows),
    anyReported
      ? `intake-web: ${f2(intakeReported.write)} write + ${f2(intakeReported.read)} read units per complaint as DynamoDB Local reports them; ` +
          `computed for AWS: ${f2(computedIntake.write)} write + ${f2(computedIntake.read)} read units.`
      : 'DynamoDB Local reported no ConsumedCapacity: only the computed figures (AWS rules) are available.',
    `Downstream, per complaint, as reported: ${downstream || 'none'}.`,
  );

  const itemColumns: Column[] = [
    { header: 'item written by the intake transaction' },
    { header: 'bytes', align: 'right' },
    { header: 'table WCU (2 per KB)', align: 'right' },
    { header: 'GSIs it is in', align: 'right' },
    { header: 'index WCU (1 per KB each)', align: 'right' },
    { header: 'computed WCU', align: 'right' },
  ];
  const bareStats = accounting.operations('sequential after load').find((s) => s.op.includes('BareTransact'));
  out.push(
    '',
    'Items of one complaint: the transaction of the last warm-up request as sent (sizes by DynamoDB item-size rules)',
    table(itemColumns, [
      ...sizes.map((s) => [
        s.name,
        String(s.bytes),
        String(s.tableUnits),
        s.indexes.join(', ') || '-',
        String(s.indexUnits),
        String(s.tableUnits + s.indexUnits),
      ]),
      [
        'total',
        String(sizes.reduce((n, s) => n + s.bytes, 0)),
        String(sizes.reduce((n, s) => n + s.tableUnits, 0)),
        '',
        String(sizes.reduce((n, s) => n + s.indexUnits, 0)),
        String(computedTransact),
      ],
    ]),
    bareStats && bareStats.reported > 0
      ? `DynamoDB Local charged the bare transaction of the same items ${f2(bareStats.units / bareStats.calls)} units ` +
          `(table ${f2(bareStats.tableUnits / bareStats.calls)} + index ${f2(bareStats.indexUnits / bareStats.calls)}).`
      : 'DynamoDB Local reported no capacity for the bare transaction.',
  );

  out.push(
    heading('Intake legend'),
    'Setup: startLocalCloud with infra/topology.ts in this process: every handler in-process, DynamoDB',
    '  Local in memory, fauxqs, SES mailbox; the outbox relay reads the Complaints stream and the',
    "  topology's queue consumers get the events, as on AWS, so that work runs during every phase.",
    `  Requests: ${ROUTE} with a valid body; every customer (phone + policy) files twice, so every`,
    '  second request finds one earlier complaint in its 24 h history; descriptions and Idempotency-Keys',
    '  are unique (the web form always sends a key); half English, half Chinese text.',
    `Load: autocannon (child process, own event loop) with ${options.connections} connections for ${options.seconds} s.`,
    '  req/s = mean of the per-second samples; p50/p90/p99/max = latency of the 2xx responses from',
    "  autocannon's response events (sub-ms resolution); non-2xx/errors/timeouts as autocannon counts them.",
    'CPU: user+system seconds from process.cpuUsage (this process) and /proc (DynamoDB Local, autocannon);',
    '  ms per request = CPU seconds / responses; 100% = one core busy for the whole load phase.',
    'Sequential: one request at a time, intake and bare transaction alternating (order flipping each',
    '  round) so both see the same tables and machine state; passes before the load, after it, and after',
    '  it with consumers held: there the bench holds every invocation of a function no route',
    '  calls (outbox relay, queue consumers) until the pass ends, so their polling and work stop',
    '  competing with intake for this event loop and DynamoDB Local, as they would on AWS (own Lambdas).',
    '  Known customers: a last pass whose customers the bench first writes into Customers as the',
    '  import leaves them (policy and phone lookup items with their regime facts, profile, policy),',
    "  so intake reads the policy's history beside the lookup and no regime facts after it.",
    '  intake: fetch from this process, so the HTTP client and server are inside the time. Besides the',
    '  transaction, one intake request does: the local API Gateway event mapping, middy (security',
    '  headers, JSON and zod validation), HMAC keyed hashes of the phone, a customer-lookup',
    "  BatchGetItem on Customers and, at the same time, the 24 h history Query of the complaint's policy",
    "  on gsi9 (without a policy: the contact's on gsi2; a known customer's regime facts come on the",
    '  lookup, read after it only from a lookup written without them), the similarity check, the SLA rules, the',
    "  reference, the event envelope, logging. The idempotency key rides in the transaction's",
    '  condition: it is read (GetItem) only when the transaction finds it taken.',
    '  bare lookup: a BatchGetItem of two missing lookup keys on Customers, as intake sends it.',
    '  bare: the TransactWriteItems the last warm-up intake request sent (captured on the wire: its',
    '  items and condition expressions), with fresh same-length ids, sent by a separate DynamoDBClient',
    '  to the same DynamoDB Local into a table shaped like Complaints (keys, GSIs, stream), with',
    '  ReturnConsumedCapacity=INDEXES like the intake calls.',
    '  in-process: each round also hands the intake-web handler an API Gateway v2 event of the same kind',
    '  of request (bench/intake-event.ts) through Invoker.invoke, no HTTP: the time Lambda bills.',
    `  headline ratio = in-process handler p50 / bare p50 of the pass after the load (DynamoDB Local's JVM`,
    `  is JIT-warm by then; the pass before shows the cold state); target ${target}: PASS, else OVER.`,
    '  The HTTP rows carry the same target, with fetch and the local API Gateway emulator inside.',
    '  The loaded ratio is context only: queueing under concurrency is in it.',
    'Parts: the DynamoDB calls intake-web made in the after-load passes, timed by a middleware on the shared',
    '  document client (shared/aws/clients.ts dynamo()): marshalling, signing, HTTP round trip; each',
    '  call row is its p50 x calls per request, as if alone. DynamoDB wall time = per request, the time',
    '  at least one call was in flight (calls that overlap count once); rounds = groups of overlapping',
    '  calls one after another (the floor is 2: lookup, transaction). The handler time is',
    '  Invoker.invoke of intake-web (wrapped by the bench); "handler code" = per request, handler -',
    '  DynamoDB wall time; HTTP + API Gateway = end-to-end p50 - handler p50 (medians do not add).',
    'Capacity: the same middleware sets ReturnConsumedCapacity=INDEXES on every call of every handler',
    '  (each call booked to its function through AsyncLocalStorage around Invoker.invoke) and sums what',
    '  DynamoDB Local returns, per complaint created in the load phase, downstream work until the',
    "  queues and streams are drained. DynamoDB Local's figures are an emulation, not AWS's bill: its",
    '  TransactWriteItems units do not follow the per-item rule (a check outside the bench: 4 Puts of',
    '  100 B reported 2 units, not 8), index writes inside a transaction come out doubled, and',
    '  BatchGetItem keys that miss cost nothing. Plan capacity with the computed column.',
    "  computed (AWS rules): item sizes by DynamoDB's rules (names + values; numbers ~1 byte per 2",
    '  digits + 1; maps/lists 3 bytes + 1 per element); a transactional write costs 2 WCU per started',
    '  KB per item; each GSI the item appears in (ALL projection) 1 WCU per started KB (index',
    '  propagation is not transactional; not verified against AWS here); reads: 1 RCU per strongly',
    '  consistent and 0.5 per eventually consistent key or Query page under 4 KB, misses included.',
    '  Calls in flight when the load stopped count too, hence calls / complaint slightly above 1.',
    `Knobs: BENCH_INTAKE_SECONDS (default 60), BENCH_INTAKE_CONNECTIONS (10), BENCH_INTAKE_SEQUENTIAL (300),`,
    '  BENCH_INTAKE_WARMUPS (50). Timings are local (one machine runs client, server and emulator).',
    '',
    `intake bench took ${input.tookSeconds.toFixed(1)} s`,
  );
  return out;
}
