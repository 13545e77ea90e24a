/**
 * Consumes `care.message-requested` on its own queue (a campaign burst never delays a complaint
 * acknowledgement): reads the customer's profile fresh, applies the care rules and sends the
 * campaign's content in the customer's language on their channel, with an unsubscribe link,
 * exactly once per dedupe key.
 */
import { CareMessageRequested } from '../../../shared/contracts/care-message';
import { fieldErrors } from '../../../shared/http/validation';
import { sqsHandler } from '../../../shared/middleware/sqs';
import { logger } from '../../../shared/observability/logger';
import { readEffectiveProfile } from '../adapters/customer-profiles';
import { deliveryDeps } from '../adapters/deps';
import { unsubscribeUrl } from '../adapters/unsubscribe-links';
import { careNotification, careRefusal } from '../domain/care';
import { deliverFromQueue } from '../domain/deliver';

export const handler = sqsHandler(async ({ envelope, receiveCount }) => {
  if (envelope.type !== 'care.message-requested') return;
  const parsed = CareMessageRequested.safeParse(envelope.data);
  if (!parsed.success) {
    // a retry cannot fix it: after the retries it waits in the DLQ, with the paths (never values) here
    const paths = fieldErrors(parsed.error.issues).map((e) => `${e.path}: ${e.message}`);
    throw new Error(`care.message-requested ${envelope.id} is invalid: ${paths.join('; ')}`);
  }
  const data = parsed.data;
  const profile = await readEffectiveProfile(data.customerId);
  const link = await unsubscribeUrl({
    customerId: data.customerId,
    consent: data.consent,
    campaignId: data.campaignId,
  });
  const request = careNotification(envelope, data, profile, link);
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
