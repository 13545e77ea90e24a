/**
 * The retention periods of the Relationship items (services/privacy/rules/retention.json): the
 * `expiresAt` a writer gives an item of a kind with a period. Readers test it with
 * shared/tables/expiry.ts.
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
