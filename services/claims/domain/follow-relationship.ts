/**
 * Follows a change in a customer's relationship with the insurer (customer.relationship-changed):
 * every core event recorded for the customer's policies and the state of every claim they name
 * take the relationship's end and the expiry it starts, or lose both when a policy is back in force
 * (relationship-end.ts). The end is read from the customer's profile as it is now, never taken from
 * the event: a redelivered or late event converges on the last import, whatever the order. A
 * customer without a profile (erased) has nothing to follow: the erasure took their claims' states
 * and stripped their journeys' data. The profile is read again after the writes, and the records
 * marked again when the end moved meanwhile, so an older pass never leaves its end behind.
 */
import { mapAtMost } from '#shared/concurrency';
import type { ClaimStore, CustomerDirectory, JourneyEventLog } from './ports';
import { relationshipEndOf } from './relationship-end';

/** Reads and writes in flight at once: a customer has a few policies, a policy tens of events. */
const IN_FLIGHT = 10;

export interface RelationshipDeps {
  readonly customers: Pick<CustomerDirectory, 'relationshipOf'>;
  readonly log: Pick<JourneyEventLog, 'eventsOf' | 'setRelationshipEnd'>;
  readonly claims: Pick<ClaimStore, 'setRelationshipEnd'>;
  readonly now: () => Date;
}

export type RelationshipOutcome =
  | { readonly outcome: 'no-customer' }
  | {
      readonly outcome: 'ended' | 'goes-on';
      readonly journeyEvents: number;
      readonly claimStates: number;
      /** Records whose end changed (the others had it already, or were gone). */
      readonly changed: number;
    };

/**
 * Passes before giving up on an end that keeps moving: the error makes SQS deliver the event again.
 */
const MAX_PASSES = 3;

export async function followRelationship(
  customerId: string,
  deps: RelationshipDeps,
): Promise<RelationshipOutcome> {
  let relationship = await deps.customers.relationshipOf(customerId);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (!relationship) return { outcome: 'no-customer' };
    const outcome = await markRecords(relationship, deps);
    // an import that moved the end while this pass wrote may have had its own event followed
    // before these writes landed: read the profile again, and mark again if the end moved
    const now = await deps.customers.relationshipOf(customerId);
    if (now?.relationshipEndedAt === relationship.relationshipEndedAt) return outcome;
    relationship = now;
  }
  throw new Error(`the relationship of ${customerId} kept changing while its claims records followed it`);
}

async function markRecords(
  relationship: { readonly relationshipEndedAt?: string; readonly policyNumbers: readonly string[] },
  deps: RelationshipDeps,
): Promise<RelationshipOutcome> {
  const events = (await mapAtMost(relationship.policyNumbers, IN_FLIGHT, (p) => deps.log.eventsOf(p))).flat();
  const claimNumbers = [...new Set(events.flatMap((e) => (e.claimNumber ? [e.claimNumber] : [])))];
  const endedOn = relationship.relationshipEndedAt;
  const now = deps.now();
  const eventEnd = relationshipEndOf('journey-event', endedOn, now);
  const stateEnd = relationshipEndOf('claim-state', endedOn, now);
  const writes = [
    ...events.map((e) => () => deps.log.setRelationshipEnd(e.eventId, eventEnd)),
    ...claimNumbers.map((claimNumber) => () => deps.claims.setRelationshipEnd(claimNumber, stateEnd)),
  ];
  const changed = (await mapAtMost(writes, IN_FLIGHT, (write) => write())).filter(Boolean).length;
  return {
    outcome: endedOn === undefined ? 'goes-on' : 'ended',
    journeyEvents: events.length,
    claimStates: claimNumbers.length,
    changed,
  };
}
