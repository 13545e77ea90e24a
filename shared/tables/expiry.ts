/**
 * An item's end by its `expiresAt` (epoch seconds, the tables' TTL attribute). DynamoDB deletes an
 * expired item days late (the local cloud never does), so a reader passes over an item by its
 * `expiresAt`, never by its absence. An item without one (written before its kind had a period,
 * not yet backfilled) is kept.
 */
const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

export const hasExpired = (item: Readonly<Record<string, unknown>>, now: Date): boolean =>
  typeof item.expiresAt === 'number' && item.expiresAt <= seconds(now);

/** The same test as a query's filter: its expression and the value it names. */
export const unexpiredFilter = (now: Date) => ({
  expression: 'attribute_not_exists(expiresAt) OR expiresAt > :unexpiredAfter',
  values: { ':unexpiredAfter': seconds(now) },
});
