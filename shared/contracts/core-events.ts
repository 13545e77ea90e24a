/**
 * Events from the insurer's core claim and policy systems (POST /v1/integrations/core/events, its
 * NDJSON batch form, and the same bodies from EventBridge): the envelope the core systems send and
 * the `data` each type carries. Data schemas are loose: a core system may send more than we read.
 */
import * as z from 'zod/mini';
import {
  type ClaimEventType,
  CoreEventFields,
  type CoreEventType,
  claimEventTypes,
  coreEventTypes,
  isClaimEventType,
  type PolicyEventType,
  policyEventTypes,
} from './core-event-fields';

export {
  type ClaimEventType,
  CoreEventFields,
  type CoreEventType,
  claimEventTypes,
  coreEventTypes,
  isClaimEventType,
  type PolicyEventType,
  policyEventTypes,
};

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

/** A core event as checked: its data fits its type. */
export type CoreEvent = Omit<z.infer<typeof CoreEventFields>, 'data'> & {
  readonly data: Record<string, unknown>;
};
/** The data of one core event type. */
export type CoreEventData<T extends CoreEventType> = z.infer<(typeof coreEventData)[T]>;

/** A batch request (NDJSON) carries at most this many events. */
export const CORE_EVENTS_BATCH_MAX = 500;
