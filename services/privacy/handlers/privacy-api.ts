/**
 * POST /v1/privacy/requests (an admin records a customer's verified request) and
 * GET /v1/privacy/requests/{requestId} (the request, its statutory deadline and its alerts).
 */
import { Unauthenticated } from '#shared/http/errors';
import type { Principal } from '#shared/http/principal';
import { httpRoute } from '#shared/middleware/http';
import { privacyDeps } from '../adapters/deps';
import { privacyRequestView, recordPrivacyRequest } from '../domain/privacy-requests';
import { NewPrivacyRequest, PrivacyRequestPath } from '../domain/request-contracts';

function caller(principal: Principal | undefined): Principal {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return principal;
}

const create = httpRoute({ body: NewPrivacyRequest }, async ({ body, principal }) => {
  const request = await recordPrivacyRequest(body, caller(principal), privacyDeps);
  return { status: 201, body: request, headers: { location: `/v1/privacy/requests/${request.requestId}` } };
});

const detail = httpRoute({ path: PrivacyRequestPath }, async ({ path, principal }) => {
  caller(principal);
  return { status: 200, body: await privacyRequestView(path.requestId, privacyDeps) };
});

export const handler: typeof detail = ((event, context) => {
  switch (event.routeKey) {
    case 'POST /v1/privacy/requests':
      return create(event, context);
    default:
      return detail(event, context);
  }
}) as typeof detail;
