/**
 * Lambda's DynamoDB stream event source mapping, locally: reads the table's stream from the
 * beginning (TRIM_HORIZON), invokes the function with real stream records, and on a reported
 * `batchItemFailures` entry resumes from exactly that sequence number, retrying up to the
 * topology's maxRetries before skipping it (Lambda would send it to the on-failure destination).
 * Records the stream's filters do not pass are dropped unseen, as Lambda's FilterCriteria does.
 *
 * Idle, it reads once a second, not five times: the cloud nudges it the moment a write to its
 * table is acknowledged (`nudge`), so records are read within a tenth of a second without polling.
 * Polling every 200 ms kept a quarter of a core busy per idle cloud (DynamoDB Local's JVM and the
 * SDK), which on a 2-core machine running two test files slowed every other test.
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

/** How long an idle poller waits for a nudge before it reads anyway (writes the cloud does not see). */
const IDLE_READ_MS = 1000;
/**
 * After an empty read, the least it waits even when nudged: a burst of writes is read in a few
 * reads, not one read per write (which kept DynamoDB Local busier than the 200 ms polling did).
 */
const NUDGED_READ_GAP_MS = 100;
/** Shards are listed again this often, and whenever none is open (DynamoDB Local rolls them now and then). */
const SHARD_LIST_MS = 5000;

export class StreamPoller extends PollingLoop {
  /** Records read from the stream but not yet handled; `settled()` waits for zero. */
  pending = 0;
  #lastReadEmpty = false;
  /** A write since the current read began: the poller reads again before it counts as idle. */
  #nudged = false;
  #wake: (() => void) | undefined;

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

  /** The table this poller reads the stream of (its physical name). */
  get table(): string {
    return this.tableName;
  }

  /** True when its last read found nothing new and nothing was written since that read began. */
  get lastReadEmpty(): boolean {
    return this.#lastReadEmpty && !this.#nudged;
  }

  /** Something may have been written to the table: read now, and do not count as idle until then. */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  override async stop(): Promise<void> {
    const stopped = super.stop();
    this.#wake?.();
    await stopped;
  }

  /** Waits `ms`, or less when nudged (at once when nudged already). */
  #idle(ms: number): Promise<void> {
    if (this.#nudged) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#wake?.(), ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
    });
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
    let shardsListedAt = Number.NEGATIVE_INFINITY;

    while (this.running) {
      try {
        this.#nudged = false;
        const noneOpen = ![...shards.values()].some((shard) => shard.iterator);
        if (noneOpen || Date.now() - shardsListedAt >= SHARD_LIST_MS) {
          shardsListedAt = Date.now();
          const stream = await this.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
          for (const shard of stream.StreamDescription?.Shards ?? []) {
            if (shards.has(shard.ShardId!)) continue;
            shards.set(shard.ShardId!, {
              iterator: await iteratorFor(shard.ShardId!, undefined),
              lastRead: undefined,
            });
          }
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
        this.#lastReadEmpty = !readAny && buffered.length === 0;
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
        if (!readAny) {
          await new Promise((r) => setTimeout(r, NUDGED_READ_GAP_MS));
          await this.#idle(IDLE_READ_MS - NUDGED_READ_GAP_MS);
        }
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
