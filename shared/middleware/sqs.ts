/**
 * The middleware stack for queue consumers. Each SQS record carries an EventBridge event whose
 * detail is our envelope; it is validated, then handled. A record that fails is reported in
 * `batchItemFailures` and comes back after the visibility timeout, then to the DLQ after the
 * subscription's maxReceiveCount; the other records of the batch are not retried.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { EventEnvelope } from '../contracts/events';
import { logger } from '../observability/logger';
import { withObservability } from './common';

export interface DeliveredEvent {
  readonly envelope: EventEnvelope;
  /** How many times SQS has delivered this record (1 on the first attempt). */
  readonly receiveCount: number;
  /** Name of the queue it came from. */
  readonly queue: string;
}

export function parseDelivery(record: SQSRecord): DeliveredEvent {
  const busEvent = JSON.parse(record.body) as { detail?: unknown };
  const parsed = EventEnvelope.safeParse(busEvent.detail);
  if (!parsed.success) throw new Error(`record ${record.messageId} is not a valid event envelope`);
  return {
    envelope: parsed.data,
    receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
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
function partialBatchHandler<T>(
  read: (record: SQSRecord) => ReadRecord<T>,
  handle: (value: T) => Promise<void>,
) {
  return withObservability<SQSEvent, SQSBatchResponse>(async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const { value, eventId, eventType, receiveCount } = read(record);
        logger.appendKeys({ eventId, eventType });
        try {
          await handle(value);
        } catch (error) {
          // the record comes back after the visibility timeout, then goes to the DLQ: say why
          logger.error('event handling failed', { receiveCount, error: error as Error });
          throw error;
        } finally {
          logger.removeKeys(['eventId', 'eventType']);
        }
      },
      processor,
      { context },
    );
  });
}

export function sqsHandler(handleEvent: (delivered: DeliveredEvent) => Promise<void>) {
  return partialBatchHandler((record) => {
    const delivered = parseDelivery(record);
    return {
      value: delivered,
      eventId: delivered.envelope.id,
      eventType: delivered.envelope.type,
      receiveCount: delivered.receiveCount,
    };
  }, handleEvent);
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
      receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
    };
  }, handleEvent);
}
