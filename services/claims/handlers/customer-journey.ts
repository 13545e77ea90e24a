/** GET /v1/customers/{customerId}/journey: policies, claims, complaints, newest first (admin and case team). */
import { staffRoute } from '#shared/middleware/http';
import { CustomerPath } from '../../care/domain/care-requests';
import { journeySources } from '../adapters/journey-sources';
import { customerJourney } from '../domain/customer-journey';

export const handler = staffRoute({ path: CustomerPath }, async ({ path, principal }) => {
  return { status: 200, body: await customerJourney(path.customerId, principal, journeySources) };
});
