/**
 * Keys of outbox items, apart from the code that writes them so the relay's bundle stays free of
 * the event schema and the id generator it does not need.
 */
export const OUTBOX_KIND = 'outbox';

export function outboxKey(eventId: string) {
  return { pk: `OUTBOX#${eventId}`, sk: 'OUTBOX' };
}
