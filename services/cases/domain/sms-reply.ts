/**
 * A text message from a customer (two-way SMS): `TD`, `STOP` or `退订` withdraws their consent to
 * messages by SMS and answers nothing else; any other text is their reply to the open
 * complaint that awaits them, matched by their phone. A number nobody filed with, or with no
 * complaint awaiting an answer, changes nothing. Pure: the stores come in.
 */
import type { Complaint } from '#shared/contracts/complaint';
import { type ReplyDeps, type ReplyOutcome, recordCustomerReply } from './customer-reply';

export interface ReceivedSms {
  /** The customer's number, as the provider gives it (E.164). */
  readonly from: string;
  readonly body: string;
  /** The provider's id of the message: the unit of exactly-once. */
  readonly messageId: string;
}

/** The opt-out keywords Chinese carriers and the SMS provider both honour (case and width aside). */
const OPT_OUT = /^(TD|STOP|退订)$/i;

export function isOptOut(body: string): boolean {
  return OPT_OUT.test(
    body
      .normalize('NFKC')
      .trim()
      .replace(/[.。!！]+$/, ''),
  );
}

export type SmsOutcome =
  | ReplyOutcome
  | { readonly outcome: 'consent-withdrawn' | 'consent-already-withdrawn' };

export interface SmsDeps {
  readonly reply: ReplyDeps;
  /** The complaints filed with this phone, newest first. */
  complaintsOfPhone(phone: string): Promise<Complaint[]>;
  /** Withdraws the consent of the customer with this phone to care messages by SMS. */
  withdrawSmsConsent(phone: string): Promise<'withdrawn' | 'already-withdrawn' | 'unknown-customer'>;
}

export async function receiveSms(deps: SmsDeps, sms: ReceivedSms): Promise<SmsOutcome> {
  if (isOptOut(sms.body)) {
    const withdrawn = await deps.withdrawSmsConsent(sms.from);
    if (withdrawn === 'unknown-customer') return { outcome: 'ignored', reason: 'unknown-sender' };
    return { outcome: withdrawn === 'withdrawn' ? 'consent-withdrawn' : 'consent-already-withdrawn' };
  }
  const complaints = await deps.complaintsOfPhone(sms.from);
  if (complaints.length === 0) return { outcome: 'ignored', reason: 'unknown-sender' };
  const awaiting = complaints.find((c) => c.status === 'awaiting-customer');
  if (!awaiting) return { outcome: 'ignored', reason: 'no-complaint-awaiting' };
  return recordCustomerReply(
    deps.reply,
    {
      channel: 'sms',
      complaintId: awaiting.complaintId,
      messageId: sms.messageId,
      text: sms.body.trim(),
      documents: [],
      correlationId: awaiting.correlationId,
    },
    awaiting,
  );
}
