/**
 * Keys of outbox items, apart from the code that writes them so the relay's bundle stays free of
 * the event schema and the id generator it does not need.
 */
export const OUTBOX_KIND = 'outbox';

const OUTBOX_PREFIX = 'OUTBOX#';

export function outboxKey(eventId: string) {
  return { pk: `${OUTBOX_PREFIX}${eventId}`, sk: 'OUTBOX' };
}

/** The event id an outbox item's partition key carries. */
export const eventIdOfOutboxKey = (pk: string) => pk.slice(OUTBOX_PREFIX.length);
export const isOutboxKey = (pk: unknown) => String(pk).startsWith(OUTBOX_PREFIX);

/**
 * The stream records the relay publishes, as a Lambda event filter pattern (the same syntax as an
 * EventBridge pattern, applied to the stream record): new outbox items only. With it on the event
 * source, the relay never wakes for the table's other changes, its own `publishedAt` markers or
 * TTL removals. The relay still checks each record itself (pendingEvents), so a mapping without
 * the filter stays correct, only busier.
 */
export const outboxInsertFilter = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { kind: { S: [OUTBOX_KIND] } } },
} as const;
