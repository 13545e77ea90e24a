/**
 * POST /v1/privacy/requests/{requestId}/complete (admins): an erasure request carried out, with the
 * complaints kept as skeletons under their retention holds. A function of its own because it is the
 * only one that may rewrite and delete the person's items in every table and their files.
 */
import { Unauthenticated } from '#shared/http/errors';
import { httpRoute } from '#shared/middleware/http';
import { erasureDeps } from '../adapters/deps';
import { completeErasure } from '../domain/erasure';
import { PrivacyRequestPath } from '../domain/request-contracts';

export const handler = httpRoute({ path: PrivacyRequestPath }, async ({ path, principal }) => {
  if (!principal) throw new Unauthenticated('A valid bearer token is required.');
  return { status: 200, body: await completeErasure(path.requestId, principal, erasureDeps) };
});
