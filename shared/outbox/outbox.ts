/**
 * The transactional outbox. A state change and the domain events it causes are written in one
 * DynamoDB `TransactWriteItems`, so an event exists exactly when its change was committed; the
 * relay (relay.handler.ts) publishes outbox items from the table stream to EventBridge.
 */
import {
  dynamo,
  TransactionCanceledException,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '../aws/dynamo';
import { clock } from '../clock';
import type { EventEnvelope } from '../contracts/events';
import { OUTBOX_KIND, outboxKey } from './outbox-keys';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Outbox items stay a week for audit and replay, then DynamoDB TTL removes them. */
const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

/** The `Put` that records one event in the outbox; never overwrites (a retry cannot double it). */
export function outboxPut(table: string, event: EventEnvelope): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: {
        ...outboxKey(event.id),
        kind: OUTBOX_KIND,
        event,
        expiresAt: Math.floor(clock.now().getTime() / 1000) + OUTBOX_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Commits state changes and their events atomically. DynamoDB allows 100 items per transaction;
 * a use case that needs more is doing too much in one step.
 */
export async function commitWithEvents(
  table: string,
  changes: readonly TransactItem[],
  events: readonly EventEnvelope[],
  clientRequestToken?: string,
): Promise<void> {
  const items = [...changes, ...events.map((event) => outboxPut(table, event))];
  if (items.length > 100) throw new Error(`transaction of ${items.length} items exceeds DynamoDB's 100`);
  await dynamo().send(
    new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }),
  );
}

/**
 * Whether a transaction was refused by a condition: of its item at `index`, or of any item. The
 * usual meaning is "someone changed it first", which callers answer without an error.
 */
export function refusedByCondition(error: unknown, index?: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = error.CancellationReasons ?? [];
  return index === undefined
    ? reasons.some((r) => r.Code === 'ConditionalCheckFailed')
    : reasons[index]?.Code === 'ConditionalCheckFailed';
}
