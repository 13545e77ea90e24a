/**
 * The event catalog: one contract per type. Producers build events only through `buildEvent`, so
 * an event's data is checked against its schema by the compiler; consumers receive events checked
 * by `parseEvent` (in `sqsHandler`), so a handler gets typed data and a malformed event is refused
 * with its reason.
 */
import type * as z from 'zod/mini';
import { clock } from '../../clock';
import { newId } from '../../ids';
import { CareMessageRequested } from './care-message-requested';
import { ClaimStalled } from './claim-stalled';
import { ComplaintAssigned } from './complaint-assigned';
import { ComplaintClosed } from './complaint-closed';
import { ComplaintExtended } from './complaint-extended';
import { ComplaintFollowUpRecorded } from './complaint-follow-up-recorded';
import { ComplaintReceived } from './complaint-received';
import { ComplaintReopened } from './complaint-reopened';
import { ComplaintResolved } from './complaint-resolved';
import { ComplaintStatusChanged } from './complaint-status-changed';
import { ComplaintTriaged } from './complaint-triaged';
import { CustomerEventInvitationsRequested } from './customer-event-invitations-requested';
import { CustomerRelationshipChanged } from './customer-relationship-changed';
import type { EventContract } from './define';
import { EVENT_SOURCE, EventEnvelope, type EventType } from './envelope';
import { FeedbackAnswered } from './feedback-answered';
import { JourneyEventRecorded } from './journey-event-recorded';
import { JourneyNoticeRequested } from './journey-notice-requested';
import { NotificationFailed, NotificationSent, NotificationSuppressed } from './notification-outcome';
import { NpsRecorded } from './nps-recorded';
import { PrivacyErasureRequested } from './privacy-erasure-requested';
import { PrivacyRequestDue } from './privacy-request-due';
import { RectificationActionOverdue } from './rectification-action-overdue';
import { RootCauseTrendRising } from './root-cause-trend-rising';
import { SlaBreached } from './sla-breached';
import { SlaMet } from './sla-met';
import { SlaWarning } from './sla-warning';

export const eventCatalog = {
  'complaint.received': ComplaintReceived,
  'complaint.triaged': ComplaintTriaged,
  'complaint.assigned': ComplaintAssigned,
  'complaint.status-changed': ComplaintStatusChanged,
  'complaint.resolved': ComplaintResolved,
  'complaint.closed': ComplaintClosed,
  'complaint.reopened': ComplaintReopened,
  'complaint.follow-up-recorded': ComplaintFollowUpRecorded,
  'complaint.extended': ComplaintExtended,
  'sla.warning': SlaWarning,
  'sla.breached': SlaBreached,
  'sla.met': SlaMet,
  'care.message-requested': CareMessageRequested,
  'notification.sent': NotificationSent,
  'notification.failed': NotificationFailed,
  'notification.suppressed': NotificationSuppressed,
  'rectification.action-overdue': RectificationActionOverdue,
  'root-cause.trend-rising': RootCauseTrendRising,
  'journey.event-recorded': JourneyEventRecorded,
  'journey.notice-requested': JourneyNoticeRequested,
  'claim.stalled': ClaimStalled,
  'nps.recorded': NpsRecorded,
  'feedback.answered': FeedbackAnswered,
  'customer-event.invitations-requested': CustomerEventInvitationsRequested,
  'privacy.request-due': PrivacyRequestDue,
  'privacy.erasure-requested': PrivacyErasureRequested,
  'customer.relationship-changed': CustomerRelationshipChanged,
} as const satisfies { readonly [T in EventType]: EventContract<T> };

/** The data of an event of type `T`, as its schema describes it. */
export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]['data']>;

/** An event of the catalog: discriminated by `type`, so narrowing the type narrows `data`. */
export type CatalogEvent<T extends EventType = EventType> = {
  [K in T]: Omit<EventEnvelope, 'type' | 'data'> & { readonly type: K; readonly data: EventData<K> };
}[T];

/** The one way to make an event: its data must fit its type's schema (checked when compiled). */
export function buildEvent<T extends EventType>(
  type: T,
  data: EventData<T>,
  correlationId: string,
): CatalogEvent<T> {
  return {
    id: newId(),
    type,
    version: eventCatalog[type].version,
    source: EVENT_SOURCE,
    occurredAt: clock.now().toISOString(),
    correlationId,
    data,
  } as CatalogEvent<T>;
}

export type ParsedEvent<T extends EventType> =
  | { readonly ok: true; readonly event: CatalogEvent<T> }
  | { readonly ok: false; readonly reason: string; readonly id?: string; readonly type?: string };

/** Issue paths and messages only: the values can be personal data and never reach a log. */
function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks an envelope and its data against the catalog. `accepted` lists the types the consumer
 * subscribes to; an event of another type is refused (the wiring and the handler disagree).
 */
export function parseEvent<T extends EventType>(detail: unknown, accepted: readonly T[]): ParsedEvent<T> {
  const envelope = EventEnvelope.safeParse(detail);
  if (!envelope.success)
    return { ok: false, reason: `not a valid event envelope: ${describe(envelope.error.issues)}` };
  const { id, type } = envelope.data;
  if (!(accepted as readonly EventType[]).includes(type)) {
    return { ok: false, id, type, reason: `${type} is not among the consumer's event types` };
  }
  const contract = eventCatalog[type];
  if (envelope.data.version !== contract.version) {
    return {
      ok: false,
      id,
      type,
      reason: `${type} version ${envelope.data.version} is not the known ${contract.version}`,
    };
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success)
    return { ok: false, id, type, reason: `${type} data is invalid: ${describe(data.error.issues)}` };
  return { ok: true, event: { ...envelope.data, data: data.data } as CatalogEvent<T> };
}
