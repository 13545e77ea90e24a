/**
 * What the DynamoDB benches (care, sla, cases) share: DynamoDB Local in memory with the real tables
 * and the shared `dynamo()` client pointed at it, a bulk loader and its batch writer, and a middleware on a client's
 * stack that sees every call, with the count of items a call read.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/aws/clients';
import { tables } from '#shared/contracts/tables';
import { type Emulators, LOCAL_CREDENTIALS, LOCAL_REGION, startEmulators } from '../infra/local/emulators';
import { createTables } from '../infra/local/resources';

/** A low-level client on the DynamoDB Local at `endpoint`, with the local region and credentials. */
export function localDynamoClient(endpoint: string | undefined): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** A document client for BatchWriteItem loads (undefined attributes dropped, as the stores write). */
export function bulkLoader(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/** BatchWriteItem calls made and unprocessed-item resends, counted as they happen (progress reads them). */
export interface WriteCounts {
  calls: number;
  retries: number;
}

/** Writes one batch (at most 25 items), resending what DynamoDB left unprocessed with a growing pause. */
export async function writeBatch(
  loader: DynamoDBDocumentClient,
  tableName: string,
  batch: readonly Record<string, unknown>[],
  counts: WriteCounts,
): Promise<void> {
  let requests = batch.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt > 0) {
      counts.retries++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 20 * 2 ** attempt)));
    }
    counts.calls++;
    const result = await loader.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
    requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
  }
}

export interface BenchDynamo {
  readonly emulators: Emulators;
  /** The bench's own client on it (table creation, bulk loads, DescribeTable). */
  readonly admin: DynamoDBClient;
  /** Destroys the bench's client and the shared one, and stops DynamoDB Local. */
  stop(): Promise<void>;
}

/** Starts DynamoDB Local (in memory, no SES). */
export async function startBenchDynamo(): Promise<BenchDynamo> {
  const emulators = await startEmulators({ sesPort: 0 });
  const admin = localDynamoClient(emulators.dynamoEndpoint);
  return {
    emulators,
    admin,
    async stop() {
      admin.destroy();
      dynamo().destroy();
      await emulators.stop();
    },
  };
}

/**
 * Creates the real tables (createTables) and points this process at them: AWS region, credentials
 * and endpoint, and every table's environment variable; returns the table names and a bulk loader.
 */
export async function useBenchTables({ emulators, admin }: BenchDynamo) {
  const names = await createTables(admin);
  Object.assign(process.env, {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamoEndpoint,
  });
  for (const t of Object.values(tables)) process.env[t.envVar] = names[t.id];
  return { names, loader: bulkLoader(admin) };
}

export type CallMiddleware = (
  next: (args: { input: unknown }) => Promise<{ output: unknown }>,
  context: { commandName?: string },
) => (args: { input: unknown }) => Promise<{ output: unknown }>;

/** Adds `middleware` at the start of the client's stack (initialize step, high priority). */
export function addCallMiddleware(
  client: { middlewareStack: unknown },
  name: string,
  middleware: CallMiddleware,
) {
  (
    client.middlewareStack as {
      add(middleware: CallMiddleware, options: { step: 'initialize'; name: string; priority: 'high' }): void;
    }
  ).add(middleware, { step: 'initialize', name, priority: 'high' });
}

/**
 * Items a call read and returned: ScannedCount and Count of a Query or Scan, the item a GetItem
 * found, the items of a BatchGetItem; 0 for anything else. `commandName` as the low-level or the
 * document client names it (`GetItemCommand`, `GetCommand`, ...).
 */
export function itemsOfCall(commandName: string, output: unknown): { read: number; returned: number } {
  const op = commandName.replace(/Command$/, '');
  const out = output as {
    Item?: unknown;
    Count?: number;
    ScannedCount?: number;
    Responses?: Record<string, unknown[]>;
  };
  if (op === 'Query' || op === 'Scan') return { read: out.ScannedCount ?? 0, returned: out.Count ?? 0 };
  if (op === 'Get' || op === 'GetItem') {
    const n = out.Item ? 1 : 0;
    return { read: n, returned: n };
  }
  if (op === 'BatchGet' || op === 'BatchGetItem') {
    const n = Object.values(out.Responses ?? {}).reduce((s, items) => s + items.length, 0);
    return { read: n, returned: n };
  }
  return { read: 0, returned: 0 };
}
