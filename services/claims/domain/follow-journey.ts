/**
 * Follows a recorded core event: folds the policy's journey, stores the claim's state (its stage
 * and the instant it would count as stalled) and asks notify for the notice the step calls for.
 * Idempotent: a redelivered event folds to the same journey and asks for the same notice under the
 * same dedupe key, which notify sends once.
 * A step of a customer whose relationship has ended (a late payment of a lapsed policy's claim)
 * is kept as long as their other records: the policy lookup read for the customer carries the
 * end, which the event and the claim's state take (relationship-end.ts).
 */
import type { BusinessCalendar } from '#shared/calendar/business-calendar';
import type { CoreEvent } from '#shared/contracts/core-events';
import { buildEvent, type EventEnvelope } from '#shared/contracts/events/index';
import { foldJourney } from './journey';
import { noticeFor } from './notices';
import type { ClaimStore, CustomerDirectory, JourneyEventLog } from './ports';
import { relationshipEndOf } from './relationship-end';
import { stallDueAt } from './stall';

export interface FollowDeps {
  readonly log: JourneyEventLog;
  readonly claims: ClaimStore;
  readonly customers: CustomerDirectory;
  readonly calendar: BusinessCalendar;
  readonly stallBusinessDays: number;
  readonly now: () => Date;
}

export type FollowOutcome = 'noticed' | 'recorded' | 'superseded';

export async function followJourney(
  event: CoreEvent,
  correlationId: string,
  deps: FollowDeps,
): Promise<FollowOutcome> {
  const [recorded, holder] = await Promise.all([
    deps.log.eventsOf(event.policyNumber),
    deps.customers.holderOf(event.policyNumber),
  ]);
  const customerId = holder?.customerId;
  const endedOn = holder?.relationshipEndedAt;
  // recorded without an end at ingest (which reads no customer); while the relationship goes on
  // there is nothing to take away, so only an ended one costs this write
  if (endedOn !== undefined)
    await deps.log.setRelationshipEnd(event.eventId, relationshipEndOf('journey-event', endedOn, deps.now()));
  // the index may lag the event it was just published for: fold it in either way
  const journey = foldJourney(event.policyNumber, [...recorded, event]);
  const decision = noticeFor(event, journey);
  const notices: EventEnvelope[] =
    decision && customerId
      ? [
          buildEvent(
            'journey.notice-requested',
            {
              notice: decision.notice,
              customerId,
              policyNumber: event.policyNumber,
              ...(event.claimNumber && { claimNumber: event.claimNumber }),
              dedupeKey: decision.dedupeKey,
              // ids only: notify quotes the step's data from the journey (the erasure strips it there)
              coreEventId: event.eventId,
            },
            correlationId,
          ),
        ]
      : [];
  const claim = journey.claims.find((c) => c.claimNumber === event.claimNumber);
  if (claim) {
    const due = stallDueAt(claim, deps.stallBusinessDays, deps.calendar);
    const saved = await deps.claims.save(
      {
        claimNumber: claim.claimNumber,
        policyNumber: claim.policyNumber,
        ...(customerId && { customerId }),
        stage: claim.stage,
        // in UTC: the store compares instants as strings, and core systems may send any offset
        lastProgressAt: new Date(claim.lastProgressAt).toISOString(),
        ...(due && { stallDueAt: due.toISOString() }),
        // the end as the lookup has it now, or none: a state that kept an end the customer's
        // relationship no longer has (a policy back in force) loses it with its next step
        ...relationshipEndOf('claim-state', endedOn, deps.now()),
      },
      notices,
    );
    // a newer state was stored from events this fold has not seen: this step is behind it
    if (!saved) return 'superseded';
  } else if (notices.length > 0) {
    await deps.claims.publish(notices);
  }
  return notices.length > 0 ? 'noticed' : 'recorded';
}
