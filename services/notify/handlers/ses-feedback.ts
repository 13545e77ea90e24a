/**
 * SES bounce and complaint events (default bus → its own queue): permanent bounces and complaints
 * put the address on the suppression list, which every later send checks. Logs carry SES's
 * feedback id and counts, never an address.
 */
import { sqsForeignEventHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { recordSuppression } from '../adapters/dynamo-message-log';
import { SES_SOURCE, suppressionsFrom } from '../domain/ses-feedback';

export const handler = sqsForeignEventHandler(async (event) => {
  if (event.source !== SES_SOURCE) return;
  const suppressions = suppressionsFrom(event);
  for (const suppression of suppressions) {
    const outcome = await recordSuppression(suppression);
    logger.info('email feedback', {
      reason: suppression.reason,
      feedbackId: suppression.feedbackId,
      outcome,
    });
  }
  if (suppressions.length === 0)
    logger.info('email feedback needs no suppression', { detailType: event['detail-type'] });
});
