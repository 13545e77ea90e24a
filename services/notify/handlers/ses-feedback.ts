/**
 * SES events (default bus → its own queue): a "Send" event is the receipt of an accepted email;
 * permanent bounces and complaints put the address on the suppression list, which every later
 * send checks. Logs carry SES's
 * feedback id and counts, never an address.
 */
import { sqsForeignEventHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { recordSuppression } from '../adapters/dynamo-message-log';
import { recordReceipt } from '../adapters/provider-receipts';
import { receiptFrom, SES_SOURCE, suppressionsFrom } from '../domain/ses-feedback';

export const handler = sqsForeignEventHandler(async (event) => {
  if (event.source !== SES_SOURCE) return;
  const receipt = receiptFrom(event);
  if (receipt) {
    logger.info('email accepted', { providerId: receipt.providerId, outcome: await recordReceipt(receipt) });
    return;
  }
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
