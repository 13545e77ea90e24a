/**
 * `claim.stalled`: a claim has made no progress for CLAIM_STALL_BUSINESS_DAYS business days. Once
 * per stall (the stall is named by the progress it follows); notify sends the customer a progress
 * message and the claims team lead an alert.
 */
import * as z from 'zod/mini';
import { defineEvent } from './define';
import { id, instant } from './fields';

export const ClaimStalled = defineEvent(
  'claim.stalled',
  1,
  z.looseObject({
    claimNumber: id(),
    policyNumber: id(),
    customerId: z.optional(id()),
    /** The core event type of the claim's last progress. */
    stage: id(),
    lastProgressAt: instant(),
    stalledAt: instant(),
    businessDays: z.number(),
  }),
);
