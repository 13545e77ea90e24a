/**
 * `journey.notice-requested`: the claims service asks notify to tell a customer about a step of
 * their claim or policy (a service message: consent `service`, never held by an open complaint).
 * The dedupe key (notice, core event) is the unit of exactly-once.
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
    /** What the notice quotes: documents, amount, reason, grace-period end, changes (absent: nothing). */
    facts: z.optional(z.record(z.string(), z.unknown())),
  }),
);
