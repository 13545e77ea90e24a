/** GET /v1/customers/{customerId}/journey: policies, claims, complaints, newest first (admin and case team). */
import { Unauthenticated } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { CustomerPath } from '../../care/domain/care-requests';
import { journeySources } from '../adapters/journey-sources';
import { customerJourney } from '../domain/customer-journey';

export const handler = httpRoute({ path: CustomerPath }, async ({ path, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return { status: 200, body: await customerJourney(path.customerId, principal, journeySources) };
});
