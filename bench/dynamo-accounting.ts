/**
 * DynamoDB accounting for the intake bench: a middleware on a client's stack that asks every call
 * for `ReturnConsumedCapacity: 'INDEXES'`, times it and sums the capacity the emulator reports,
 * per phase, per calling function and per operation; and DynamoDB's documented item-size rules to
 * compute what AWS would charge for an item.
 */
import type { AttributeValue, ConsumedCapacity } from '@aws-sdk/client-dynamodb';

export interface OperationStats {
  /** The function whose invocation made the call (`bench` outside any handler). */
  readonly fn: string;
  /** `Query Complaints.gsi2`, `TransactWriteItems Complaints ×4`, ... */
  readonly op: string;
  calls: number;
  failures: number;
  /** Sum of the CapacityUnits reported (table + indexes). */
  units: number;
  tableUnits: number;
  indexUnits: number;
  /** Calls whose response carried a ConsumedCapacity at all. */
  reported: number;
  /** Keys read (GetItem 1, BatchGetItem its keys, Query 1 per call) or items written (transactions). */
  keys: number;
  /** Of those, read with ConsistentRead. */
  consistentKeys: number;
  /** Wall time of each call through the client (marshalling, signing, HTTP round trip). */
  readonly ms: number[];
}

interface StackLike {
  add(
    middleware: (
      next: (args: { input: unknown; request?: unknown }) => Promise<{ output: unknown }>,
      context: { commandName?: string },
    ) => (args: { input: unknown; request?: unknown }) => Promise<{ output: unknown }>,
    options: { step: 'initialize' | 'build'; name: string; priority: 'high' },
  ): void;
}

const COMMANDS_WITH_CAPACITY = new Set([
  'GetItemCommand',
  'BatchGetItemCommand',
  'QueryCommand',
  'ScanCommand',
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'TransactGetItemsCommand',
]);

/** `Query Complaints.gsi2`, `TransactWriteItems Complaints ×4`, `BatchGetItem Customers` ... */
function operationKey(commandName: string, input: Record<string, unknown>, tableIds: Map<string, string>) {
  const op = commandName.replace(/Command$/, '');
  const id = (name: unknown) => tableIds.get(String(name)) ?? String(name);
  if (op === 'TransactWriteItems' || op === 'TransactGetItems') {
    const items = (input.TransactItems as Record<string, { TableName?: string }>[] | undefined) ?? [];
    const tables = new Set(items.map((item) => id(Object.values(item)[0]?.TableName)));
    return `${op} ${[...tables].sort().join('+')} ×${items.length}`;
  }
  if (op === 'BatchGetItem' || op === 'BatchWriteItem') {
    const tables = Object.keys((input.RequestItems as Record<string, unknown> | undefined) ?? {}).map(id);
    return `${op} ${tables.sort().join('+')}`;
  }
  const index = input.IndexName ? `.${String(input.IndexName)}` : '';
  return `${op} ${id(input.TableName)}${index}`;
}

/** How many keys (or transaction items) a call touches, and how many of them are read consistently. */
function keysOf(commandName: string, input: Record<string, unknown>): { keys: number; consistent: number } {
  if (commandName === 'BatchGetItemCommand') {
    let keys = 0;
    let consistent = 0;
    for (const request of Object.values(
      (input.RequestItems as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>) ?? {},
    )) {
      keys += request.Keys?.length ?? 0;
      if (request.ConsistentRead) consistent += request.Keys?.length ?? 0;
    }
    return { keys, consistent };
  }
  if (commandName === 'TransactWriteItemsCommand' || commandName === 'TransactGetItemsCommand')
    return { keys: (input.TransactItems as unknown[] | undefined)?.length ?? 0, consistent: 0 };
  return { keys: 1, consistent: input.ConsistentRead ? 1 : 0 };
}

function sumCapacity(capacity: ConsumedCapacity | ConsumedCapacity[] | undefined) {
  const list = capacity === undefined ? [] : Array.isArray(capacity) ? capacity : [capacity];
  let units = 0;
  let tableUnits = 0;
  let indexUnits = 0;
  for (const c of list) {
    units += c.CapacityUnits ?? 0;
    tableUnits += c.Table?.CapacityUnits ?? 0;
    for (const index of Object.values(c.GlobalSecondaryIndexes ?? {})) indexUnits += index.CapacityUnits ?? 0;
    for (const index of Object.values(c.LocalSecondaryIndexes ?? {})) indexUnits += index.CapacityUnits ?? 0;
  }
  return { units, tableUnits, indexUnits, reported: list.length > 0 };
}

export class DynamoAccounting {
  /** Calls are booked under the phase current when they start. */
  phase = 'setup';
  readonly #phases = new Map<string, Map<string, OperationStats>>();
  readonly #tableIds: Map<string, string>;
  readonly #caller: () => string;
  /** Called with the wire body (low-level JSON) of every TransactWriteItems and its caller. */
  onTransactWrite: ((fn: string, body: string) => void) | undefined;

  /**
   * `tableNames` maps logical table ids to physical names, so keys read `Complaints`, not
   * `local-Complaints`; `caller` names the function a call is made for (e.g. from AsyncLocalStorage).
   */
  constructor(tableNames: Readonly<Record<string, string>>, caller: () => string) {
    this.#tableIds = new Map(Object.entries(tableNames).map(([id, name]) => [name, id]));
    this.#caller = caller;
  }

  attach(client: { middlewareStack: unknown }, name = 'benchDynamoAccounting'): void {
    (client.middlewareStack as StackLike).add(
      (next, context) => async (args) => {
        const commandName = context.commandName ?? 'UnknownCommand';
        if (!COMMANDS_WITH_CAPACITY.has(commandName)) return next(args);
        const input = { ...(args.input as Record<string, unknown>), ReturnConsumedCapacity: 'INDEXES' };
        const stats = this.#stats(
          this.phase,
          this.#caller(),
          operationKey(commandName, input, this.#tableIds),
        );
        const started = performance.now();
        stats.calls++;
        const touched = keysOf(commandName, input);
        stats.keys += touched.keys;
        stats.consistentKeys += touched.consistent;
        try {
          const result = await next({ ...args, input });
          stats.ms.push(performance.now() - started);
          const output = result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] };
          const sum = sumCapacity(output.ConsumedCapacity);
          stats.units += sum.units;
          stats.tableUnits += sum.tableUnits;
          stats.indexUnits += sum.indexUnits;
          if (sum.reported) stats.reported++;
          return result;
        } catch (error) {
          stats.failures++;
          throw error;
        }
      },
      { step: 'initialize', name, priority: 'high' },
    );
    // after serialisation: the exact items on the wire, in DynamoDB's attribute-value JSON
    (client.middlewareStack as StackLike).add(
      (next, context) => async (args) => {
        const body = (args.request as { body?: unknown } | undefined)?.body;
        if (context.commandName === 'TransactWriteItemsCommand' && this.onTransactWrite) {
          // a string, or UTF-8 bytes (the SDK's JSON codec hands a Uint8Array to the signer)
          const text =
            typeof body === 'string'
              ? body
              : body instanceof Uint8Array
                ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
                : undefined;
          if (text !== undefined) this.onTransactWrite(this.#caller(), text);
        }
        return next(args);
      },
      { step: 'build', name: `${name}Capture`, priority: 'high' },
    );
  }

  #stats(phase: string, fn: string, op: string): OperationStats {
    const key = `${fn}\u0000${op}`;
    let byOp = this.#phases.get(phase);
    if (!byOp) {
      byOp = new Map();
      this.#phases.set(phase, byOp);
    }
    let stats = byOp.get(key);
    if (!stats) {
      stats = {
        fn,
        op,
        calls: 0,
        failures: 0,
        units: 0,
        tableUnits: 0,
        indexUnits: 0,
        reported: 0,
        keys: 0,
        consistentKeys: 0,
        ms: [],
      };
      byOp.set(key, stats);
    }
    return stats;
  }

  operations(phase: string): readonly OperationStats[] {
    return [...(this.#phases.get(phase)?.values() ?? [])];
  }
}

// --- DynamoDB item size (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html) ---

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Numbers: about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const digits = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Size of one attribute value: strings and binaries by length, lists and maps 3 bytes + 1 per element. */
export function attributeValueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + utf8(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.length, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + attributeValueSize(v) + 1, 0);
  if (value.M !== undefined)
    return 3 + Object.entries(value.M).reduce((n, [k, v]) => n + utf8(k) + attributeValueSize(v) + 1, 0);
  return 0;
}

/** Item size as DynamoDB bills it: attribute names plus values. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [name, value]) => n + utf8(name) + attributeValueSize(value), 0);
}

/**
 * Read units AWS charges for GetItem/BatchGetItem keys or Query calls whose items (or result page)
 * stay under 4 KB: 1 per strongly consistent read, 0.5 per eventually consistent one, misses included.
 */
export function smallReadUnits(stats: Pick<OperationStats, 'keys' | 'consistentKeys'>): number {
  return stats.consistentKeys + (stats.keys - stats.consistentKeys) * 0.5;
}

/** Write units of one item: 1 per started KB, doubled for a transactional write. */
export function writeUnits(bytes: number, transactional: boolean): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (transactional ? 2 : 1);
}

/** Whether an operation key (`TransactWriteItems Complaints ×4`, `PutItem Messages` ...) writes. */
export const isWriteOperation = (op: string) =>
  /^(TransactWriteItems|PutItem|UpdateItem|DeleteItem|BatchWriteItem) /.test(op);
