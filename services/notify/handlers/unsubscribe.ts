/**
 * `GET /v1/unsubscribe?token=` shows a confirmation page and changes nothing (mail scanners
 * prefetch links); `POST /v1/unsubscribe?token=` withdraws the consent the token names — from the
 * page's button, or from a mail client's RFC 8058 one-click request. A missing, tampered, expired
 * or foreign token is a 400 problem and changes nothing. Logs name the customer id, never a token.
 */
import { clock } from '#shared/clock';
import { ValidationFailed } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { logger } from '#shared/observability/logger';
import { withdrawConsent } from '../adapters/customer-profiles';
import { unsubscribePath, verifyUnsubscribe } from '../adapters/unsubscribe-links';
import { confirmationPage, unsubscribedPage } from '../domain/unsubscribe-page';
import {
  InvalidUnsubscribeToken,
  UnsubscribeQuery as Query,
  type UnsubscribeClaims,
} from '../domain/unsubscribe-token';

/** The pages post to themselves and carry inline styles; nothing else is allowed. */
const PAGE_POLICY = {
  'form-action': "'self'",
  'style-src': "'unsafe-inline'",
  sandbox: 'allow-forms allow-same-origin',
};

async function claimsOf(token: string): Promise<UnsubscribeClaims> {
  try {
    return await verifyUnsubscribe(token);
  } catch (error) {
    if (!(error instanceof InvalidUnsubscribeToken)) throw error;
    logger.info('unsubscribe token refused', { why: error.why });
    throw new ValidationFailed(
      [{ path: 'query.token', message: 'The link is invalid or has expired.' }],
      'This unsubscribe link is invalid or has expired. 退订链接无效或已过期。',
    );
  }
}

const html = (text: string) => ({
  status: 200,
  text,
  contentType: 'text/html; charset=utf-8',
  headers: { 'cache-control': 'no-store' },
});

export const handler = httpRoute({ query: Query, contentSecurityPolicy: PAGE_POLICY }, async (request) => {
  const claims = await claimsOf(request.query.token);
  if (request.routeKey.startsWith('GET ')) {
    return html(confirmationPage(claims.consent, unsubscribePath(request.query.token)));
  }
  const outcome = await withdrawConsent(claims.customerId, claims.consent, clock.now());
  logger.info('unsubscribe', {
    customerId: claims.customerId,
    consent: claims.consent,
    campaignId: claims.campaignId,
    outcome,
  });
  return html(unsubscribedPage(claims.consent));
});
