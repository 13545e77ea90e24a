/** The reference a customer's signed link names (the NPS ask, the invitation), or a 400 on `query.t`. */
import { ValidationFailed } from '#shared/http/errors';
import { InvalidCustomerLink } from '#shared/links/customer-link-token';
import { referenceOfLink } from '#shared/links/customer-links';
import { logger } from '#shared/observability/logger';

export async function askOfLink(token: string, purpose: 'nps' | 'rsvp'): Promise<string> {
  try {
    return await referenceOfLink(token, purpose);
  } catch (error) {
    if (!(error instanceof InvalidCustomerLink)) throw error;
    logger.info('customer link refused', { purpose, why: error.why });
    throw new ValidationFailed(
      [{ path: 'query.t', message: 'The link is invalid or has expired.' }],
      'This link is invalid or has expired. 链接无效或已过期。',
    );
  }
}
