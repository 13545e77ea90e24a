/**
 * Publishes committed outbox items to the event bus, once each. Stream records arrive at least
 * once (and again after any failure), so an item is marked `publishedAt` after PutEvents accepts
 * it and skipped when it comes round again; the first record that could not be published is
 * reported so the stream resumes exactly there.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { EventEnvelope } from '../contracts/events';
import { OUTBOX_KIND } from './outbox-keys';

/** What the relay needs from the outside world: the bus and the outbox's published markers. */
export interface OutboxPorts {
  /** Returns, per entry, whether the bus accepted it (PutEvents reports entries one by one). */
  publish(events: readonly EventEnvelope[]): Promise<boolean[]>;
  /** Ids among these that are already marked published (strongly consistent read). */
  alreadyPublished(table: string, eventIds: readonly string[]): Promise<Set<string>>;
  markPublished(table: string, eventIds: readonly string[]): Promise<void>;
}

export interface PendingEvent {
  readonly sequenceNumber: string;
  readonly table: string;
  readonly event: EventEnvelope;
}

/** EventBridge takes at most 10 entries per PutEvents call. */
const PUT_EVENTS_MAX = 10;

export function tableOfStreamArn(arn: string): string {
  // arn:aws:dynamodb:region:account:table/<name>/stream/<label>
  const match = /:table\/([^/]+)\/stream\//.exec(arn);
  if (!match?.[1]) throw new Error(`not a DynamoDB stream ARN: ${arn}`);
  return match[1];
}

/** Outbox inserts in stream order; every other change on the table is not the relay's concern. */
export function pendingEvents(records: readonly DynamoDBRecord[]): PendingEvent[] {
  const pending: PendingEvent[] = [];
  for (const record of records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image || image.kind?.S !== OUTBOX_KIND) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    pending.push({
      sequenceNumber: record.dynamodb?.SequenceNumber ?? '',
      table: tableOfStreamArn(record.eventSourceARN ?? ''),
      event: item.event as EventEnvelope,
    });
  }
  return pending;
}

/**
 * Relays a batch; returns the sequence number of the first record that must be retried, or
 * undefined when every outbox item is on the bus.
 */
export async function relay(
  records: readonly DynamoDBRecord[],
  ports: OutboxPorts,
): Promise<string | undefined> {
  const pending = pendingEvents(records);
  for (let start = 0; start < pending.length; start += PUT_EVENTS_MAX) {
    const chunk = pending.slice(start, start + PUT_EVENTS_MAX);
    const firstFailure = await relayChunk(chunk, ports);
    if (firstFailure) return firstFailure;
  }
  return undefined;
}

async function relayChunk(chunk: readonly PendingEvent[], ports: OutboxPorts): Promise<string | undefined> {
  const published = new Set<string>();
  for (const table of new Set(chunk.map((p) => p.table))) {
    const ids = chunk.filter((p) => p.table === table).map((p) => p.event.id);
    for (const id of await ports.alreadyPublished(table, ids)) published.add(id);
  }
  const toSend = chunk.filter((p) => !published.has(p.event.id));
  if (toSend.length === 0) return undefined;
  const accepted = await ports.publish(toSend.map((p) => p.event));
  const sent = toSend.filter((_, i) => accepted[i]);
  for (const table of new Set(sent.map((p) => p.table))) {
    await ports.markPublished(
      table,
      sent.filter((p) => p.table === table).map((p) => p.event.id),
    );
  }
  return toSend.find((_, i) => !accepted[i])?.sequenceNumber;
}
