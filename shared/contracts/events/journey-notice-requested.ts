/**
 * `journey.notice-requested`: the claims service asks notify to tell a customer about a step of
 * their claim or policy (a service message: consent `service`, never held by an open complaint).
 * The dedupe key (notice, core event) is the unit of exactly-once. The event carries ids only: its
 * outbox copy is kept a week, out of reach of an erasure, so notify reads what the notice quotes
 * (documents, amounts, a decline reason, a policy change's values) from the core event in the claims
 * journey, which an erasure strips.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id } from './fields';

export const journeyNotices = [
  'claim-registered',
  'claim-documents-requested',
  'claim-approved',
  'claim-declined',
  'claim-paid',
  'claim-progress',
  'policy-premium-paid',
  'policy-lapse-warning',
  'policy-changed',
] as const;
export type JourneyNotice = (typeof journeyNotices)[number];

export const JourneyNoticeRequested = defineEvent(
  'journey.notice-requested',
  1,
  z.looseObject({
    notice: z.enum(journeyNotices),
    customerId: id(),
    policyNumber: id(),
    claimNumber: z.optional(id()),
    dedupeKey: id(),
    /** The core event the notice is about; notify quotes its data from the claims journey. */
    coreEventId: z.optional(id()),
    /**
     * What the notice quotes, carried by events published before `coreEventId` (the producer no
     * longer sets it; such events may still wait in the queue or its DLQ for 14 days after the deploy).
     */
    facts: z.optional(z.record(z.string(), z.unknown())),
  }),
);
