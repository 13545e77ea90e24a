/**
 * What SES tells us about delivered email (configuration-set events on the default EventBridge bus,
 * source `aws.ses`): which addresses must never be mailed again. A permanent bounce (no such
 * mailbox, address on SES's own list) and a complaint (the recipient marked us as spam) suppress
 * the address; a transient bounce (mailbox full, greylisting) does not — the next message may well
 * arrive. Undetermined bounces are treated as transient: suppressing is the costlier mistake for a
 * customer waiting for a decision letter.
 */
import * as z from 'zod/mini';

export const SES_SOURCE = 'aws.ses';
export const SES_FEEDBACK_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received', 'Email Sent'] as const;

/**
 * The header every email carries its notification id in (a hash of the message key, which names
 * the recipient's address): SES's "Send" event repeats the headers, so a message can be matched
 * with what the provider accepted.
 */
export const NOTIFICATION_ID_HEADER = 'X-Notification-Id';

const Recipient = z.object({ emailAddress: z.string().check(z.minLength(3)) });

const SesFeedbackDetail = z.object({
  eventType: z.string(),
  mail: z.optional(
    z.object({
      messageId: z.optional(z.string()),
      timestamp: z.optional(z.string()),
      headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
    }),
  ),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(Recipient),
      timestamp: z.optional(z.string()),
      feedbackId: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.optional(z.string()),
      timestamp: z.optional(z.string()),
      feedbackId: z.optional(z.string()),
    }),
  ),
});

export interface Suppression {
  readonly address: string;
  /** `bounce:<subtype>` or `complaint[:<feedback type>]`. */
  readonly reason: string;
  readonly at: string;
  /** SES's feedback id, to trace the suppression back to its bounce or complaint. */
  readonly feedbackId?: string;
}

/** The addresses an SES event suppresses; none for transient bounces and other events. */
export function suppressionsFrom(event: {
  'detail-type': string;
  time: string;
  detail: unknown;
}): Suppression[] {
  const parsed = SesFeedbackDetail.safeParse(event.detail);
  if (!parsed.success) return [];
  const { bounce, complaint } = parsed.data;
  if (event['detail-type'] === 'Email Bounced' && bounce?.bounceType === 'Permanent') {
    return bounce.bouncedRecipients.map((r) => ({
      address: r.emailAddress.toLowerCase(),
      reason: `bounce:${bounce.bounceSubType ?? 'General'}`,
      at: bounce.timestamp ?? event.time,
      feedbackId: bounce.feedbackId,
    }));
  }
  if (event['detail-type'] === 'Email Complaint Received' && complaint) {
    return complaint.complainedRecipients.map((r) => ({
      address: r.emailAddress.toLowerCase(),
      reason: complaint.complaintFeedbackType ? `complaint:${complaint.complaintFeedbackType}` : 'complaint',
      at: complaint.timestamp ?? event.time,
      feedbackId: complaint.feedbackId,
    }));
  }
  return [];
}

/** SES accepted an email: its notification id (from the header) and SES's message id. */
export interface ProviderReceipt {
  readonly notificationId: string;
  readonly providerId: string;
  readonly at: string;
}

/** The receipt in an SES "Send" event; none for other events or mail sent without the header. */
export function receiptFrom(event: {
  'detail-type': string;
  time: string;
  detail: unknown;
}): ProviderReceipt | undefined {
  if (event['detail-type'] !== 'Email Sent') return undefined;
  const parsed = SesFeedbackDetail.safeParse(event.detail);
  const mail = parsed.success ? parsed.data.mail : undefined;
  const header = mail?.headers?.find((h) => h.name.toLowerCase() === NOTIFICATION_ID_HEADER.toLowerCase());
  if (!header || !mail?.messageId) return undefined;
  return { notificationId: header.value, providerId: mail.messageId, at: mail.timestamp ?? event.time };
}
