/**
 * Which notice a recorded core event calls for, given the journey it joined. A step the journey has
 * already moved past (a later event of the same claim, or a lapse warning after the premium came)
 * sends nothing: the customer hears about where the claim stands, never about a step that is over.
 */
import type { CoreEvent, CoreEventType } from '#shared/contracts/core-events';
import type { JourneyNotice } from '#shared/contracts/events/journey-notice-requested';
import { compareEvents, type Journey } from './journey';

const NOTICE: Partial<Record<CoreEventType, JourneyNotice>> = {
  'claim.registered': 'claim-registered',
  'claim.documents-requested': 'claim-documents-requested',
  'claim.approved': 'claim-approved',
  'claim.declined': 'claim-declined',
  'claim.paid': 'claim-paid',
  'policy.premium-paid': 'policy-premium-paid',
  'policy.lapse-warning': 'policy-lapse-warning',
  'policy.changed': 'policy-changed',
};

/** Policy events after which a lapse warning no longer holds. */
const ENDS_LAPSE_WARNING: readonly CoreEventType[] = [
  'policy.premium-paid',
  'policy.reinstated',
  'policy.renewed',
  'policy.lapsed',
];

export interface NoticeDecision {
  readonly notice: JourneyNotice;
  /** Exactly once per (notice, core event). */
  readonly dedupeKey: string;
}

function superseded(event: CoreEvent, journey: Journey): boolean {
  const later = (e: CoreEvent) => compareEvents(e, event) > 0;
  if (event.claimNumber) {
    const claim = journey.claims.find((c) => c.claimNumber === event.claimNumber);
    return claim?.steps.some(later) ?? false;
  }
  if (event.type === 'policy.lapse-warning')
    return journey.policy.steps.some((e) => later(e) && ENDS_LAPSE_WARNING.includes(e.type));
  return false;
}

export function noticeFor(event: CoreEvent, journey: Journey): NoticeDecision | undefined {
  const notice = NOTICE[event.type];
  if (!notice || superseded(event, journey)) return undefined;
  return { notice, dedupeKey: `${notice}#${event.eventId}` };
}
