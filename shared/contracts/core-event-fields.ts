/**
 * The envelope every core claim or policy event carries (./core-events.ts has the `data` of each
 * type): apart, so that the event catalog (`journey.event-recorded`), which every function loads,
 * builds these few schemas at init and not the data schemas of every core event type.
 */
import * as z from 'zod/mini';
import { CLAIM_NUMBER, POLICY_NUMBER } from './patterns';

export const claimEventTypes = [
  'claim.registered',
  'claim.documents-requested',
  'claim.documents-received',
  'claim.assessed',
  'claim.approved',
  'claim.declined',
  'claim.paid',
] as const;
export const policyEventTypes = [
  'policy.premium-paid',
  'policy.lapse-warning',
  'policy.lapsed',
  'policy.reinstated',
  'policy.changed',
  'policy.renewed',
] as const;
export const coreEventTypes = [...claimEventTypes, ...policyEventTypes] as const;
export type ClaimEventType = (typeof claimEventTypes)[number];
export type PolicyEventType = (typeof policyEventTypes)[number];
export type CoreEventType = (typeof coreEventTypes)[number];

export const isClaimEventType = (type: string): type is ClaimEventType =>
  (claimEventTypes as readonly string[]).includes(type);

/** The core system's own id of the event: our idempotency key. */
const EVENT_ID = /^[A-Za-z0-9._:-]{1,100}$/;

const instant = z.iso.datetime({ offset: true });

/** What every core event carries; `data` is checked against its type's schema separately. */
export const CoreEventFields = z.strictObject({
  eventId: z.string().check(z.regex(EVENT_ID, 'Must be 1-100 letters, digits, . _ : or -')),
  type: z.enum(coreEventTypes),
  occurredAt: instant,
  policyNumber: z.string().check(z.regex(POLICY_NUMBER, 'Must be a policy number such as P2024000123')),
  claimNumber: z.optional(
    z.string().check(z.regex(CLAIM_NUMBER, 'Must be a claim number such as CLM2026000123')),
  ),
  data: z.record(z.string(), z.unknown()),
});
