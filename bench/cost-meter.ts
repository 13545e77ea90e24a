/**
 * The cost bench's meters: middleware on the local cloud's AWS clients and wrappers around its
 * invoker and senders that book every billable unit to a ledger line (service, function, what),
 * in the bucket the bench is in (`lifecycles`, `care`, ...). Nothing in infra/ or services/ changes:
 * the middleware is added to the clients at runtime, as the intake bench does.
 *
 * DynamoDB is billed from item sizes with AWS's rules (bench/cost-billing.ts), not from what
 * DynamoDB Local reports (its transaction and index figures differ from AWS's). Sizes a call does
 * not show are read on the side, uncounted, with the bench's own client: the item before every
 * write (the larger of before and after is billed; an index entry moves when its key changes), the
 * item after an update, and the items a Query with a filter or projection read. The time those side
 * reads take is taken off the invocation's measured duration.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type TableId, tables } from '#shared/contracts/tables';
import type { Invoker } from '../infra/local/invoke';
import type { Topology } from '../infra/topology-types';
import {
  eventBridgeEvents,
  gbSeconds,
  type Item,
  indexWriteUnits,
  itemSize,
  queryReadUnits,
  readUnits,
  smsCountry,
  smsParts,
  sqsRequests,
  tableWriteUnits,
} from './cost-billing';

export interface LedgerLine {
  readonly bucket: string;
  readonly service: string;
  /** The function whose invocation caused it (`bench` for the bench's own calls and the local bus). */
  readonly fn: string;
  readonly what: string;
  readonly priceKey: string;
  quantity: number;
  calls: number;
}

/** Lambda writes START, END and REPORT lines per invocation (~240 bytes) plus 26 bytes per event. */
export const PLATFORM_LOG_BYTES_PER_INVOCATION = 320;
const LOG_EVENT_OVERHEAD_BYTES = 26;
const GB = 1024 ** 3;

interface Invocation {
  readonly fn: string;
  /** Time during which a side read of the meter was in flight, taken off the invocation's duration. */
  overheadMs: number;
  /** Side reads in flight now (concurrent ones are counted once: the union of their intervals). */
  inFlight: number;
  since: number;
}

type Middleware = (
  next: (args: { input: unknown }) => Promise<{ output: unknown }>,
  context: { commandName?: string },
) => (args: { input: unknown }) => Promise<{ output: unknown }>;

const addMiddleware = (client: { middlewareStack: unknown }, name: string, middleware: Middleware) =>
  (
    client.middlewareStack as {
      add(m: Middleware, o: { step: 'initialize'; name: string; priority: 'high' }): void;
    }
  ).add(middleware, { step: 'initialize', name, priority: 'high' });

const AV_TYPES = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

/** Whether a record is already in DynamoDB's attribute-value form (a low-level command's input). */
function isMarshalled(record: Record<string, unknown>): boolean {
  const values = Object.values(record);
  return (
    values.length > 0 &&
    values.every((v) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Set) return false;
      const keys = Object.keys(v);
      return keys.length === 1 && AV_TYPES.has(keys[0]!);
    })
  );
}

/** A document-client record (or an already marshalled one) as attribute values. */
function av(record: Record<string, unknown> | undefined): Item | undefined {
  if (record === undefined) return undefined;
  if (isMarshalled(record)) return record as Item;
  return marshall(record, { removeUndefinedValues: true, convertClassInstanceToMap: false }) as Item;
}

const keyOf = (item: Item): Item => ({ pk: item.pk!, sk: item.sk! });
const keyString = (table: string, key: Item) =>
  `${table}\u0000${JSON.stringify(key.pk)}\u0000${JSON.stringify(key.sk)}`;

/** `:names` and `#names` an expression uses, to keep only those when it is sent without the others. */
const tokens = (expression: string | undefined, sigil: ':' | '#') =>
  new Set(expression?.match(sigil === ':' ? /:[A-Za-z0-9_]+/g : /#[A-Za-z0-9_]+/g) ?? []);

export class CostMeter {
  bucket = 'setup';
  readonly #lines = new Map<string, LedgerLine>();
  readonly #invocation = new AsyncLocalStorage<Invocation>();
  readonly #tableIds: Map<string, TableId>;
  /** Invocations per function and bucket, with their billed durations (ms), for the report. */
  readonly durations = new Map<string, number[]>();
  /** Invocations that threw (a whole batch back to its queue or stream), per bucket and function. */
  readonly failures = new Map<string, number>();
  #logBytesUnattributed = 0;
  sideReads = 0;

  constructor(
    private readonly side: DynamoDBClient,
    tableNames: Readonly<Record<string, string>>,
    private readonly topology: Topology,
  ) {
    this.#tableIds = new Map(Object.entries(tableNames).map(([id, name]) => [name, id as TableId]));
  }

  fn(): string {
    return this.#invocation.getStore()?.fn ?? 'bench';
  }

  add(service: string, what: string, priceKey: string, quantity: number, fn = this.fn(), calls = 1) {
    const key = [this.bucket, service, fn, what, priceKey].join('\u0000');
    let line = this.#lines.get(key);
    if (!line) {
      line = { bucket: this.bucket, service, fn, what, priceKey, quantity: 0, calls: 0 };
      this.#lines.set(key, line);
    }
    line.quantity += quantity;
    line.calls += calls;
  }

  lines(bucket: string): LedgerLine[] {
    return [...this.#lines.values()].filter((l) => l.bucket === bucket);
  }

  get unattributedLogBytes() {
    return this.#logBytesUnattributed;
  }

  // --- Lambda ---

  /** Times every invocation (minus the meter's side reads) and bills it at the function's memory. */
  wrapInvoker(invoker: Invoker): void {
    const invoke = invoker.invoke.bind(invoker);
    invoker.invoke = (name, event) => {
      const invocation: Invocation = { fn: name, overheadMs: 0, inFlight: 0, since: 0 };
      return this.#invocation.run(invocation, async () => {
        const started = performance.now();
        try {
          return await invoke(name, event);
        } catch (error) {
          const key = `${this.bucket} ${name}`;
          this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
          throw error;
        } finally {
          const ms = Math.max(0.001, performance.now() - started - invocation.overheadMs);
          const memoryMb = this.topology.functions[name]?.memoryMb ?? 128;
          this.add('Lambda', 'requests', 'lambda.request', 1, name);
          this.add('Lambda', `GB-s at ${memoryMb} MB`, 'lambda.gbSecondArm', gbSeconds(ms, memoryMb), name);
          this.add(
            'CloudWatch Logs',
            'platform lines (START/END/REPORT)',
            'cloudwatch.logsIngestedGb',
            PLATFORM_LOG_BYTES_PER_INVOCATION / GB,
            name,
          );
          const key = `${this.bucket}\u0000${name}`;
          const list = this.durations.get(key) ?? [];
          list.push(ms);
          this.durations.set(key, list);
        }
      });
    };
  }

  /** Counts the bytes handlers log (JSON lines on stdout/stderr) and keeps them off the terminal. */
  captureLogs(): () => void {
    const restore: (() => void)[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      (stream as { write: unknown }).write = (chunk: unknown, ...rest: unknown[]) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
        if (text.startsWith('{')) {
          const bytes = Buffer.byteLength(text) + LOG_EVENT_OVERHEAD_BYTES;
          if (this.#invocation.getStore())
            this.add('CloudWatch Logs', 'handler log lines', 'cloudwatch.logsIngestedGb', bytes / GB);
          else this.#logBytesUnattributed += bytes;
          const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
          callback?.();
          return true;
        }
        return write(chunk, ...rest);
      };
      restore.push(() => {
        (stream as { write: unknown }).write = write;
      });
    }
    return () => {
      for (const r of restore) r();
    };
  }

  // --- SES and SMS ---

  wrapSenders(
    ses: { send: (request: never, message: never) => Promise<string> },
    sms: { send: (request: never, message: never) => Promise<string> },
  ): void {
    const sendEmail = ses.send.bind(ses);
    ses.send = async (request, message) => {
      const id = await sendEmail(request, message);
      this.add('SES', 'emails', 'ses.email', 1);
      return id;
    };
    const sendSms = sms.send.bind(sms);
    sms.send = async (request, message) => {
      const id = await sendSms(request, message);
      const address = (request as { recipient: { address: string } }).recipient.address;
      const text = (message as { sms?: string; text: string }).sms ?? (message as { text: string }).text;
      const country = smsCountry(address);
      this.add('SMS', `message parts to ${country}`, `sms.${country}`, smsParts(text));
      return id;
    };
  }

  // --- SQS and EventBridge ---

  attachSqs(client: { middlewareStack: unknown }): void {
    addMiddleware(client, 'benchCostSqs', (next, context) => async (args) => {
      const op = (context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as {
        QueueUrl?: string;
        MessageBody?: string;
        Entries?: { MessageBody?: string }[];
      };
      const queue = input.QueueUrl?.split('/').at(-1) ?? '?';
      const result = await next(args);
      // the bus's rule targets send, the event source mappings receive and delete: no function's invocation
      const sender = 'bus rule target';
      const poller = 'event source mapping';
      if (op === 'SendMessage')
        this.add(
          'SQS',
          `SendMessage ${queue}`,
          'sqs.request',
          sqsRequests(Buffer.byteLength(input.MessageBody ?? '')),
          sender,
        );
      else if (op === 'SendMessageBatch') {
        const bytes = (input.Entries ?? []).reduce((n, e) => n + Buffer.byteLength(e.MessageBody ?? ''), 0);
        this.add('SQS', `SendMessageBatch ${queue}`, 'sqs.request', sqsRequests(bytes), sender);
      } else if (op === 'ReceiveMessage') {
        // empty receives are the event source mapping's idle polling: a fixed cost, not per message
        const messages = (result.output as { Messages?: { Body?: string }[] }).Messages ?? [];
        if (messages.length > 0) {
          const bytes = messages.reduce((n, m) => n + Buffer.byteLength(m.Body ?? ''), 0);
          this.add('SQS', `ReceiveMessage ${queue}`, 'sqs.request', sqsRequests(bytes), poller);
        }
      } else if (/^(DeleteMessage|ChangeMessageVisibility)(Batch)?$/.test(op))
        this.add('SQS', `${op} ${queue}`, 'sqs.request', 1, this.#invocation.getStore() ? this.fn() : poller);
      return result;
    });
  }

  attachEventBridge(client: { middlewareStack: unknown }): void {
    addMiddleware(client, 'benchCostEvents', (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'PutEventsCommand') {
        const entries = (args.input as { Entries?: unknown[] }).Entries ?? [];
        const failed = (result.output as { FailedEntryCount?: number }).FailedEntryCount ?? 0;
        const events = entries.reduce<number>(
          (n, e) => n + eventBridgeEvents(Buffer.byteLength(JSON.stringify(e))),
          0,
        );
        this.add('EventBridge', 'custom events (PutEvents)', 'eventbridge.customEvent', events, this.fn(), 1);
        if (failed > 0) this.add('EventBridge', 'entries refused (not billed)', 'eventbridge.customEvent', 0);
      }
      return result;
    });
  }

  // --- DynamoDB ---

  #table(name: unknown): {
    id: string;
    indexes: readonly { name: string; partitionKey: string; sortKey?: string }[];
  } {
    const id = this.#tableIds.get(String(name));
    return { id: id ?? String(name), indexes: id ? tables[id].indexes : [] };
  }

  async #timed<T>(work: () => Promise<T>): Promise<T> {
    const store = this.#invocation.getStore();
    if (store && store.inFlight++ === 0) store.since = performance.now();
    try {
      this.sideReads++;
      return await work();
    } finally {
      if (store && --store.inFlight === 0) store.overheadMs += performance.now() - store.since;
    }
  }

  /** The current items under these keys (consistent, uncounted): undefined where none. */
  async #images(requests: { table: string; key: Item }[]): Promise<Map<string, Item>> {
    const found = new Map<string, Item>();
    const unique = new Map(requests.map((r) => [keyString(r.table, r.key), r]));
    const all = [...unique.values()];
    await this.#timed(async () => {
      for (let i = 0; i < all.length; i += 100) {
        let pending: Record<string, { Keys: Item[]; ConsistentRead: true }> = {};
        for (const r of all.slice(i, i + 100)) {
          pending[r.table] ??= { Keys: [], ConsistentRead: true };
          pending[r.table]!.Keys.push(r.key);
        }
        while (Object.keys(pending).length > 0) {
          const out = await this.side.send(new BatchGetItemCommand({ RequestItems: pending }));
          for (const [table, items] of Object.entries(out.Responses ?? {}))
            for (const item of items) found.set(keyString(table, keyOf(item as Item)), item as Item);
          pending = (out.UnprocessedKeys ?? {}) as typeof pending;
        }
      }
    });
    return found;
  }

  async #image(table: string, key: Item): Promise<Item | undefined> {
    return this.#timed(async () => {
      const out = await this.side.send(
        new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }),
      );
      return out.Item as Item | undefined;
    });
  }

  #bookWrite(
    op: string,
    tableName: string,
    before: Item | undefined,
    after: Item | undefined,
    transactional: boolean,
  ) {
    const table = this.#table(tableName);
    this.add(
      'DynamoDB',
      `write ${table.id} (${op})`,
      'dynamodb.writeRequestUnit',
      tableWriteUnits(before, after, transactional),
    );
    for (const { index, units } of indexWriteUnits(table.indexes, before, after))
      this.add(
        'DynamoDB',
        `write ${table.id}.${index} (GSI)`,
        'dynamodb.writeRequestUnit',
        units,
        this.fn(),
        0,
      );
  }

  attachDynamo(client: { middlewareStack: unknown }): void {
    addMiddleware(client, 'benchCostDynamo', (next, context) => async (args) => {
      const op = (context.commandName ?? '').replace(/Command$/, '');
      const input = args.input as Record<string, unknown>;
      switch (op) {
        case 'GetItem': {
          const result = await next(args);
          const item = av((result.output as { Item?: Record<string, unknown> }).Item);
          const table = this.#table(input.TableName);
          this.add(
            'DynamoDB',
            `read ${table.id} (GetItem)`,
            'dynamodb.readRequestUnit',
            readUnits(item ? itemSize(item) : 0, input.ConsistentRead ? 'strong' : 'eventual'),
          );
          return result;
        }
        case 'BatchGetItem': {
          const result = await next(args);
          const output = result.output as {
            Responses?: Record<string, Record<string, unknown>[]>;
            UnprocessedKeys?: Record<string, { Keys?: unknown[] }>;
          };
          for (const [tableName, request] of Object.entries(
            input.RequestItems as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>,
          )) {
            const table = this.#table(tableName);
            const kind = request.ConsistentRead ? 'strong' : 'eventual';
            const items = output.Responses?.[tableName] ?? [];
            const unprocessed = output.UnprocessedKeys?.[tableName]?.Keys?.length ?? 0;
            const misses = Math.max(0, (request.Keys?.length ?? 0) - items.length - unprocessed);
            const units =
              items.reduce((n, i) => n + readUnits(itemSize(av(i)!), kind), 0) + misses * readUnits(0, kind);
            this.add('DynamoDB', `read ${table.id} (BatchGetItem)`, 'dynamodb.readRequestUnit', units);
          }
          return result;
        }
        case 'TransactGetItems': {
          const result = await next(args);
          const gets = (input.TransactItems as { Get: { TableName: string } }[]) ?? [];
          const responses =
            (result.output as { Responses?: { Item?: Record<string, unknown> }[] }).Responses ?? [];
          gets.forEach((g, i) => {
            const item = av(responses[i]?.Item);
            this.add(
              'DynamoDB',
              `read ${this.#table(g.Get.TableName).id} (TransactGetItems)`,
              'dynamodb.readRequestUnit',
              readUnits(item ? itemSize(item) : 0, 'transactional'),
            );
          });
          return result;
        }
        case 'Query':
        case 'Scan': {
          const result = await next(args);
          const output = result.output as { Items?: Record<string, unknown>[] };
          const table = this.#table(input.TableName);
          const where = input.IndexName ? `${table.id}.${String(input.IndexName)}` : table.id;
          // what the page read: its items, unless a filter, projection or count hid some of them
          const partial = Boolean(
            input.FilterExpression ||
              input.ProjectionExpression ||
              input.AttributesToGet ||
              (input.Select &&
                input.Select !== 'ALL_ATTRIBUTES' &&
                input.Select !== 'ALL_PROJECTED_ATTRIBUTES'),
          );
          const items = partial ? await this.#pageRead(op, input) : (output.Items ?? []).map((i) => av(i)!);
          const bytes = items.reduce((n, i) => n + itemSize(i), 0);
          this.add(
            'DynamoDB',
            `read ${where} (${op})`,
            'dynamodb.readRequestUnit',
            queryReadUnits(bytes, Boolean(input.ConsistentRead)),
          );
          return result;
        }
        case 'PutItem':
        case 'DeleteItem':
        case 'UpdateItem': {
          const key =
            op === 'PutItem'
              ? keyOf(av(input.Item as Record<string, unknown>)!)
              : av(input.Key as Record<string, unknown>)!;
          const tableName = String(input.TableName);
          const before = await this.#image(tableName, key);
          let result: { output: unknown };
          try {
            result = await next(args);
          } catch (error) {
            // a refused condition is still a write: the item it read
            this.add(
              'DynamoDB',
              `write ${this.#table(tableName).id} (${op}, condition refused)`,
              'dynamodb.writeRequestUnit',
              tableWriteUnits(before, undefined, false),
            );
            throw error;
          }
          let after: Item | undefined;
          if (op === 'PutItem') after = av(input.Item as Record<string, unknown>);
          else if (op === 'UpdateItem') after = await this.#image(tableName, key);
          this.#bookWrite(op, tableName, before, after, false);
          return result;
        }
        case 'BatchWriteItem': {
          const requests: { table: string; key: Item; put?: Item }[] = [];
          for (const [table, writes] of Object.entries(
            input.RequestItems as Record<
              string,
              {
                PutRequest?: { Item: Record<string, unknown> };
                DeleteRequest?: { Key: Record<string, unknown> };
              }[]
            >,
          ))
            for (const w of writes) {
              const put = w.PutRequest ? av(w.PutRequest.Item) : undefined;
              requests.push({ table, key: put ? keyOf(put) : av(w.DeleteRequest!.Key)!, put });
            }
          const before = await this.#images(requests);
          const result = await next(args);
          const unprocessed = new Set<string>();
          for (const [table, writes] of Object.entries(
            (
              result.output as {
                UnprocessedItems?: Record<
                  string,
                  {
                    PutRequest?: { Item: Record<string, unknown> };
                    DeleteRequest?: { Key: Record<string, unknown> };
                  }[]
                >;
              }
            ).UnprocessedItems ?? {},
          ))
            for (const w of writes)
              unprocessed.add(
                keyString(table, w.PutRequest ? keyOf(av(w.PutRequest.Item)!) : av(w.DeleteRequest!.Key)!),
              );
          for (const r of requests) {
            const k = keyString(r.table, r.key);
            if (!unprocessed.has(k)) this.#bookWrite('BatchWriteItem', r.table, before.get(k), r.put, false);
          }
          return result;
        }
        case 'TransactWriteItems': {
          type Entry = { kind: string; table: string; key: Item; put?: Item };
          const entries: Entry[] = (
            (input.TransactItems as Record<
              string,
              { TableName: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> }
            >[]) ?? []
          ).map((t) => {
            const [kind, body] = Object.entries(t)[0]!;
            const put = kind === 'Put' ? av(body.Item) : undefined;
            return { kind, table: body.TableName, key: put ? keyOf(put) : av(body.Key)!, put };
          });
          const before = await this.#images(entries);
          let result: { output: unknown };
          try {
            result = await next(args);
          } catch (error) {
            // a cancelled transaction is billed for the items it read: 2 units per KB each
            for (const e of entries)
              this.add(
                'DynamoDB',
                `write ${this.#table(e.table).id} (TransactWriteItems, cancelled)`,
                'dynamodb.writeRequestUnit',
                tableWriteUnits(before.get(keyString(e.table, e.key)), undefined, true),
              );
            throw error;
          }
          const updated = await this.#images(entries.filter((e) => e.kind === 'Update'));
          for (const e of entries) {
            const k = keyString(e.table, e.key);
            const old = before.get(k);
            if (e.kind === 'ConditionCheck') {
              this.add(
                'DynamoDB',
                `write ${this.#table(e.table).id} (TransactWriteItems ConditionCheck)`,
                'dynamodb.writeRequestUnit',
                tableWriteUnits(old, undefined, true),
              );
              continue;
            }
            const after = e.kind === 'Put' ? e.put : e.kind === 'Update' ? updated.get(k) : undefined;
            this.#bookWrite(`TransactWriteItems ${e.kind}`, e.table, old, after, true);
          }
          return result;
        }
        default:
          return next(args);
      }
    });
  }

  /** The items a Query/Scan page read before its filter and projection: the same page, sent again bare. */
  async #pageRead(op: string, input: Record<string, unknown>): Promise<Item[]> {
    const keyCondition = input.KeyConditionExpression as string | undefined;
    const names = tokens(keyCondition, '#');
    const values = tokens(keyCondition, ':');
    const allNames = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const allValues = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    const keptNames = Object.fromEntries(Object.entries(allNames).filter(([k]) => names.has(k)));
    const keptValues = Object.fromEntries(Object.entries(allValues).filter(([k]) => values.has(k)));
    const common = {
      TableName: input.TableName as string,
      IndexName: input.IndexName as string | undefined,
      Limit: input.Limit as number | undefined,
      ConsistentRead: input.ConsistentRead as boolean | undefined,
      ExclusiveStartKey: av(input.ExclusiveStartKey as Record<string, unknown> | undefined),
      ExpressionAttributeNames: Object.keys(keptNames).length ? keptNames : undefined,
      ExpressionAttributeValues: Object.keys(keptValues).length ? av(keptValues) : undefined,
    };
    return this.#timed(async () => {
      const out =
        op === 'Query'
          ? await this.side.send(
              new QueryCommand({
                ...common,
                KeyConditionExpression: keyCondition,
                ScanIndexForward: input.ScanIndexForward as boolean | undefined,
              }),
            )
          : await this.side.send(new ScanCommand(common));
      return (out.Items ?? []) as Record<string, AttributeValue>[];
    });
  }
}
