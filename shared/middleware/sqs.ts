/**
 * The middleware stack for queue consumers. Each SQS record carries an EventBridge event whose
 * detail is our envelope; it is validated, then handled. A record that fails is reported in
 * `batchItemFailures` and comes back after the visibility timeout, then to the DLQ after the
 * subscription's maxReceiveCount; the other records of the batch are not retried — also when every
 * record fails: that is reported record by record, never as a failed invocation. A record that
 * fails with `RetryLater` (a full send rate), or on a throttled AWS dependency, comes back after its
 * few seconds (doubled on each receive) instead of the whole visibility timeout.
 */
import {
  EventType as BatchEventType,
  BatchProcessor,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { ChangeMessageVisibilityCommand, SQSClient } from '#shared/aws/sqs';
import { type CatalogEvent, type EventType, parseEvent } from '../contracts/events';
import { queueUrlEnvVar } from '../env';
import { logger } from '../observability/logger';
import { isThrottled, RetryLater, THROTTLED_RETRY_SECONDS } from '../retry-later';
import { withObservability } from './common';

/** Only queue consumers need SQS themselves (the event source mapping receives and deletes). */
let sqsClient: SQSClient | undefined;
const sqs = () => {
  // the queue URL names the queue; the endpoint stays the configured one (the emulator's, locally)
  sqsClient ??= new SQSClient({ useQueueUrlAsEndpoint: false });
  return sqsClient;
};

/** A record's queue URL: the bound one when set (the local cloud sets all), else from its ARN. */
export function queueUrlOf(record: Pick<SQSRecord, 'eventSourceARN'>): string {
  const [, , , region, account, name] = record.eventSourceARN.split(':');
  return process.env[queueUrlEnvVar(name ?? '')] ?? `https://sqs.${region}.amazonaws.com/${account}/${name}`;
}

/** The longest a record that asks to be retried shortly is kept out of sight. */
const MAX_RETRY_LATER_SECONDS = 300;

/**
 * `seconds`, doubled on each further receive (a rate still busy on the third try is busier than a
 * few seconds), plus up to `seconds` of jitter so the records of one batch do not all return in the
 * same second.
 */
export function backoff(seconds: number, receiveCount: number, random = Math.random): number {
  const base = Math.min(MAX_RETRY_LATER_SECONDS, seconds * 2 ** Math.max(0, receiveCount - 1));
  return Math.ceil(base + random() * seconds);
}

/** SQS keeps a message out of sight for at most 12 hours. */
const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * Puts the record back in sight after `seconds` (the event source mapping's role may change the
 * visibility of what it received). If that fails, the record simply waits out the visibility
 * timeout, as any failed record does: slower, never lost.
 */
async function retryAfter(record: SQSRecord, seconds: number): Promise<void> {
  try {
    await sqs().send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrlOf(record),
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(seconds))),
      }),
    );
  } catch (error) {
    logger.warn('could not shorten the visibility of a record to retry', { error: error as Error });
  }
}

export interface DeliveredEvent<T extends EventType = EventType> {
  /** The event, its data checked against its type's schema in the catalog. */
  readonly envelope: CatalogEvent<T>;
  /** How many times SQS has delivered this record (1 on the first attempt). */
  readonly receiveCount: number;
  /** Name of the queue it came from. */
  readonly queue: string;
}

/** A record that is not an event its consumer can take: a retry cannot fix it, the DLQ keeps it. */
export class MalformedEvent extends Error {
  constructor(
    readonly eventId: string | undefined,
    readonly eventType: string | undefined,
    reason: string,
  ) {
    super(reason);
    this.name = 'MalformedEvent';
  }
}

const receiveCountOf = (record: SQSRecord) => Number(record.attributes.ApproximateReceiveCount ?? 1);

/** The record's event, checked against the catalog for the types its consumer takes; throws `MalformedEvent`. */
export function parseDelivery<T extends EventType>(
  record: SQSRecord,
  eventTypes: readonly T[],
): DeliveredEvent<T> {
  let detail: unknown;
  try {
    detail = (JSON.parse(record.body) as { detail?: unknown }).detail;
  } catch {
    throw new MalformedEvent(undefined, undefined, `record ${record.messageId} is not JSON`);
  }
  const parsed = parseEvent(detail, eventTypes);
  if (!parsed.ok) throw new MalformedEvent(parsed.id, parsed.type, parsed.reason);
  return {
    envelope: parsed.event,
    receiveCount: receiveCountOf(record),
    queue: record.eventSourceARN.split(':').pop() ?? '',
  };
}

/** One record as the batch handler logs it: the value to handle and the keys to log it by. */
interface ReadRecord<T> {
  readonly value: T;
  readonly eventId: string;
  readonly eventType: string;
  readonly receiveCount: number;
}

/**
 * A queue consumer with partial batch responses: each record is read (a record that cannot be read
 * fails), then handled with its event id and type on every log line; a failure is logged and
 * reported in `batchItemFailures`.
 */
export function partialBatchHandler<T>(
  read: (record: SQSRecord) => ReadRecord<T>,
  handle: (value: T) => Promise<void>,
) {
  return withObservability<SQSEvent, SQSBatchResponse>(async (event, context) => {
    const processor = new BatchProcessor(BatchEventType.SQS);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        let readRecord: ReadRecord<T>;
        try {
          readRecord = read(record);
        } catch (error) {
          // the reason names the paths and rules broken, never the values (they can be personal data)
          logger.error('event refused', {
            ...(error instanceof MalformedEvent && { eventId: error.eventId, eventType: error.eventType }),
            receiveCount: receiveCountOf(record),
            reason: (error as Error).message,
          });
          throw error;
        }
        const { value, eventId, eventType, receiveCount } = readRecord;
        logger.appendKeys({ eventId, eventType });
        try {
          await handle(value);
        } catch (error) {
          // a throttled dependency (DynamoDB past the SDK's retries) is cured by time, not by the
          // queue's own redelivery, which would spend the record's receives while it lasts
          const later =
            error instanceof RetryLater
              ? error
              : isThrottled(error)
                ? new RetryLater(`throttled: ${(error as Error).name}`, THROTTLED_RETRY_SECONDS)
                : undefined;
          if (later) {
            // only this record waits, and only a few seconds; the rest of the batch is done
            // the record's keys named again: the batch's records run concurrently, and another's
            // `finally` may already have removed the appended ones
            logger.info('record retried shortly', {
              eventId,
              eventType,
              receiveCount,
              seconds: later.seconds,
              why: later.message,
            });
            await retryAfter(record, backoff(later.seconds, receiveCount));
            throw error;
          }
          // the record comes back after the visibility timeout, then goes to the DLQ: say why
          logger.error('event handling failed', { eventId, eventType, receiveCount, error: error as Error });
          throw error;
        } finally {
          logger.removeKeys(['eventId', 'eventType']);
        }
      },
      processor,
      // a batch whose records all failed is still answered record by record (the same records come
      // back), not as a failed invocation that Lambda would count against the function
      { context, throwOnFullBatchFailure: false },
    );
  });
}

/**
 * A consumer of catalog events of `eventTypes` (the types its subscription routes to it): each
 * record's envelope and data are checked against the catalog before `handleEvent` sees them, so it
 * receives typed data. A record that fails the check (or of another type) fails with its reason
 * and reaches the DLQ after the subscription's maxReceiveCount.
 */
export function sqsHandler<T extends EventType>(
  eventTypes: readonly T[],
  handleEvent: (delivered: DeliveredEvent<T>) => Promise<void>,
) {
  const handler = partialBatchHandler((record) => {
    const delivered = parseDelivery(record, eventTypes);
    return {
      value: delivered,
      eventId: delivered.envelope.id,
      eventType: delivered.envelope.type,
      receiveCount: delivered.receiveCount,
    };
  }, handleEvent);
  // the topology test checks these against the subscription's event types
  return Object.assign(handler, { eventTypes });
}

/** An EventBridge event as a rule delivers it to a queue, for events that are not ours (AWS services'). */
export interface ForeignBusEvent {
  readonly id: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: unknown;
}

/**
 * Like `sqsHandler`, for subscriptions to events AWS services put on the default bus (SES
 * feedback): the record is the raw EventBridge event, not our envelope.
 */
export function sqsForeignEventHandler(handleEvent: (event: ForeignBusEvent) => Promise<void>) {
  return partialBatchHandler((record) => {
    const busEvent = JSON.parse(record.body) as ForeignBusEvent;
    return {
      value: busEvent,
      eventId: busEvent.id,
      eventType: busEvent['detail-type'],
      receiveCount: receiveCountOf(record),
    };
  }, handleEvent);
}
