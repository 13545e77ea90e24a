/** GET /v1/complaints/{reference}/status?contact=… — the customer's own status lookup. */
import { StatusLookupPath, StatusLookupQuery } from '#shared/contracts/complaint-requests';
import { httpRoute } from '#shared/middleware/http';
import { intakeDeps } from '../adapters/deps';
import { admitStatusLookupFrom } from '../adapters/status-lookup-limit';
import { lookUpStatus } from '../domain/look-up-status';

export const handler = httpRoute(
  { path: StatusLookupPath, query: StatusLookupQuery },
  async ({ path, query, sourceIp }) => {
    await admitStatusLookupFrom(sourceIp);
    return {
      status: 200,
      body: await lookUpStatus(path.reference, query.contact, intakeDeps),
      headers: { 'cache-control': 'no-store' },
    };
  },
);
