/**
 * Consumes `care.message-requested` on its own queue (a campaign burst never delays a complaint
 * acknowledgement): reads the customer's profile fresh, applies the care rules and sends the
 * campaign's content in the customer's language on their channel, with an unsubscribe link (and,
 * for the satisfaction follow-up, a link to rate the complaint), exactly once per dedupe key.
 */
import { customerLinkUrl } from '#shared/links/customer-links';
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps } from '../adapters/deps';
import { unsubscribeUrl } from '../adapters/unsubscribe-links';
import { careNotification, careRefusal } from '../domain/care';
import { deliverFromQueue } from '../domain/deliver';

// a request that breaks the contract never gets here: sqsHandler refuses it with its reason (DLQ)
export const handler = sqsHandler(['care.message-requested'], async ({ envelope, receiveCount }) => {
  const { data } = envelope;
  const profile = await readEffectiveProfile(data.customerId);
  const link = await unsubscribeUrl({
    customerId: data.customerId,
    consent: data.consent,
    campaignId: data.campaignId,
  });
  // the satisfaction follow-up links to its one-tap rating page
  const ratingUrl = data.ratingReference && (await customerLinkUrl(data.ratingReference, 'rating'));
  const request = careNotification(envelope, data, profile, link, ratingUrl || undefined);
  // the profile was just read: vet against it rather than reading it again
  const outcome = await deliverFromQueue(
    request,
    { ...deliveryDeps, vet: async () => careRefusal(profile, data) },
    receiveCount,
  );
  logger.info('care notification', {
    campaignId: data.campaignId,
    runId: data.runId,
    customerId: data.customerId,
    channel: request.recipient.channel,
    outcome,
  });
});
