/**
 * Queue consumers receive only events that keep the catalog's contract: for every catalog type, a
 * record whose data breaks its schema fails (it comes back, then waits in the DLQ) with its reason
 * logged without the values, and its batch-mates are handled with typed data.
 */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildEvent, type EventEnvelope, eventTypes } from '../contracts/events';
import { logger } from '../observability/logger';
import { type DeliveredEvent, sqsHandler } from './sqs';

const context = { functionName: 'contract-test', awsRequestId: 'req-1' } as Context;

function recordOf(detail: unknown, messageId: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: JSON.stringify({ 'detail-type': 'x', source: 'complaint-care', detail }),
    attributes: { ApproximateReceiveCount: '1' } as SQSRecord['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:contract-test',
    awsRegion: 'eu-west-1',
  };
}

const closed = () =>
  buildEvent(
    'complaint.closed',
    { complaintId: 'CMP-1', reference: 'R-1', closedAt: '2026-12-01T00:00:00.000Z' },
    'test',
  );

/** An envelope that is valid as an envelope but whose data breaks the type's schema. */
const broken = (type: EventEnvelope['type']): EventEnvelope => ({
  ...closed(),
  type,
  // a personal value in a wrong field: it must never reach the log
  data: { complaintId: 13800138000, customerName: '李四' },
});

afterEach(() => vi.restoreAllMocks());

describe('sqsHandler checks each record against the catalog', () => {
  it.each(eventTypes)(
    '%s: malformed data fails that record with its reason; the rest are handled',
    async (type) => {
      const errors = vi.spyOn(logger, 'error').mockImplementation(() => {});
      const handled: DeliveredEvent<'complaint.closed'>[] = [];
      const handler = sqsHandler([type, 'complaint.closed'], async (delivered) => {
        handled.push(delivered as DeliveredEvent<'complaint.closed'>);
      });
      const good = closed();
      const event: SQSEvent = { Records: [recordOf(broken(type), 'bad'), recordOf(good, 'good')] };

      const response = await handler(event, context);

      expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
      expect(handled.map((d) => d.envelope.id)).toEqual([good.id]);
      expect(handled[0]!.envelope.data.closedAt).toBe('2026-12-01T00:00:00.000Z');
      const logged = JSON.stringify(errors.mock.calls);
      expect(logged).toContain(`${type} data is invalid`);
      expect(logged).not.toContain('13800138000');
      expect(logged).not.toContain('李四');
    },
  );

  it('fails a record of a type its consumer does not take, and one that is not an envelope', async () => {
    vi.spyOn(logger, 'error').mockImplementation(() => {});
    const handle = vi.fn(async () => {});
    const handler = sqsHandler(['complaint.received'], handle);
    const response = await handler(
      { Records: [recordOf(closed(), 'other-type'), recordOf({ hello: 'world' }, 'not-envelope')] },
      context,
    );
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'other-type' },
      { itemIdentifier: 'not-envelope' },
    ]);
    expect(handle).not.toHaveBeenCalled();
  });
});
