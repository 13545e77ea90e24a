/**
 * A customer's emailed reply. On AWS, SES's receipt rule for the reply domain stores the message in
 * the inbound-mail bucket and then invokes this function with the receipt (asynchronously: a
 * failure is retried by Lambda); locally `POST /dev/inbound/email` does the same. The answer lists
 * what became of each message, which the local route returns.
 */
import type { SESEvent } from 'aws-lambda';
import { s3AttachmentStore } from '#shared/attachments/s3-attachment-store';
import { secretValue } from '#shared/aws/secrets';
import { clock } from '#shared/clock';
import { setting } from '#shared/config/settings';
import { verifyReplyToken } from '#shared/domain/reply-address';
import { withObservability } from '#shared/middleware/common';
import { deleteReceivedMail, parseReceivedMail, readReceivedMail } from '../adapters/received-mail';
import { countReply, replyDeps as replyDepsWith } from '../adapters/replies';
import { type ReplyOutcome, recordCustomerReply } from '../domain/customer-reply';
import { isCustomerOf, readEmail } from '../domain/inbound-email';

const replyDeps = replyDepsWith(s3AttachmentStore);

async function replyOf(record: SESEvent['Records'][number]): Promise<ReplyOutcome> {
  const { mail, receipt } = record.ses;
  const email = await parseReceivedMail(await readReceivedMail(mail.messageId), {
    messageId: mail.messageId,
    recipients: receipt.recipients,
    virusVerdict: receipt.virusVerdict?.status,
  });
  const secret = await secretValue('reply-signing');
  const reading = readEmail(email, setting('REPLY_EMAIL_DOMAIN'), (token) =>
    verifyReplyToken(token, secret, clock.now()),
  );
  if (reading.kind === 'ignored') return { outcome: 'ignored', reason: reading.reason };
  const complaint = await replyDeps.store.load(reading.complaintId);
  if (!complaint) return { outcome: 'ignored', reason: 'unknown-complaint' };
  if (!isCustomerOf(complaint, email.from)) return { outcome: 'ignored', reason: 'unknown-sender' };
  return recordCustomerReply(
    replyDeps,
    {
      channel: 'email',
      complaintId: complaint.complaintId,
      messageId: email.messageId,
      receiptId: mail.messageId,
      text: reading.text,
      documents: email.documents,
      correlationId: complaint.correlationId,
    },
    complaint,
  );
}

export const handler = withObservability<SESEvent, { outcomes: ReplyOutcome[] }>(async (event) => {
  const outcomes: ReplyOutcome[] = [];
  for (const record of event.Records) {
    const outcome = await replyOf(record);
    countReply('email', outcome);
    // an ignored email names no complaint: no timeline entry points to it, so it goes now, last (a
    // recorded one is named by its reply's entry; a duplicate may be the recorded one delivered again)
    if (outcome.outcome === 'ignored') await deleteReceivedMail(record.ses.mail.messageId);
    outcomes.push(outcome);
  }
  return { outcomes };
});
