/**
 * Events from the insurer's core claim and policy systems (POST /v1/integrations/core/events, its
 * NDJSON batch form, and the same bodies from EventBridge): the envelope the core systems send and
 * the `data` each type carries. Data schemas are loose: a core system may send more than we read.
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

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date such as 2026-12-31'));
const instant = z.iso.datetime({ offset: true });
/** Money in yuan, stored exactly: at most two decimals, bounded. */
const amount = z.number().check(
  z.positive(),
  z.lte(1_000_000_000, 'Must be at most 1000000000'),
  z.refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v)), 'Must be an amount with at most two decimals'),
);
const documents = z
  .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)))
  .check(z.maxLength(50));

export const coreEventData = {
  'claim.registered': z.looseObject({ documents: z.optional(documents) }),
  'claim.documents-requested': z.looseObject({ documents: documents.check(z.minLength(1)) }),
  'claim.documents-received': z.looseObject({ documents: z.optional(documents) }),
  'claim.assessed': z.looseObject({}),
  'claim.approved': z.looseObject({ amount }),
  'claim.declined': z.looseObject({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)) }),
  'claim.paid': z.looseObject({ amount, paidAt: instant }),
  'policy.premium-paid': z.looseObject({ amount: z.optional(amount) }),
  'policy.lapse-warning': z.looseObject({ gracePeriodEndsOn: isoDate }),
  'policy.lapsed': z.looseObject({}),
  'policy.reinstated': z.looseObject({}),
  'policy.changed': z.looseObject({
    changes: z
      .array(
        z.looseObject({
          field: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
          from: z.optional(z.string().check(z.maxLength(200))),
          to: z.string().check(z.maxLength(200)),
        }),
      )
      .check(z.minLength(1), z.maxLength(20)),
  }),
  'policy.renewed': z.looseObject({ renewedUntil: z.optional(isoDate) }),
} as const satisfies Record<CoreEventType, z.ZodMiniType>;

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

/** A core event as checked: its data fits its type. */
export type CoreEvent = Omit<z.infer<typeof CoreEventFields>, 'data'> & {
  readonly data: Record<string, unknown>;
};
/** The data of one core event type. */
export type CoreEventData<T extends CoreEventType> = z.infer<(typeof coreEventData)[T]>;

/** A batch request (NDJSON) carries at most this many events. */
export const CORE_EVENTS_BATCH_MAX = 500;
