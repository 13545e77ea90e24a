/**
 * The retention periods of the Relationship items (services/privacy/rules/retention.json): the
 * `expiresAt` a writer gives an item of a kind with a period, and the readers' test of it.
 * DynamoDB deletes an expired item days late (the local cloud never does), so a reader passes over
 * an item by its `expiresAt`, never by its absence.
 */
import { clock } from '#shared/clock';
import { recordExpiresAt } from '../../privacy/domain/retention-rules';

export type RelationshipPeriodKind =
  | 'feedback'
  | 'nps-cap'
  | 'nps-ask'
  | 'nps-answer'
  | 'invitation'
  | 'invitation-page'
  | 'rsvp-link';

/** Epoch seconds when the item goes, from its kind's rule; `event` for the kinds counted from its start. */
export const expiresAt = (
  kind: RelationshipPeriodKind,
  item: object,
  event?: { readonly startsAt: string },
): number =>
  recordExpiresAt('Relationship', kind, item as Readonly<Record<string, unknown>>, {
    now: clock.now(),
    event,
  });

const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/** An item whose period is over at `now`; one without `expiresAt` (not yet backfilled) is kept. */
export const hasExpired = (item: Readonly<Record<string, unknown>>, now: Date): boolean =>
  typeof item.expiresAt === 'number' && item.expiresAt <= seconds(now);

/** The same test as a query's filter: its expression and the value it names. */
export const unexpiredFilter = (now: Date) => ({
  expression: 'attribute_not_exists(expiresAt) OR expiresAt > :unexpiredAfter',
  values: { ':unexpiredAfter': seconds(now) },
});
