/**
 * A customer's text message. On AWS, End User Messaging's two-way SMS publishes each inbound
 * message to the stage's SNS topic, which invokes this function (asynchronously: a failure is
 * retried); locally `POST /dev/inbound/sms` `{from, body}` does the same. The answer lists what
 * became of each message, which the local route returns.
 */
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { withObservability } from '#shared/middleware/common';
import { logger } from '#shared/observability/logger';
import { countReply } from '../adapters/replies';
import { smsDeps } from '../adapters/sms-replies';
import { receiveSms, type SmsOutcome } from '../domain/sms-reply';

/** What End User Messaging publishes for an inbound message (the fields we read). */
const InboundSms = z.object({
  originationNumber: z.string().check(z.minLength(1)),
  messageBody: z.string(),
  inboundMessageId: z.string().check(z.minLength(1)),
});

export const handler = withObservability<SNSEvent, { outcomes: SmsOutcome[] }>(async (event) => {
  const outcomes: SmsOutcome[] = [];
  for (const record of event.Records) {
    let parsed: z.infer<typeof InboundSms>;
    try {
      parsed = InboundSms.parse(JSON.parse(record.Sns.Message));
    } catch {
      // not an inbound SMS: nothing to retry, and nothing of it is logged
      logger.warn('not an inbound SMS notification', { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = await receiveSms(smsDeps, {
      from: parsed.originationNumber,
      body: parsed.messageBody,
      messageId: parsed.inboundMessageId,
    });
    countReply('sms', outcome);
    outcomes.push(outcome);
  }
  return { outcomes };
});
