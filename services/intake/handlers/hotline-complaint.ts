/** POST /v1/integrations/hotline/complaints — the call centre's CTI system, HMAC-signed. */
import { HotlineComplaintRequest } from '#shared/contracts/complaint-requests';
import { verifyHotlineRequest } from '#shared/http/hotline-signature';
import { httpRoute } from '#shared/middleware/http';
import { intakeDeps } from '../adapters/deps';
import { fileComplaint } from '../domain/file-complaint';
import { correlationIdOf, filedResponse } from './http-common';

export const handler = httpRoute(
  {
    body: HotlineComplaintRequest,
    // transcripts are long; the signature is checked before the body is even parsed
    maxBodyBytes: 256 * 1024,
    verify: (headers, rawBody) => verifyHotlineRequest(headers['x-signature'], rawBody),
  },
  async ({ body, headers, requestId }) => {
    const correlationId = correlationIdOf(headers, requestId);
    const result = await fileComplaint({ channel: 'hotline', request: body, correlationId }, intakeDeps);
    return filedResponse(result, correlationId);
  },
);
