/**
 * Bursts of staff SLA warnings queued straight onto notify-events (the test of the send-rate limit
 * and the notify bench share them): `sla.warning` needs no complaint, and each one asks for one
 * email to its own assignee, so every message has an address of its own to count in the mailbox.
 * Sends are counted where they start, in-process, by wrapping the provider sender the rate
 * limiter wraps (the mailbox's own timestamps include the HTTP hop, which may cross a second).
 */
import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { EVENT_SOURCE, type EventEnvelope } from '#shared/contracts/events/index';
import type { Sender } from '../domain/deliver';

export const STAFF_DOMAIN = 'staff.complaint-care.local';

export function slaWarning(tag: string, i: number, at = new Date()): EventEnvelope {
  return {
    id: `${tag}-${i}-${randomUUID()}`,
    type: 'sla.warning',
    version: 1,
    source: EVENT_SOURCE,
    occurredAt: at.toISOString(),
    correlationId: `${tag}-${i}`,
    data: {
      complaintId: `${tag}-${i}`,
      reference: `CC-${tag}-${i}`,
      clock: 'resolve',
      regime: 'cn-nfra',
      dueAt: new Date(at.getTime() + 86_400_000).toISOString(),
      customerFacing: true,
      assignee: `${tag}-${i}`,
      team: 'claims',
      priority: 'P2',
      threshold: 0.8,
      notify: 'assignee',
    },
  };
}

/** The address the staff directory gives the warning's assignee (adapters/deps.ts). */
export const addressOf = (tag: string, i: number) => `${tag}-${i}@${STAFF_DOMAIN}`;

/** Queues the envelopes as the bus would (an EventBridge event per message), 10 per call. */
export async function queueAll(
  sqs: SQSClient,
  queueUrl: string,
  envelopes: readonly EventEnvelope[],
  inFlight = 8,
): Promise<void> {
  const batches: EventEnvelope[][] = [];
  for (let i = 0; i < envelopes.length; i += 10) batches.push(envelopes.slice(i, i + 10));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const result = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((envelope, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify({
              version: '0',
              id: randomUUID(),
              'detail-type': envelope.type,
              source: envelope.source,
              account: '000000000000',
              time: envelope.occurredAt.replace(/\.\d{3}Z$/, 'Z'),
              region: 'local',
              resources: [],
              detail: envelope,
            }),
          })),
        }),
      );
      if (result.Failed?.length) throw new Error(`${result.Failed.length} messages were not queued`);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}

export interface SendStart {
  readonly at: number;
  readonly address: string;
}

/**
 * Records when each call of `sender.send` starts (wall clock), until `stop()`. The rate limiter
 * calls `sender.send` at send time, so it calls this wrapper too.
 */
export function recordSendStarts(sender: Sender): { starts: SendStart[]; stop: () => void } {
  const original = sender.send;
  const starts: SendStart[] = [];
  sender.send = (request, message) => {
    starts.push({ at: Date.now(), address: request.recipient.address });
    return original.call(sender, request, message);
  };
  return { starts, stop: () => (sender.send = original) };
}

/** Sends started in each calendar second (epoch seconds) and the busiest second's count. */
export function perSecond(starts: readonly SendStart[]): { peak: number; seconds: Map<number, number> } {
  const seconds = new Map<number, number>();
  for (const s of starts) {
    const second = Math.floor(s.at / 1000);
    seconds.set(second, (seconds.get(second) ?? 0) + 1);
  }
  return { peak: Math.max(0, ...seconds.values()), seconds };
}

export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const result = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(result.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(result.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
