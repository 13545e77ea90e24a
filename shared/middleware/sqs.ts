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

export function sqsHandler(handleEvent: (delivered: DeliveredEvent) => Promise<void>) {
  return withObservability<SQSEvent, SQSBatchResponse>(async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const delivered = parseDelivery(record);
        logger.appendKeys({ eventId: delivered.envelope.id, eventType: delivered.envelope.type });
        try {
          await handleEvent(delivered);
        } catch (error) {
          // the record comes back after the visibility timeout, then goes to the DLQ: say why
          logger.error('event handling failed', {
            receiveCount: delivered.receiveCount,
            error: error as Error,
          });
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
  return withObservability<SQSEvent, SQSBatchResponse>(async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(
      event,
      async (record: SQSRecord) => {
        const busEvent = JSON.parse(record.body) as ForeignBusEvent;
        logger.appendKeys({ eventId: busEvent.id, eventType: busEvent['detail-type'] });
        try {
          await handleEvent(busEvent);
        } catch (error) {
          logger.error('event handling failed', {
            receiveCount: Number(record.attributes.ApproximateReceiveCount ?? 1),
            error: error as Error,
          });
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
