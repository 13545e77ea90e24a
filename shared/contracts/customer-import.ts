/**
 * One line of a customer import (NDJSON): the customer, their consents and policies, as the
 * insurer's core system exports them. The shape is fixed by the design brief.
 */
import * as z from 'zod/mini';
import { E164, MAINLAND_MOBILE, POLICY_NUMBER } from './patterns';
import { contactChannels, languages } from './vocabulary';

const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date such as 1958-03-02'),
  z.refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'Must be a real calendar date',
  ),
);

/** An IANA time zone name such as Asia/Shanghai (whatever this runtime's Intl accepts). */
export const TimeZone = z.string().check(
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Must be an IANA time zone such as Asia/Shanghai'),
);

/** The largest premium one policy can carry, in the policy's currency (yuan). */
export const MAX_PREMIUM_AMOUNT = 1_000_000_000;

/**
 * A premium as money: at most two decimals and bounded, so the number is stored exactly. Without
 * the bound, 1e308 passes JSON and zod and then the DynamoDB marshaller refuses it (a 500); 1e-300
 * is a number DynamoDB itself refuses. The decimal form is checked on the text the SDK will send.
 */
const premiumAmount = z.number().check(
  z.nonnegative(),
  z.lte(MAX_PREMIUM_AMOUNT, `Must be at most ${MAX_PREMIUM_AMOUNT}`),
  z.refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v)), 'Must be an amount with at most two decimals'),
);

export const policyStatuses = ['in-force', 'lapsed', 'surrendered', 'matured', 'cancelled'] as const;
export const customerTiers = ['standard', 'silver', 'gold', 'platinum'] as const;

/**
 * Checked whenever the policy is an object, so these errors come with the policy's other field
 * errors in one answer instead of after they are fixed.
 */
const alongsideFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

interface PolicyDates {
  readonly status?: unknown;
  readonly startDate?: unknown;
  readonly endDate?: unknown;
}

export const ImportedPolicy = z
  .strictObject({
    policyNumber: z.string().check(z.regex(POLICY_NUMBER, 'Must be a policy number such as P2024000123')),
    product: z.string().check(z.minLength(1), z.maxLength(60)),
    startDate: isoDate,
    premiumDueDate: z.optional(isoDate),
    premiumAmount: z.optional(premiumAmount),
    status: z.enum(policyStatuses),
    /**
     * The date the contract ended (lapsed, surrendered, matured, cancelled). Optional: older feeds
     * send none, and then the customer's relationship has no known end (services/care/domain/
     * relationship-end.ts), so their records are kept.
     */
    endDate: z.optional(isoDate),
  })
  .check(
    z.refine<PolicyDates>((p) => p.endDate === undefined || p.status !== 'in-force', {
      message: 'Only a policy that is not in force (lapsed, surrendered, matured, cancelled) has an end date',
      path: ['endDate'],
      ...alongsideFieldErrors,
    }),
    z.refine<PolicyDates>(
      // ISO dates compare as text; a malformed one has its own error already
      (p) => typeof p.endDate !== 'string' || typeof p.startDate !== 'string' || p.endDate >= p.startDate,
      { message: 'Must not be before the start date', path: ['endDate'], ...alongsideFieldErrors },
    ),
  );

export const ImportedCustomer = z.strictObject({
  customerId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Must be 1-64 letters, digits, _ or -')),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  birthDate: z.optional(isoDate),
  phone: z.optional(
    z
      .string()
      .check(
        z.refine((v) => MAINLAND_MOBILE.test(v) || E164.test(v), 'Must be a mainland mobile or E.164 number'),
      ),
  ),
  email: z.optional(z.string().check(z.toLowerCase(), z.email('Must be an email address'))),
  language: z._default(z.enum(languages), 'zh-CN'),
  timeZone: z._default(TimeZone, 'Asia/Shanghai'),
  preferredChannel: z._default(z.enum(contactChannels), 'sms'),
  tier: z._default(z.enum(customerTiers), 'standard'),
  consent: z.strictObject({ service: z.boolean(), marketing: z.boolean() }),
  flags: z.optional(z.strictObject({ deceased: z.optional(z.boolean()), blocked: z.optional(z.boolean()) })),
  policies: z._default(z.array(ImportedPolicy).check(z.maxLength(40)), []),
  lastContactAt: z.optional(z.iso.datetime()),
});
export type ImportedCustomer = z.infer<typeof ImportedCustomer>;
