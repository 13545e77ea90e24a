/**
 * Bodies of the two intake routes (web form and hotline CTI). Unknown fields are rejected, strings
 * are trimmed and bounded, and every field error is reported at once.
 */
import * as z from 'zod/mini';
import { CLAIM_NUMBER, E164, MAINLAND_MOBILE, POLICY_NUMBER } from './patterns';
import { isValidResidentId } from './resident-id';
import { categories, contactChannels, languages } from './vocabulary';

export { CLAIM_NUMBER, E164, MAINLAND_MOBILE, POLICY_NUMBER };

const text = (min: number, max: number) => z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

const phone = z.string().check(
  z.trim(),
  z.overwrite((v) => v.replace(/[\s-]/g, '')),
  z.refine(
    (v) => MAINLAND_MOBILE.test(v) || E164.test(v),
    'Must be a mainland mobile number (11 digits, 1[3-9]…) or E.164 (+44…)',
  ),
);

const customer = z.strictObject({
  name: text(1, 100),
  phone: z.optional(phone),
  email: z.optional(
    z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254), z.email('Must be an email address')),
  ),
  idNumber: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.toUpperCase(),
        z.refine(
          isValidResidentId,
          'Must be an 18-character resident ID number with a valid check character',
        ),
      ),
  ),
});

/** Reported together with the other field errors, not only once they are fixed. */
const alongsideFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
};

const complaintFields = {
  customer,
  policyNumber: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.toUpperCase(),
        z.regex(POLICY_NUMBER, 'Must be a policy number such as P2024000123'),
      ),
  ),
  /** The claim the complaint is about; it links the complaint to that claim's journey. */
  claimNumber: z.optional(
    z
      .string()
      .check(
        z.trim(),
        z.toUpperCase(),
        z.regex(CLAIM_NUMBER, 'Must be a claim number such as CLM2026000123'),
      ),
  ),
  category: z.optional(z.enum(categories)),
  subject: z.optional(text(1, 200)),
  description: text(10, 5000),
  preferredChannel: z.optional(z.enum(contactChannels)),
  language: z.optional(z.enum(languages)),
  consent: z.strictObject({
    dataProcessing: z.literal(true, 'Consent to process your data is needed to handle the complaint'),
  }),
};

/** A preferred channel must be one we can actually use. */
interface ContactFields {
  preferredChannel?: string;
  customer?: { email?: string; phone?: string };
  callerPhone?: string;
}
const reachableByPreferredChannel = z.refine<ContactFields>(
  (c) =>
    c.preferredChannel === undefined ||
    (c.preferredChannel === 'email'
      ? Boolean(c.customer?.email)
      : Boolean(c.customer?.phone || c.callerPhone)),
  {
    message: 'The preferred channel needs the matching contact (an email address for email, a phone for sms)',
    path: ['preferredChannel'],
    ...alongsideFieldErrors,
  },
);

/** The web form has no caller line: the customer must leave a phone or an email. */
const reachable = z.refine<{ customer?: { email?: string; phone?: string } }>(
  (c) => Boolean(c.customer?.phone || c.customer?.email),
  {
    message: 'Give a phone number or an email address so we can reply',
    path: ['customer', 'phone'],
    ...alongsideFieldErrors,
  },
);

export const WebComplaintRequest = z
  .strictObject({
    ...complaintFields,
    /** The customer is in financial hardship or received a default notice (ASIC RG 271: 21 days). */
    hardship: z.optional(z.boolean()),
  })
  .check(reachable, reachableByPreferredChannel);
export type WebComplaintRequest = z.infer<typeof WebComplaintRequest>;

export const HotlineComplaintRequest = z
  .strictObject({
    ...complaintFields,
    callId: text(1, 100),
    agentId: text(1, 100),
    callerPhone: phone,
    summary: text(1, 2000),
    transcript: z.optional(text(1, 50_000)),
    flags: z.optional(
      z.strictObject({
        regulatorReferral: z.optional(z.boolean()),
        mediaThreat: z.optional(z.boolean()),
        vulnerableCustomer: z.optional(z.boolean()),
        /** Financial hardship or a default notice, as the caller told the agent. */
        hardship: z.optional(z.boolean()),
      }),
    ),
  })
  .check(reachableByPreferredChannel);
export type HotlineComplaintRequest = z.infer<typeof HotlineComplaintRequest>;

/** The web form's optional `Idempotency-Key` header: a retry with the same key files nothing new. */
export const IdempotencyKey = z.string().check(z.regex(/^[\x21-\x7e]{1,200}$/));

export const REFERENCE_PATTERN = /^CMP-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

export const StatusLookupPath = z.strictObject({
  reference: z
    .string()
    .check(
      z.trim(),
      z.toUpperCase(),
      z.regex(REFERENCE_PATTERN, 'Must be a reference such as CMP-20261128-7K3M9Q'),
    ),
});
export const StatusLookupQuery = z.strictObject({ contact: text(4, 254) });

/** `?t=`: the token of a signed link from one of our messages (shared/links). */
export const CustomerLinkQuery = z.strictObject({ t: text(1, 200) });
