/**
 * Counting care messages' outcomes into their campaign run: every notification outcome of a care
 * message adds one to one counter of its run, exactly once per message (dedupe key).
 */
import * as z from 'zod/mini';

/** The care fields notify copies from `care.message-requested` onto its outcome events. */
export const CareOutcome = z.object({
  runId: z.string().check(z.minLength(1), z.maxLength(200)),
  dedupeKey: z.string().check(z.minLength(1), z.maxLength(400)),
  campaignId: z.string().check(z.minLength(1), z.maxLength(100)),
  customerId: z.string().check(z.minLength(1), z.maxLength(64)),
  reason: z.optional(z.string()),
});
export type CareOutcome = z.infer<typeof CareOutcome>;

export type OutcomeType = 'notification.sent' | 'notification.failed' | 'notification.suppressed';

/**
 * The run's counter for an outcome: `sent`, `failed`, or `suppressed_<reason>` (reasons such as
 * `quiet-hours`, `no-consent`, `frequency-cap`, `suppression-list`). The reason becomes part of an
 * attribute name, so it is reduced to a short safe token.
 */
export function counterOf(type: OutcomeType, reason: string | undefined): string {
  if (type === 'notification.sent') return 'sent';
  if (type === 'notification.failed') return 'failed';
  const token = (reason ?? 'unspecified')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `suppressed_${token || 'unspecified'}`;
}

/** The later of two contact instants: a late or redelivered event never moves the contact back. */
export function laterContact(current: string | undefined, candidate: string): string | undefined {
  return current !== undefined && Date.parse(current) >= Date.parse(candidate) ? undefined : candidate;
}
