/**
 * care-notification-outcomes: counts each care message's outcome once into its campaign run,
 * releases the article of a suppressed knowledge message and, for a sent message, moves the
 * customer's last contact forward (never back). Notifications that
 * are not care messages (no run) are none of its business.
 */
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { releaseArticleClaim } from '../adapters/dynamo-article-store';
import { countRunOutcome, moveLastContact, readCareProfile } from '../adapters/dynamo-care-records';
import { CareOutcome, counterOf, laterContact, type OutcomeType } from '../domain/run-outcomes';

const outcomeTypes = ['notification.sent', 'notification.failed', 'notification.suppressed'] as const;

export const handler = sqsHandler(outcomeTypes, async ({ envelope }) => {
  // only care messages carry a run; the others are no business of this consumer
  const parsed = CareOutcome.safeParse(envelope.data);
  if (!parsed.success) return;
  const outcome = parsed.data;
  const type: OutcomeType = envelope.type;
  const at = new Date(envelope.occurredAt).toISOString();

  const counter = counterOf(type, outcome.reason);
  const counted = await countRunOutcome({ ...outcome, counter, at });
  logger.info('care outcome', { campaignId: outcome.campaignId, runId: outcome.runId, counter, counted });

  // also on a repeat, like the contact below: a knowledge article not delivered (frequency cap,
  // consent, quiet hours) goes back to the customer's unsent articles for the next cadence day
  if (type === 'notification.suppressed' && (await releaseArticleClaim(outcome.dedupeKey)))
    logger.info('article claim released', { campaignId: outcome.campaignId, runId: outcome.runId });

  // also on a repeat: the first delivery may have counted and then failed before this step
  if (type !== 'notification.sent') return;
  for (let attempt = 0; attempt < 5; attempt++) {
    const profile = await readCareProfile(outcome.customerId);
    if (!profile || laterContact(profile.lastContactAt, at) === undefined) return;
    if ((await moveLastContact(profile, at)) === 'moved') return;
  }
  throw new Error('the profile kept changing while moving the last contact');
});
