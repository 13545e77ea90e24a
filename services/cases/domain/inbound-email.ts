/**
 * What a received email is to a complaint: a customer's reply to one of its messages, or nothing
 * (a bounce, an auto-reply, mail without a valid reply address, a sender who is not the customer).
 * Reads the parsed message only; the token is checked with the secret the caller brings. Pure.
 */

import type { Complaint } from '#shared/contracts/complaint';
import { InvalidReplyToken, replyTokenIn } from '#shared/domain/reply-address';
import type { IgnoredReason, ReplyDocument } from './customer-reply';
import { replyText } from './reply-text';

export interface ReceivedEmail {
  /** The Message-ID header (the provider's id when it has none). */
  readonly messageId: string;
  readonly from: string | undefined;
  /** To and Cc, and the envelope recipients SES received it for. */
  readonly recipients: readonly string[];
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  readonly documents: readonly ReplyDocument[];
  /** SES's virus scan; absent where nothing scanned it (the local route). */
  readonly virusVerdict?: string;
}

export type EmailReading =
  | { readonly kind: 'reply'; readonly complaintId: string; readonly text: string }
  | { readonly kind: 'ignored'; readonly reason: IgnoredReason };

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const AUTOMATIC_PRECEDENCE = /^(bulk|junk|list|auto_reply)$/i;

/** RFC 3464 delivery reports and the senders that send them. */
function isBounce(email: ReceivedEmail): boolean {
  const type = email.headers['content-type'] ?? '';
  return (
    BOUNCE_SENDER.test(email.from ?? '') ||
    /^multipart\/report\b/i.test(type) ||
    email.headers['x-failed-recipients'] !== undefined
  );
}

/** RFC 3834 `Auto-Submitted`, and the headers vacation responders and list servers add. */
function isAutomatic(email: ReceivedEmail): boolean {
  const autoSubmitted = email.headers['auto-submitted'];
  return (
    (autoSubmitted !== undefined && autoSubmitted.trim().toLowerCase() !== 'no') ||
    email.headers['x-autoreply'] !== undefined ||
    email.headers['x-autorespond'] !== undefined ||
    AUTOMATIC_PRECEDENCE.test(email.headers.precedence?.trim() ?? '')
  );
}

export function readEmail(
  email: ReceivedEmail,
  replyDomain: string,
  /** The complaint a token names, or InvalidReplyToken. */
  verify: (token: string) => string,
): EmailReading {
  if (email.virusVerdict === 'FAIL') return { kind: 'ignored', reason: 'virus' };
  if (isBounce(email)) return { kind: 'ignored', reason: 'bounce' };
  if (isAutomatic(email)) return { kind: 'ignored', reason: 'auto-reply' };
  const token = replyTokenIn(email.recipients, replyDomain);
  if (!token) return { kind: 'ignored', reason: 'no-reply-address' };
  try {
    return { kind: 'reply', complaintId: verify(token), text: replyText(email.text) };
  } catch (error) {
    if (!(error instanceof InvalidReplyToken)) throw error;
    return { kind: 'ignored', reason: error.why === 'expired' ? 'expired-token' : 'invalid-token' };
  }
}

/** The reply's sender is the complaint's customer: the email address they filed with. */
export function isCustomerOf(complaint: Pick<Complaint, 'customer'>, from: string | undefined): boolean {
  const own = complaint.customer.email?.trim().toLowerCase();
  return own !== undefined && own === from?.trim().toLowerCase();
}
