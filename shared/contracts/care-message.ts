/**
 * `care.message-requested`: the care planner asks notify to send one campaign message to one
 * customer. The dedupe key (campaign, occasion, customer) is the unit of exactly-once: a rerun of
 * the same day's plan asks again with the same key and notify sends nothing the second time.
 */
import * as z from 'zod/mini';
import { consentKinds } from './vocabulary';

export const CareMessageRequested = z.object({
  campaignId: z.string().check(z.minLength(1)),
  campaignVersion: z.string().check(z.minLength(1)),
  runId: z.string().check(z.minLength(1)),
  customerId: z.string().check(z.minLength(1)),
  /** Which consent the message needs: `service` (reminders, reviews, surveys) or `marketing`. */
  consent: z.enum(consentKinds),
  /** `campaignId#occasion#customerId`, e.g. `birthday#2026-03-02#C0001`. */
  dedupeKey: z.string().check(z.minLength(1)),
  /** The customer's local date the message is for. */
  occasionDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  /** Localized content per language, rendered by notify's `care` template. */
  content: z.record(z.string(), z.object({ headline: z.string(), body: z.string() })),
  /** Held while the customer has an open complaint (marketing-type care). */
  holdWhileComplaintOpen: z.boolean(),
  /**
   * The campaign's channel over the customer's preferred one; notify still sends no SMS without
   * SMS consent (nor to a customer without a phone), falling back to their other channel.
   */
  channel: z.optional(z.enum(['email', 'sms'])),
  /** The satisfaction follow-up: the complaint the message asks the customer to rate (its rating link). */
  ratingReference: z.optional(z.string()),
});
export type CareMessageRequested = z.infer<typeof CareMessageRequested>;
