/**
 * Lambda's DynamoDB stream event source mapping, locally: reads the table's stream from the
 * beginning (TRIM_HORIZON), invokes the function with real stream records, and on a reported
 * `batchItemFailures` entry resumes from exactly that sequence number, retrying up to the
 * topology's maxRetries before skipping it (Lambda would send it to the on-failure destination).
 * Records the stream's filters do not pass are dropped unseen, as Lambda's FilterCriteria does.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamSpec } from '../topology-types';
import { matchesPattern } from './event-pattern';
import type { Invoker } from './invoke';
import { localLog } from './log';
import { PollingLoop } from './polling-loop';

export function toStreamEvent(
  records: readonly StreamRecord[],
  streamArn: string,
  region: string,
): DynamoDBStreamEvent {
  return {
    Records: records.map(
      (r): DynamoDBRecord => ({
        eventID: r.eventID,
        eventName: r.eventName as DynamoDBRecord['eventName'],
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: region,
        eventSourceARN: streamArn,
        dynamodb: {
          ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
            ? Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
            : undefined,
          Keys: r.dynamodb?.Keys as never,
          NewImage: r.dynamodb?.NewImage as never,
          OldImage: r.dynamodb?.OldImage as never,
          SequenceNumber: r.dynamodb?.SequenceNumber,
          SizeBytes: r.dynamodb?.SizeBytes,
          StreamViewType: r.dynamodb?.StreamViewType,
        },
      }),
    ),
  };
}

export class StreamPoller extends PollingLoop {
  /** Records read from the stream but not yet handled; `settled()` waits for zero. */
  pending = 0;
  lastReadEmpty = false;

  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly streams: DynamoDBStreamsClient,
    private readonly spec: StreamSpec,
    private readonly tableName: string,
    private readonly invoker: Invoker,
    private readonly region: string,
  ) {
    super();
  }

  /** What `settle()` names when this stream is still busy. */
  get label(): string {
    return `stream ${this.spec.table} → ${this.spec.function}`;
  }

  protected async run(): Promise<void> {
    const table = await this.dynamo.send(new DescribeTableCommand({ TableName: this.tableName }));
    const streamArn = table.Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`table ${this.tableName} has no stream`);
    // Per shard: the current iterator and the last sequence number read, to resume after it when
    // DynamoDB Local invalidates an iterator (it does so for idle shards).
    const shards = new Map<string, { iterator: string | undefined; lastRead: string | undefined }>();
    const iteratorFor = async (shardId: string, lastRead: string | undefined) =>
      (
        await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ...(lastRead
              ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: lastRead }
              : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        )
      ).ShardIterator;
    let buffered: StreamRecord[] = [];
    let attempts = 0;

    while (this.running) {
      try {
        const stream = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
        for (const shard of stream.StreamDescription?.Shards ?? []) {
          if (shards.has(shard.ShardId!)) continue;
          shards.set(shard.ShardId!, {
            iterator: await iteratorFor(shard.ShardId!, undefined),
            lastRead: undefined,
          });
        }
        let readAny = false;
        for (const [shardId, shard] of shards) {
          if (!shard.iterator) continue;
          let result: GetRecordsCommandOutput;
          try {
            result = await this.streams.send(
              new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: 1000 }),
            );
          } catch (error) {
            const name = (error as Error).name;
            if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
            shard.iterator = await iteratorFor(shardId, shard.lastRead);
            continue;
          }
          shard.iterator = result.NextShardIterator;
          if (result.Records?.length) {
            buffered.push(...result.Records.filter((r) => this.#passesFilters(r, streamArn)));
            shard.lastRead = result.Records.at(-1)?.dynamodb?.SequenceNumber;
            readAny = true;
          }
        }
        this.pending = buffered.length;
        this.lastReadEmpty = !readAny && buffered.length === 0;
        while (buffered.length > 0 && this.running) {
          const batch = buffered.slice(0, this.spec.batchSize);
          const retryFrom = await this.#invoke(batch, streamArn);
          const failedAt = retryFrom ? batch.findIndex((r) => r.dynamodb?.SequenceNumber === retryFrom) : -1;
          if (failedAt < 0) {
            buffered = buffered.slice(batch.length);
            attempts = 0;
          } else if (++attempts > this.spec.maxRetries) {
            localLog.warn(
              `${this.spec.function}: stream record ${retryFrom} dropped after ${this.spec.maxRetries} retries`,
            );
            buffered = buffered.slice(failedAt + 1);
            attempts = 0;
          } else {
            buffered = buffered.slice(failedAt);
            await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempts)));
          }
          this.pending = buffered.length;
        }
        if (!readAny) await new Promise((r) => setTimeout(r, 200));
      } catch (error) {
        if (!this.running) return;
        localLog.warn(`stream poller ${this.tableName} error`, error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Whether a record passes the stream's filters, matched on its Lambda event shape like AWS does. */
  #passesFilters(record: StreamRecord, streamArn: string): boolean {
    const filters = this.spec.filters;
    if (!filters) return true;
    const [lambdaRecord] = toStreamEvent([record], streamArn, this.region).Records;
    return filters.some((pattern) =>
      matchesPattern(pattern, lambdaRecord as unknown as Record<string, unknown>),
    );
  }

  /** Returns the sequence number to resume from, or undefined when the batch is done. */
  async #invoke(batch: StreamRecord[], streamArn: string): Promise<string | undefined> {
    try {
      const response = (await this.invoker.invoke(
        this.spec.function,
        toStreamEvent(batch, streamArn, this.region),
      )) as DynamoDBBatchResponse | undefined;
      return response?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (error) {
      localLog.warn(`${this.spec.function} failed its stream batch`, error);
      return batch[0]?.dynamodb?.SequenceNumber;
    }
  }
}
