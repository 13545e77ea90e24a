/**
 * A customer's claims journeys are kept as long as the rest of their records: while the
 * relationship with the insurer goes on, a policy's core events and its claims' states carry no
 * end; once every policy has ended, each carries the day it ended (`relationshipEndedAt`, the last
 * policy's end date as the customer import found it) and the `expiresAt` that day starts by the
 * kind's rule (services/privacy/rules/retention.json: ten years, PRC Insurance Law art. 87).
 */
import { type RelationshipEnd, relationshipEndFor } from '../../privacy/domain/retention-rules';

/** The claims service's item kinds that expire with the customer's relationship. */
export type JourneyRecordKind = 'journey-event' | 'claim-state';

export type { RelationshipEnd };

/** What a record of `kind` carries once the relationship ended on `endedOn`; undefined while it lasts. */
export const relationshipEndOf = (
  kind: JourneyRecordKind,
  endedOn: string | undefined,
  now: Date,
): RelationshipEnd | undefined => relationshipEndFor('Customers', kind, endedOn, now);
