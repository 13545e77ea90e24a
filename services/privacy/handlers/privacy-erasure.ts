/**
 * Consumes `privacy.erasure-requested` on its own queue: carries out an erasure request, with the
 * complaints kept as skeletons under their retention holds. A function of its own because it is the
 * only one that may rewrite and delete the person's items in every table and their files; on a
 * queue so that a large customer's erasure is not bound by API Gateway's 29 s, and a pass that
 * fails is delivered again (then to the DLQ) until one finishes.
 */
import { sqsHandler } from '#shared/middleware/sqs';
import { logger } from '#shared/observability/logger';
import { erasureDeps } from '../adapters/deps';
import { carryOutErasure } from '../domain/erasure';

export const handler = sqsHandler(['privacy.erasure-requested'], async ({ envelope, receiveCount }) => {
  const { requestId, requestedBy } = envelope.data;
  const done = await carryOutErasure(requestId, requestedBy, erasureDeps);
  // counts only: the request names the customer by id, which stays out of the logs
  logger.info('erasure', {
    requestId,
    receiveCount,
    outcome: done ? 'completed' : 'not erasing (done already)',
    ...(done?.erasure && 'erased' in done.erasure ? { erased: done.erasure.erased } : {}),
  });
});
