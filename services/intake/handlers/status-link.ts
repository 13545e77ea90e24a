/**
 * GET /v1/status?t=… — the status a signed link from our messages shows (the page /status?t=
 * reads it). A forged, expired or foreign link is a 400 on `query.t` and says no more than that.
 */
import { CustomerLinkQuery } from '#shared/contracts/complaint-requests';
import { ValidationFailed } from '#shared/http/errors';
import { InvalidCustomerLink } from '#shared/links/customer-link-token';
import { referenceOfLink } from '#shared/links/customer-links';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { intakeDeps } from '../adapters/deps';
import { admitStatusLookupFrom } from '../adapters/status-lookup-limit';
import { lookUpStatusByLink } from '../domain/look-up-status';

async function referenceOf(token: string): Promise<string> {
  try {
    return await referenceOfLink(token, 'status');
  } catch (error) {
    if (!(error instanceof InvalidCustomerLink)) throw error;
    logger.info('status link refused', { why: error.why });
    throw new ValidationFailed(
      [{ path: 'query.t', message: 'The link is invalid or has expired.' }],
      'This status link is invalid or has expired. 查询链接无效或已过期。',
    );
  }
}

export const handler = httpRoute({ query: CustomerLinkQuery }, async ({ query, sourceIp }) => {
  await admitStatusLookupFrom(sourceIp);
  return {
    status: 200,
    body: await lookUpStatusByLink(await referenceOf(query.t), intakeDeps),
    headers: { 'cache-control': 'no-store' },
  };
});
