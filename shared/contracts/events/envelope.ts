/**
 * The catalog's type names and the envelope every event travels in. Type names are public
 * contracts (other services and the insurer's integrations subscribe to them): add new types, never
 * rename. Each type's data schema is in its own module beside this one (catalog.ts unites them).
 */
import * as z from 'zod/mini';

export const EVENT_SOURCE = 'complaint-care';

export const eventTypes = [
  'complaint.received',
  'complaint.triaged',
  'complaint.assigned',
  'complaint.status-changed',
  'complaint.resolved',
  'complaint.closed',
  'complaint.reopened',
  'complaint.follow-up-recorded',
  /** An agent extended the resolve clock; the SLA service applies it (added after v1, additive). */
  'complaint.extended',
  'sla.warning',
  'sla.breached',
  'sla.met',
  'care.message-requested',
  'notification.sent',
  'notification.failed',
  'notification.suppressed',
  /** Root causes to rectification (issue 19, additive). */
  'rectification.action-overdue',
  'root-cause.trend-rising',
  /** Claims and policy journeys (issue 18, additive). */
  'journey.event-recorded',
  'journey.notice-requested',
  'claim.stalled',
  /** Relationship programmes (issue 20, additive). */
  'nps.recorded',
  'feedback.answered',
  'customer-event.invitations-requested',
  /** Personal information rights (issue 21, additive). */
  'privacy.request-due',
  'privacy.erasure-requested',
  /** The end of a customer's relationship, which starts their records' retention (issue 21, additive). */
  'customer.relationship-changed',
] as const;

export type EventType = (typeof eventTypes)[number];

export const EventEnvelope = z.object({
  id: z.string().check(z.minLength(1)),
  type: z.enum(eventTypes),
  version: z.number().check(z.int(), z.positive()),
  source: z.string().check(z.minLength(1)),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().check(z.minLength(1)),
  data: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<T extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof EventEnvelope>,
  'data'
> & { data: T };
