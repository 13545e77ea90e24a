/**
 * Creates the tables and queues in the emulators from the same definitions CDK uses: the table
 * declarations in shared/contracts/tables.ts and the subscriptions of the topology (queue, DLQ,
 * visibility timeout = 6 × function timeout, redrive after maxReceiveCount).
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type BucketDefinition, buckets } from '#shared/contracts/buckets';
import { type IndexDefinition, type TableDefinition, tables } from '#shared/contracts/tables';
import type { SubscriptionSpec, Topology } from '../topology-types';

/** Lambda's guidance: a queue's visibility timeout at least six times its function's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** `local-Complaints`; a cloud sharing DynamoDB Local with others gives its tables a prefix of its own. */
export function localTableName(table: TableDefinition, prefix = 'local-'): string {
  return `${prefix}${table.id}`;
}

/** `local-attachments`, `local-inbound-mail`: S3 names are lower case. */
export function localBucketName(bucket: BucketDefinition): string {
  return `local-${bucket.id.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}`;
}

/** The bucket names by id; s3rver creates the buckets themselves as it starts (s3-emulator.ts). */
export const localBucketNames: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(buckets).map((bucket) => [bucket.id, localBucketName(bucket)]),
);

export async function createTables(client: DynamoDBClient, prefix?: string): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const table of Object.values(tables)) {
    const name = localTableName(table, prefix);
    names[table.id] = name;
    const keyNames = new Set<string>([table.partitionKey, table.sortKey]);
    for (const index of table.indexes) {
      keyNames.add(index.partitionKey);
      if (index.sortKey) keyNames.add(index.sortKey);
    }
    const attributes: AttributeDefinition[] = [...keyNames].map((AttributeName) => ({
      AttributeName,
      AttributeType: 'S',
    }));
    try {
      const existing = await client.send(new DescribeTableCommand({ TableName: name }));
      // file-backed data survives a restart; an index declared since is added to it (items
      // written before then are not in it)
      await addMissingIndexes(client, name, table, attributes, existing.Table?.GlobalSecondaryIndexes);
      continue;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes,
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes:
          table.indexes.length > 0
            ? table.indexes.map((index) => ({
                IndexName: index.name,
                ...indexSchema(index),
              }))
            : undefined,
        StreamSpecification: table.stream
          ? { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' }
          : undefined,
      }),
    );
    // No TTL is turned on here. DynamoDB Local purges an expired item within seconds, judged by the
    // machine's wall clock, not the local cloud's movable one: a story set in June would lose its
    // records (an outbox copy, a follow-up due + 30 days) while it runs. Nothing relies on the
    // purge: readers judge an item's end by its `expiresAt`, as on AWS, where the purge comes
    // days late. CDK turns TTL on (infra/stacks/stateful-stack.ts).
  }
  return names;
}

/** Drops a cloud's tables from a DynamoDB Local it shared, so the next cloud's run starts lean. */
export async function deleteTables(client: DynamoDBClient, names: Iterable<string>): Promise<void> {
  await Promise.all(
    [...names].map((TableName) =>
      client.send(new DeleteTableCommand({ TableName })).catch((error: unknown) => {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }),
    ),
  );
}

function indexSchema(index: IndexDefinition) {
  return {
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    Projection:
      index.projection === 'include'
        ? { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...(index.include ?? [])] }
        : { ProjectionType: index.projection === 'keys-only' ? ('KEYS_ONLY' as const) : ('ALL' as const) },
  };
}

/** Adds the declared indexes a table kept under `.data/` does not have yet, one per update as DynamoDB asks. */
async function addMissingIndexes(
  client: DynamoDBClient,
  name: string,
  table: TableDefinition,
  attributes: AttributeDefinition[],
  existing: readonly { IndexName?: string }[] | undefined,
): Promise<void> {
  const present = new Set((existing ?? []).map((i) => i.IndexName));
  for (const index of table.indexes.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.name, ...indexSchema(index) } }],
      }),
    );
  }
}

export interface LocalQueue {
  readonly subscription: SubscriptionSpec;
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly visibilityTimeoutSeconds: number;
}

export async function createQueues(
  client: SQSClient,
  topology: Topology,
  visibilityTimeoutOverride?: number,
): Promise<LocalQueue[]> {
  const queues: LocalQueue[] = [];
  for (const subscription of topology.subscriptions) {
    const fn = topology.functions[subscription.function]!;
    const dlq = await client.send(new CreateQueueCommand({ QueueName: `${subscription.queue}-dlq` }));
    const dlqArn = await queueArn(client, dlq.QueueUrl!);
    const visibilityTimeoutSeconds =
      visibilityTimeoutOverride ?? fn.timeoutSeconds * VISIBILITY_TIMEOUT_FACTOR;
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: subscription.queue,
        Attributes: {
          VisibilityTimeout: String(visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqArn,
            maxReceiveCount: subscription.maxReceiveCount,
          }),
        },
      }),
    );
    queues.push({
      subscription,
      url: queue.QueueUrl!,
      arn: await queueArn(client, queue.QueueUrl!),
      dlqUrl: dlq.QueueUrl!,
      visibilityTimeoutSeconds,
    });
  }
  return queues;
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const result = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return result.Attributes!.QueueArn!;
}
