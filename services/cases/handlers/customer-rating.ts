/**
 * POST /v1/ratings — the customer's satisfaction rating (1–5 and a comment) from the rating page,
 * which the follow-up message's signed link opens. It records the `follow-up` action on the case,
 * once per complaint: a second rating is a 409 that changes nothing. A forged, expired or foreign
 * link is a 400 on `body.t`. Logs name the reference, never the comment or the token.
 */
import { ValidationFailed } from '#shared/http/errors';
import { InvalidCustomerLink } from '#shared/links/customer-link-token';
import { referenceOfLink } from '#shared/links/customer-links';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { caseDeps } from '../adapters/deps';
import { complaintByReference } from '../adapters/dynamo-case-store';
import { CustomerRatingRequest } from '../domain/case-requests';
import type { CustomerRatingRecorded } from '../domain/case-responses';
import { recordCustomerRating } from '../domain/case-work';

async function referenceOf(token: string): Promise<string> {
  try {
    return await referenceOfLink(token, 'rating');
  } catch (error) {
    if (!(error instanceof InvalidCustomerLink)) throw error;
    logger.info('rating link refused', { why: error.why });
    throw new ValidationFailed(
      [{ path: 'body.t', message: 'The link is invalid or has expired.' }],
      'This rating link is invalid or has expired. 评价链接无效或已过期。',
    );
  }
}

export const handler = httpRoute({ body: CustomerRatingRequest }, async ({ body, requestId }) => {
  const reference = await referenceOf(body.t);
  const rating = { satisfaction: body.satisfaction, ...(body.comment ? { comment: body.comment } : {}) };
  const complaint = await recordCustomerRating(
    reference,
    rating,
    { ...caseDeps, findByReference: complaintByReference },
    requestId,
  );
  logger.info('customer rating recorded', { reference, satisfaction: body.satisfaction });
  const answer: CustomerRatingRecorded = {
    reference,
    satisfaction: body.satisfaction,
    recordedAt: complaint.followUp?.recordedAt ?? '',
  };
  return { status: 201, body: answer, headers: { 'cache-control': 'no-store' } };
});
