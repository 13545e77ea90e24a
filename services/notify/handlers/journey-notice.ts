/**
 * Consumes `journey.notice-requested` and `claim.stalled` on their own queue: claim and policy
 * notices to the customer (service messages: consent `service`, quiet hours, preferred channel,
 * never held by an open complaint) and the claims lead's stall alert, each exactly once. Answers
 * to feedback (`feedback.answered`) ride on the same queue: one message to the feedback's contact.
 */
import { readJourneyEvent } from '#shared/aws/journey-reader';
import { setting } from '#shared/config/settings';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { readAnsweredFeedback } from '../adapters/answered-feedback';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps, staffDirectory } from '../adapters/deps';
import { deliverFromQueue } from '../domain/deliver';
import { feedbackAnswerNotification } from '../domain/feedback-answer';
import {
  journeyNotification,
  journeyRefusal,
  quotedFacts,
  stalledClaimNotifications,
} from '../domain/journey';
import type { NotificationRequest } from '../domain/notification';

/** The complaint form, where a declined claim's notice points: the site the console is served from. */
const complaintFormUrl = (claimNumber: string | undefined, policyNumber: string) => {
  const url = new URL('/', setting('CONSOLE_URL'));
  url.searchParams.set('policyNumber', policyNumber);
  if (claimNumber) url.searchParams.set('claimNumber', claimNumber);
  return url.toString();
};

export const handler = sqsHandler(
  ['journey.notice-requested', 'claim.stalled', 'feedback.answered'],
  async ({ envelope, receiveCount }) => {
    if (envelope.type === 'feedback.answered') {
      const request = feedbackAnswerNotification(
        envelope,
        await readAnsweredFeedback(envelope.data.feedbackId),
      );
      const outcome = request ? await deliverFromQueue(request, deliveryDeps, receiveCount) : 'no-contact';
      logger.info('feedback answer', { feedbackId: envelope.data.feedbackId, outcome });
      return;
    }
    const { data } = envelope;
    const profile = data.customerId ? await readEffectiveProfile(data.customerId) : undefined;
    const formUrl = complaintFormUrl(data.claimNumber, data.policyNumber);
    const requests: NotificationRequest[] = [];
    if (envelope.type === 'journey.notice-requested') {
      const facts = await quotedFacts(envelope.data, readJourneyEvent);
      requests.push(journeyNotification(envelope, facts, profile, formUrl));
    } else {
      const { customer, lead } = stalledClaimNotifications(envelope, profile, staffDirectory, formUrl);
      requests.push(lead, ...(customer ? [customer] : []));
    }
    for (const request of requests) {
      const vet = async () => (request.recipient.kind === 'customer' ? journeyRefusal(profile) : undefined);
      const outcome = await deliverFromQueue(request, { ...deliveryDeps, vet }, receiveCount);
      logger.info('journey notification', {
        type: request.type,
        purpose: request.purpose,
        channel: request.recipient.channel,
        customerId: request.customerId,
        outcome,
      });
    }
  },
);
